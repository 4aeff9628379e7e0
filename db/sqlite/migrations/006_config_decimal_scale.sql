-- Decimal scale as the seed declares it: weight DECIMAL(4,3), parameter_value DECIMAL(10,4). SQLite
-- stores any double, so a CHECK now requires each value to equal its own rounding: no tool can
-- store a weight of 0.1234 or a calibration of 1.23456789. Calibrations also gain `rationale`: why a
-- version has its value (weights already keep one in weight_rationale), while `description` keeps
-- saying what the parameter means.
--
-- SQLite adds a CHECK only by rebuilding the table: create the new one, copy the rows, drop the old,
-- rename, then recreate its indexes and the config_changes triggers (dropping a table drops both).
-- Values stored with more decimals by an earlier version are rounded on the way, as PostgreSQL's
-- DECIMAL would have rounded them on insert. Nothing references these two tables, so dropping them
-- checks no foreign key.

CREATE TABLE focus_group_dimension_weights_new (
  weight_id INTEGER PRIMARY KEY,
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id),
  dimension_id TEXT NOT NULL REFERENCES dimensions (dimension_id),
  weight NUMERIC NOT NULL CHECK (
    typeof(weight) IN ('integer', 'real') AND weight >= 0 AND weight <= 1 AND weight = round(weight, 3)
  ),
  weight_rationale TEXT,
  effective_from TEXT NOT NULL DEFAULT (date('now')) CHECK (date(effective_from) IS effective_from),
  effective_to TEXT CHECK (effective_to IS NULL OR (date(effective_to) IS effective_to AND effective_to >= effective_from)),
  is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (focus_group_id, dimension_id, effective_from)
);

INSERT INTO focus_group_dimension_weights_new
  (weight_id, focus_group_id, dimension_id, weight, weight_rationale, effective_from, effective_to, is_current, created_at)
SELECT weight_id, focus_group_id, dimension_id, round(weight, 3), weight_rationale, effective_from, effective_to, is_current, created_at
FROM focus_group_dimension_weights;

DROP TABLE focus_group_dimension_weights;
ALTER TABLE focus_group_dimension_weights_new RENAME TO focus_group_dimension_weights;

CREATE INDEX idx_weights_focus_group ON focus_group_dimension_weights (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_weights_current ON focus_group_dimension_weights (focus_group_id, dimension_id) WHERE is_current = 1;

CREATE TABLE focus_group_calibrations_new (
  calibration_id INTEGER PRIMARY KEY,
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id),
  parameter_name TEXT NOT NULL CHECK (length(parameter_name) BETWEEN 1 AND 100),
  parameter_value NUMERIC NOT NULL CHECK (
    typeof(parameter_value) IN ('integer', 'real') AND abs(parameter_value) < 1e6
    AND parameter_value = round(parameter_value, 4)
  ),
  parameter_type TEXT NOT NULL DEFAULT 'numeric' CHECK (parameter_type IN ('numeric', 'threshold', 'multiplier')),
  description TEXT,
  rationale TEXT,
  effective_from TEXT NOT NULL DEFAULT (date('now')) CHECK (date(effective_from) IS effective_from),
  effective_to TEXT CHECK (effective_to IS NULL OR (date(effective_to) IS effective_to AND effective_to >= effective_from)),
  is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (focus_group_id, parameter_name, effective_from)
);

INSERT INTO focus_group_calibrations_new
  (calibration_id, focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from, effective_to, is_current, created_at)
SELECT calibration_id, focus_group_id, parameter_name, round(parameter_value, 4), parameter_type, description, effective_from, effective_to, is_current, created_at
FROM focus_group_calibrations;

DROP TABLE focus_group_calibrations;
ALTER TABLE focus_group_calibrations_new RENAME TO focus_group_calibrations;

CREATE INDEX idx_calibrations_focus_group ON focus_group_calibrations (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_calibrations_current ON focus_group_calibrations (focus_group_id, parameter_name) WHERE is_current = 1;

-- The triggers of migration 003, as they were.

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

-- Values may have been rounded: instances running on this file drop every cached configuration.
INSERT INTO config_changes (focus_group_id) VALUES (NULL);
