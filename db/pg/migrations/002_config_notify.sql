-- Every committed configuration change is announced on channel sector_studio_config, so that each
-- running instance drops its cached copy within moments (LISTEN/NOTIFY). The payload names the
-- sector (null: every sector) and the writer's application_name, by which an instance tells its
-- own changes from those of other instances, the CLI, or a script. PostgreSQL folds identical
-- payloads of one transaction into one notification, delivered at commit.

CREATE FUNCTION notify_config_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sector TEXT;
BEGIN
  IF TG_TABLE_NAME IN ('focus_group_dimension_weights', 'focus_group_calibrations') THEN
    sector := CASE WHEN TG_OP = 'DELETE' THEN OLD.focus_group_id ELSE NEW.focus_group_id END;
  END IF;
  PERFORM pg_notify(
    'sector_studio_config',
    json_build_object('sector', sector, 'origin', current_setting('application_name'))::text
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_weights_notify AFTER INSERT OR UPDATE OR DELETE ON focus_group_dimension_weights
FOR EACH ROW EXECUTE FUNCTION notify_config_change();
CREATE TRIGGER trg_calibrations_notify AFTER INSERT OR UPDATE OR DELETE ON focus_group_calibrations
FOR EACH ROW EXECUTE FUNCTION notify_config_change();
CREATE TRIGGER trg_focus_groups_notify AFTER INSERT OR UPDATE OR DELETE ON focus_groups
FOR EACH STATEMENT EXECUTE FUNCTION notify_config_change();
CREATE TRIGGER trg_dimensions_notify AFTER INSERT OR UPDATE OR DELETE ON dimensions
FOR EACH STATEMENT EXECUTE FUNCTION notify_config_change();
