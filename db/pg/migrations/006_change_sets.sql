-- An audit trail an investment committee can rely on (issue 24), as SQLite's change-set migration
-- makes it: every save is a change set (when, to the millisecond in UTC, by whom, why), two saves on one day
-- are two change sets, and nothing is deleted or changed in place. Triggers refuse a DELETE of a
-- version or a change set, any UPDATE of a change set, and any UPDATE of a version but closing it
-- once (effective_to set, is_current true → false, every other column as it was). A whole-database
-- replacement (the demo reset, `copy --replace`) empties the tables with TRUNCATE, which row
-- triggers do not see. Existing rows each become their own change set (author unknown, made at
-- midnight UTC of their effective_from, their own rationale), numbered in the order they took effect.

CREATE TABLE config_change_sets (
  change_set_id SERIAL PRIMARY KEY,
  focus_group_id VARCHAR(50) NOT NULL REFERENCES focus_groups (focus_group_id),
  -- UTC, as the other TIMESTAMP columns (every session runs with TimeZone=UTC).
  made_at TIMESTAMP(3) NOT NULL,
  -- NULL: not known (a version from before change sets were kept).
  author VARCHAR(100) CHECK (length(author) >= 1),
  rationale TEXT,
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('seed', 'edit', 'revert', 'revert_set', 'import', 'migrated', 'external')),
  -- The change set a 'revert_set' undid.
  reverts INTEGER REFERENCES config_change_sets (change_set_id),
  CHECK ((kind = 'revert_set') = (reverts IS NOT NULL)),
  -- What a version's foreign key names: its change set is of its own sector.
  UNIQUE (change_set_id, focus_group_id)
);

CREATE INDEX idx_change_sets_sector ON config_change_sets (focus_group_id, change_set_id);

CREATE TEMP TABLE migrated_versions ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY effective_from, source, id)::integer AS change_set_id, source, id,
  focus_group_id, effective_from, rationale
FROM (
  SELECT 'calibration' AS source, calibration_id AS id, focus_group_id, effective_from, rationale
  FROM focus_group_calibrations
  UNION ALL
  SELECT 'weight', weight_id, focus_group_id, effective_from, weight_rationale FROM focus_group_dimension_weights
) AS versions;

INSERT INTO config_change_sets (change_set_id, focus_group_id, made_at, author, rationale, kind)
SELECT change_set_id, focus_group_id, effective_from::timestamp, NULL, rationale, 'migrated'
FROM migrated_versions;

SELECT setval(pg_get_serial_sequence('config_change_sets', 'change_set_id'),
  coalesce((SELECT max(change_set_id) FROM config_change_sets), 0) + 1, false);

-- The UNIQUE (sector, item, effective_from) of migration 001 on both tables, by whatever name the
-- server gave them: a day may now hold several versions of an item.
DO $$
DECLARE
  found RECORD;
BEGIN
  FOR found IN
    SELECT conrelid::regclass AS on_table, conname FROM pg_constraint
    WHERE contype = 'u' AND conrelid IN ('focus_group_dimension_weights'::regclass, 'focus_group_calibrations'::regclass)
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', found.on_table, found.conname);
  END LOOP;
END;
$$;

ALTER TABLE focus_group_dimension_weights ADD COLUMN change_set_id INTEGER;
UPDATE focus_group_dimension_weights w SET change_set_id = m.change_set_id
FROM migrated_versions m WHERE m.source = 'weight' AND m.id = w.weight_id;
ALTER TABLE focus_group_dimension_weights ALTER COLUMN change_set_id SET NOT NULL;
ALTER TABLE focus_group_dimension_weights ADD FOREIGN KEY (change_set_id, focus_group_id)
  REFERENCES config_change_sets (change_set_id, focus_group_id);
ALTER TABLE focus_group_dimension_weights ADD UNIQUE (change_set_id, dimension_id);
CREATE INDEX idx_weights_versions ON focus_group_dimension_weights (focus_group_id, dimension_id, change_set_id);

