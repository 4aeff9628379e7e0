-- An audit trail an investment committee can rely on (issue 24). Every save is a change set: when it
-- was made (UTC, to the millisecond), by whom, why, and which versions it added. Two saves on one day
-- are two change sets, so a day's second change no longer revises the first: the UNIQUE on
-- (sector, item, effective_from) goes, and a version is unique within its change set instead.
--
-- Nothing is deleted or changed in place. Triggers refuse any DELETE of a version or a change set,
-- any UPDATE of a change set, and any UPDATE of a version except closing it once (effective_to set,
-- is_current 1 → 0, every other column as it was): the seed's effective dating keeps its columns,
-- and closing records only what the next version already says. Replacing a whole database (the
-- demo reset, `copy --replace`) lifts these triggers for its own transaction.
--
-- Existing rows each become their own change set (author unknown, made at midnight UTC of their
-- effective_from, their own rationale), numbered in the order they took effect. The two tables are
-- rebuilt as migration 006 rebuilt them (SQLite changes a constraint only that way), with their
-- indexes and the config_changes triggers of migration 003.

CREATE TABLE config_change_sets (
  change_set_id INTEGER PRIMARY KEY,
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id),
  made_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%fZ', made_at) IS made_at),
  -- NULL: not known (a version from before change sets were kept).
  author TEXT CHECK (author IS NULL OR length(author) BETWEEN 1 AND 100),
  rationale TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('seed', 'edit', 'revert', 'revert_set', 'import', 'migrated', 'external')),
  -- The change set a 'revert_set' undid.
  reverts INTEGER REFERENCES config_change_sets (change_set_id),
  CHECK ((kind = 'revert_set') = (reverts IS NOT NULL)),
  -- What a version's foreign key names: its change set is of its own sector.
  UNIQUE (change_set_id, focus_group_id)
);

CREATE INDEX idx_change_sets_sector ON config_change_sets (focus_group_id, change_set_id);

CREATE TEMP TABLE migrated_versions AS
SELECT row_number() OVER (ORDER BY effective_from, source, id) AS change_set_id, source, id, focus_group_id,
  effective_from, rationale
FROM (
  SELECT 'calibration' AS source, calibration_id AS id, focus_group_id, effective_from, rationale
  FROM focus_group_calibrations
  UNION ALL
  SELECT 'weight', weight_id, focus_group_id, effective_from, weight_rationale FROM focus_group_dimension_weights
);

INSERT INTO config_change_sets (change_set_id, focus_group_id, made_at, author, rationale, kind)
SELECT change_set_id, focus_group_id, effective_from || 'T00:00:00.000Z', NULL, rationale, 'migrated'
FROM temp.migrated_versions;

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
  -- NULL only while a statement that named none runs: trg_history_*_external fills it.
  change_set_id INTEGER,
  FOREIGN KEY (change_set_id, focus_group_id) REFERENCES config_change_sets (change_set_id, focus_group_id),
  UNIQUE (change_set_id, dimension_id)
);

INSERT INTO focus_group_dimension_weights_new
  (weight_id, focus_group_id, dimension_id, weight, weight_rationale, effective_from, effective_to, is_current,
   created_at, change_set_id)
SELECT w.weight_id, w.focus_group_id, w.dimension_id, w.weight, w.weight_rationale, w.effective_from,
  w.effective_to, w.is_current, w.created_at, m.change_set_id
FROM focus_group_dimension_weights w
JOIN temp.migrated_versions m ON m.source = 'weight' AND m.id = w.weight_id;

DROP TABLE focus_group_dimension_weights;
ALTER TABLE focus_group_dimension_weights_new RENAME TO focus_group_dimension_weights;

CREATE INDEX idx_weights_focus_group ON focus_group_dimension_weights (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_weights_current ON focus_group_dimension_weights (focus_group_id, dimension_id) WHERE is_current = 1;
CREATE INDEX idx_weights_versions ON focus_group_dimension_weights (focus_group_id, dimension_id, change_set_id);

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
  -- NULL only while a statement that named none runs: trg_history_*_external fills it.
  change_set_id INTEGER,
  FOREIGN KEY (change_set_id, focus_group_id) REFERENCES config_change_sets (change_set_id, focus_group_id),
  UNIQUE (change_set_id, parameter_name)
);

INSERT INTO focus_group_calibrations_new
  (calibration_id, focus_group_id, parameter_name, parameter_value, parameter_type, description, rationale,
   effective_from, effective_to, is_current, created_at, change_set_id)
SELECT c.calibration_id, c.focus_group_id, c.parameter_name, c.parameter_value, c.parameter_type, c.description,
  c.rationale, c.effective_from, c.effective_to, c.is_current, c.created_at, m.change_set_id
