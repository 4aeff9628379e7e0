-- Analysts' own organizations (issue 18), as SQLite's migration 009 gives the SQLite side:
--
-- 1. Version: updated_at is the row's version, kept to milliseconds (what the app shows of it). An
--    update that leaves it as it was (a script) moves it forward, and so does an update of the
--    organization's attribute row; it always moves by at least a millisecond.
-- 2. organization_change_log: one row per organization inserted, updated or deleted by any session,
--    written per statement from its transition table. The counts' trigger has already locked
--    organization_changes (it runs first: triggers fire in name order), so writers take sequence
--    numbers in the order they commit, and a reader that saw row n has seen every row before it.
--    It keeps the newest 10,000 rows; a TRUNCATE logs one row for everything.
-- 3. The ranges SQLite's schema has always checked and this one did not: shares within 0..100 and
--    amounts that cannot be negative (found by the import's property test, which tries the same
--    values on both engines).

ALTER TABLE org_attributes_financial_services
  ADD CONSTRAINT org_attributes_financial_services_aum_billions_check CHECK (aum_billions >= 0),
  ADD CONSTRAINT org_attributes_financial_services_total_assets_billions_check CHECK (total_assets_billions >= 0);
ALTER TABLE org_attributes_retail
  ADD CONSTRAINT org_attributes_retail_ecommerce_pct_check CHECK (ecommerce_pct BETWEEN 0 AND 100);
ALTER TABLE org_attributes_energy
  ADD CONSTRAINT org_attributes_energy_smart_grid_pct_check CHECK (smart_grid_pct BETWEEN 0 AND 100),
  ADD CONSTRAINT org_attributes_energy_generation_capacity_mw_check CHECK (generation_capacity_mw >= 0),
  ADD CONSTRAINT org_attributes_energy_renewable_pct_check CHECK (renewable_pct BETWEEN 0 AND 100);

CREATE TABLE organization_change_log (
  seq BIGSERIAL PRIMARY KEY,
  organization_id UUID,
  rows INTEGER NOT NULL DEFAULT 1 CHECK (rows >= 1)
);

CREATE FUNCTION organization_version_after(previous TIMESTAMP) RETURNS TIMESTAMP
LANGUAGE sql VOLATILE AS $$
  SELECT greatest(
    date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC'),
    date_trunc('milliseconds', previous) + interval '1 millisecond'
  )
$$;

CREATE FUNCTION keep_organization_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := organization_version_after(OLD.updated_at);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_organizations_version BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION keep_organization_version();

CREATE FUNCTION bump_organization_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organizations SET updated_at = organization_version_after(updated_at)
  WHERE organization_id = NEW.organization_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_org_attributes_manufacturing_version AFTER UPDATE ON org_attributes_manufacturing
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_financial_services_version AFTER UPDATE ON org_attributes_financial_services
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_healthcare_version AFTER UPDATE ON org_attributes_healthcare
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_technology_version AFTER UPDATE ON org_attributes_technology
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_retail_version AFTER UPDATE ON org_attributes_retail
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_energy_version AFTER UPDATE ON org_attributes_energy
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();
CREATE TRIGGER trg_org_attributes_professional_services_version AFTER UPDATE ON org_attributes_professional_services
  FOR EACH ROW EXECUTE FUNCTION bump_organization_version();

CREATE FUNCTION log_organization_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO organization_change_log (organization_id) VALUES (NULL);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organization_change_log (organization_id) SELECT organization_id FROM old_rows;
  ELSE
    INSERT INTO organization_change_log (organization_id) SELECT organization_id FROM new_rows;
  END IF;
  DELETE FROM organization_change_log
  WHERE seq <= (SELECT max(seq) FROM organization_change_log) - 10000;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_organization_log_insert AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_organization_changes();
CREATE TRIGGER trg_organization_log_update AFTER UPDATE ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_organization_changes();
CREATE TRIGGER trg_organization_log_delete AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_organization_changes();
CREATE TRIGGER trg_organization_log_truncate AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION log_organization_changes();