ALTER TABLE focus_group_calibrations ADD COLUMN change_set_id INTEGER;
UPDATE focus_group_calibrations c SET change_set_id = m.change_set_id
FROM migrated_versions m WHERE m.source = 'calibration' AND m.id = c.calibration_id;
ALTER TABLE focus_group_calibrations ALTER COLUMN change_set_id SET NOT NULL;
ALTER TABLE focus_group_calibrations ADD FOREIGN KEY (change_set_id, focus_group_id)
  REFERENCES config_change_sets (change_set_id, focus_group_id);
ALTER TABLE focus_group_calibrations ADD UNIQUE (change_set_id, parameter_name);
CREATE INDEX idx_calibrations_versions ON focus_group_calibrations (focus_group_id, parameter_name, change_set_id);

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'The configuration history is kept: a % is never deleted',
      CASE WHEN TG_TABLE_NAME = 'config_change_sets' THEN 'change set' ELSE 'version' END
      USING ERRCODE = 'check_violation';
  END IF;
  RAISE EXCEPTION 'The configuration history is kept: %',
    CASE WHEN TG_TABLE_NAME = 'config_change_sets' THEN 'a change set is never changed'
      ELSE 'a version is only closed, once, and never changed' END
    USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER trg_history_change_sets_fixed BEFORE UPDATE OR DELETE ON config_change_sets
FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

CREATE TRIGGER trg_history_weights_kept BEFORE DELETE ON focus_group_dimension_weights
FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- Closing is the one update: every column but effective_to and is_current as it was.
CREATE TRIGGER trg_history_weights_closed_once BEFORE UPDATE ON focus_group_dimension_weights
FOR EACH ROW WHEN (NOT (
  OLD.is_current AND NOT NEW.is_current AND OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
  AND (NEW.weight_id, NEW.focus_group_id, NEW.dimension_id, NEW.weight, NEW.weight_rationale,
       NEW.effective_from, NEW.created_at, NEW.change_set_id)
    IS NOT DISTINCT FROM (OLD.weight_id, OLD.focus_group_id, OLD.dimension_id, OLD.weight,
       OLD.weight_rationale, OLD.effective_from, OLD.created_at, OLD.change_set_id)
))
EXECUTE FUNCTION refuse_history_change();

CREATE TRIGGER trg_history_calibrations_kept BEFORE DELETE ON focus_group_calibrations
FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

CREATE TRIGGER trg_history_calibrations_closed_once BEFORE UPDATE ON focus_group_calibrations
FOR EACH ROW WHEN (NOT (
  OLD.is_current AND NOT NEW.is_current AND OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
  AND (NEW.calibration_id, NEW.focus_group_id, NEW.parameter_name, NEW.parameter_value, NEW.parameter_type,
       NEW.description, NEW.rationale, NEW.effective_from, NEW.created_at, NEW.change_set_id)
    IS NOT DISTINCT FROM (OLD.calibration_id, OLD.focus_group_id, OLD.parameter_name, OLD.parameter_value,
       OLD.parameter_type, OLD.description, OLD.rationale, OLD.effective_from, OLD.created_at, OLD.change_set_id)
))
EXECUTE FUNCTION refuse_history_change();

-- A version inserted by SQL that names no change set (the seed's own INSERTs, a team's psql) gets
-- one of its own, kind 'external', by the role that ran it: nothing enters history unrecorded.
CREATE FUNCTION external_change_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
  VALUES (NEW.focus_group_id, clock_timestamp() AT TIME ZONE 'UTC', session_user,
    CASE WHEN TG_TABLE_NAME = 'focus_group_calibrations' THEN to_jsonb(NEW) ->> 'rationale'
      ELSE to_jsonb(NEW) ->> 'weight_rationale' END,
    'external')
  RETURNING change_set_id INTO NEW.change_set_id;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_history_weights_external BEFORE INSERT ON focus_group_dimension_weights
FOR EACH ROW WHEN (NEW.change_set_id IS NULL) EXECUTE FUNCTION external_change_set();

CREATE TRIGGER trg_history_calibrations_external BEFORE INSERT ON focus_group_calibrations
FOR EACH ROW WHEN (NEW.change_set_id IS NULL) EXECUTE FUNCTION external_change_set();