FROM focus_group_calibrations c
JOIN temp.migrated_versions m ON m.source = 'calibration' AND m.id = c.calibration_id;

DROP TABLE focus_group_calibrations;
ALTER TABLE focus_group_calibrations_new RENAME TO focus_group_calibrations;

CREATE INDEX idx_calibrations_focus_group ON focus_group_calibrations (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_calibrations_current ON focus_group_calibrations (focus_group_id, parameter_name) WHERE is_current = 1;
CREATE INDEX idx_calibrations_versions ON focus_group_calibrations (focus_group_id, parameter_name, change_set_id);

DROP TABLE temp.migrated_versions;

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

-- The history's guards: named trg_history_*, which is how a whole-database replacement finds them.

CREATE TRIGGER trg_history_change_sets_kept BEFORE DELETE ON config_change_sets
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a change set is never deleted');
END;

CREATE TRIGGER trg_history_change_sets_fixed BEFORE UPDATE ON config_change_sets
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a change set is never changed');
END;

CREATE TRIGGER trg_history_weights_kept BEFORE DELETE ON focus_group_dimension_weights
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a version is never deleted');
END;

CREATE TRIGGER trg_history_weights_closed_once BEFORE UPDATE ON focus_group_dimension_weights
WHEN NOT (OLD.change_set_id IS NULL AND NEW.change_set_id IS NOT NULL AND NEW.weight IS OLD.weight
  AND NEW.is_current IS OLD.is_current AND NEW.effective_to IS OLD.effective_to) AND NOT (
  OLD.is_current = 1 AND NEW.is_current = 0 AND OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
  AND NEW.weight_id IS OLD.weight_id AND NEW.focus_group_id IS OLD.focus_group_id
  AND NEW.dimension_id IS OLD.dimension_id AND NEW.weight IS OLD.weight
  AND NEW.weight_rationale IS OLD.weight_rationale AND NEW.effective_from IS OLD.effective_from
  AND NEW.created_at IS OLD.created_at AND NEW.change_set_id IS OLD.change_set_id
)
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a version is only closed, once, and never changed');
END;

CREATE TRIGGER trg_history_calibrations_kept BEFORE DELETE ON focus_group_calibrations
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a version is never deleted');
END;

CREATE TRIGGER trg_history_calibrations_closed_once BEFORE UPDATE ON focus_group_calibrations
WHEN NOT (OLD.change_set_id IS NULL AND NEW.change_set_id IS NOT NULL
  AND NEW.parameter_value IS OLD.parameter_value AND NEW.is_current IS OLD.is_current
  AND NEW.effective_to IS OLD.effective_to) AND NOT (
  OLD.is_current = 1 AND NEW.is_current = 0 AND OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
  AND NEW.calibration_id IS OLD.calibration_id AND NEW.focus_group_id IS OLD.focus_group_id
  AND NEW.parameter_name IS OLD.parameter_name AND NEW.parameter_value IS OLD.parameter_value
  AND NEW.parameter_type IS OLD.parameter_type AND NEW.description IS OLD.description
  AND NEW.rationale IS OLD.rationale AND NEW.effective_from IS OLD.effective_from
  AND NEW.created_at IS OLD.created_at AND NEW.change_set_id IS OLD.change_set_id
)
BEGIN
  SELECT RAISE(ABORT, 'The configuration history is kept: a version is only closed, once, and never changed');
END;

-- A version inserted by SQL that names no change set (the seed's own INSERTs, a script) gets one
-- of its own, kind 'external', author unknown: nothing enters history unrecorded. SQLite cannot
-- set NEW in a BEFORE trigger, so the row is given its change set right after it is inserted.

CREATE TRIGGER trg_history_weights_external AFTER INSERT ON focus_group_dimension_weights
WHEN NEW.change_set_id IS NULL
BEGIN
  INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
  VALUES (NEW.focus_group_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, NEW.weight_rationale, 'external');
  UPDATE focus_group_dimension_weights SET change_set_id = last_insert_rowid() WHERE weight_id = NEW.weight_id;
END;

CREATE TRIGGER trg_history_calibrations_external AFTER INSERT ON focus_group_calibrations
WHEN NEW.change_set_id IS NULL
BEGIN
  INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
  VALUES (NEW.focus_group_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, NEW.rationale, 'external');
  UPDATE focus_group_calibrations SET change_set_id = last_insert_rowid() WHERE calibration_id = NEW.calibration_id;
END;

-- Instances running on this file read every sector again.
INSERT INTO config_changes (focus_group_id) VALUES (NULL);
