-- Every committed change to a sector's configuration leaves a row here, whichever process or tool
-- made it (the app, the CLI, another window, a script writing SQL by the effective-dating rule).
-- A running instance notices another connection's commit by PRAGMA data_version, reads the rows
-- after the last one it saw and invalidates those sectors' cached configurations.

CREATE TABLE config_changes (
  seq INTEGER PRIMARY KEY,
  -- NULL when every sector is affected (a dimension changed).
  focus_group_id TEXT,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TRIGGER trg_config_changes_weights_insert AFTER INSERT ON focus_group_dimension_weights
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_weights_update AFTER UPDATE ON focus_group_dimension_weights
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
  INSERT INTO config_changes (focus_group_id)
    SELECT OLD.focus_group_id WHERE OLD.focus_group_id IS NOT NEW.focus_group_id;
END;

CREATE TRIGGER trg_config_changes_weights_delete AFTER DELETE ON focus_group_dimension_weights
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (OLD.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_calibrations_insert AFTER INSERT ON focus_group_calibrations
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_calibrations_update AFTER UPDATE ON focus_group_calibrations
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
  INSERT INTO config_changes (focus_group_id)
    SELECT OLD.focus_group_id WHERE OLD.focus_group_id IS NOT NEW.focus_group_id;
END;

CREATE TRIGGER trg_config_changes_calibrations_delete AFTER DELETE ON focus_group_calibrations
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (OLD.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_focus_groups_insert AFTER INSERT ON focus_groups
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_focus_groups_update AFTER UPDATE ON focus_groups
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NEW.focus_group_id);
  INSERT INTO config_changes (focus_group_id)
    SELECT OLD.focus_group_id WHERE OLD.focus_group_id IS NOT NEW.focus_group_id;
END;

CREATE TRIGGER trg_config_changes_focus_groups_delete AFTER DELETE ON focus_groups
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (OLD.focus_group_id);
END;

CREATE TRIGGER trg_config_changes_dimensions_insert AFTER INSERT ON dimensions
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NULL);
END;

CREATE TRIGGER trg_config_changes_dimensions_update AFTER UPDATE ON dimensions
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NULL);
END;

CREATE TRIGGER trg_config_changes_dimensions_delete AFTER DELETE ON dimensions
BEGIN
  INSERT INTO config_changes (focus_group_id) VALUES (NULL);
END;
