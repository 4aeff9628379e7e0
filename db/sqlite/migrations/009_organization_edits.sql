-- Analysts' own organizations (issue 18): the rules PostgreSQL's types enforce that SQLite's CHECKs did
-- not yet, a version that changes with every edit, and a log of changed organizations.
--
-- 1. Types: INTEGER holds -2147483648..2147483647, DECIMAL(p,s) at most s decimals below 10^(p-s),
--    and an array's items are text of at most 100 characters (PostgreSQL's VARCHAR(100)[]). SQLite
--    stores any of these without complaint; these triggers refuse them with the column's name, so
--    that both engines accept exactly the same values (the import's property tests check it).
--    Triggers rather than CHECKs: adding a CHECK means rebuilding organizations, a million rows.
-- 2. Version: updated_at is the row's version. An edit states the version it was made on and is
--    refused when another was saved first. Whoever writes (the app, the CLI, a script in the
--    sqlite3 shell), updated_at moves forward, at least by a millisecond, with every update of the
--    organization or of its attribute row.
-- 3. organization_change_log: one row per organization inserted, updated or deleted, whichever
--    process wrote it; an open grid reads the rows after the last one it saw and offers "N changes
--    - refresh". It keeps the newest 10,000 rows. A bulk insert may log one row for many
--    (organization_id NULL, `rows` organizations).

CREATE TABLE organization_change_log (
  seq INTEGER PRIMARY KEY,
  organization_id TEXT,
  rows INTEGER NOT NULL DEFAULT 1 CHECK (typeof(rows) = 'integer' AND rows >= 1)
);

CREATE TRIGGER trg_organizations_types_insert
BEFORE INSERT ON organizations
BEGIN
  SELECT RAISE(ABORT, 'employee_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.employee_count) = 'integer' AND NEW.employee_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'annual_revenue_usd: a DECIMAL(15,2) holds at most 2 decimals and stays below 1e13')
  WHERE typeof(NEW.annual_revenue_usd) IN ('integer', 'real') AND (abs(NEW.annual_revenue_usd) >= 1e13 OR NEW.annual_revenue_usd <> round(NEW.annual_revenue_usd, 2));
  SELECT RAISE(ABORT, 'founding_year: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.founding_year) = 'integer' AND NEW.founding_year NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_organizations_types_update
BEFORE UPDATE ON organizations
BEGIN
  SELECT RAISE(ABORT, 'employee_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.employee_count) = 'integer' AND NEW.employee_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'annual_revenue_usd: a DECIMAL(15,2) holds at most 2 decimals and stays below 1e13')
  WHERE typeof(NEW.annual_revenue_usd) IN ('integer', 'real') AND (abs(NEW.annual_revenue_usd) >= 1e13 OR NEW.annual_revenue_usd <> round(NEW.annual_revenue_usd, 2));
  SELECT RAISE(ABORT, 'founding_year: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.founding_year) = 'integer' AND NEW.founding_year NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_manufacturing_types_insert
BEFORE INSERT ON org_attributes_manufacturing
BEGIN
  SELECT RAISE(ABORT, 'ot_systems: each item is text of at most 100 characters')
  WHERE json_valid(NEW.ot_systems) AND json_type(NEW.ot_systems) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.ot_systems) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'plant_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.plant_count) = 'integer' AND NEW.plant_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'iot_platforms: each item is text of at most 100 characters')
  WHERE json_valid(NEW.iot_platforms) AND json_type(NEW.iot_platforms) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.iot_platforms) WHERE type <> 'text' OR length(value) > 100);
END;

CREATE TRIGGER trg_org_attributes_manufacturing_types_update
BEFORE UPDATE ON org_attributes_manufacturing
BEGIN
  SELECT RAISE(ABORT, 'ot_systems: each item is text of at most 100 characters')
  WHERE json_valid(NEW.ot_systems) AND json_type(NEW.ot_systems) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.ot_systems) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'plant_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.plant_count) = 'integer' AND NEW.plant_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'iot_platforms: each item is text of at most 100 characters')
  WHERE json_valid(NEW.iot_platforms) AND json_type(NEW.iot_platforms) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.iot_platforms) WHERE type <> 'text' OR length(value) > 100);
END;

CREATE TRIGGER trg_org_attributes_financial_services_types_insert
BEFORE INSERT ON org_attributes_financial_services
BEGIN
  SELECT RAISE(ABORT, 'regulatory_bodies: each item is text of at most 100 characters')
  WHERE json_valid(NEW.regulatory_bodies) AND json_type(NEW.regulatory_bodies) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.regulatory_bodies) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'mrm_team_size: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.mrm_team_size) = 'integer' AND NEW.mrm_team_size NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'model_inventory_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.model_inventory_count) = 'integer' AND NEW.model_inventory_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'aum_billions: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.aum_billions) IN ('integer', 'real') AND (abs(NEW.aum_billions) >= 1e10 OR NEW.aum_billions <> round(NEW.aum_billions, 2));
  SELECT RAISE(ABORT, 'total_assets_billions: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.total_assets_billions) IN ('integer', 'real') AND (abs(NEW.total_assets_billions) >= 1e10 OR NEW.total_assets_billions <> round(NEW.total_assets_billions, 2));
END;

CREATE TRIGGER trg_org_attributes_financial_services_types_update
BEFORE UPDATE ON org_attributes_financial_services
BEGIN
  SELECT RAISE(ABORT, 'regulatory_bodies: each item is text of at most 100 characters')
  WHERE json_valid(NEW.regulatory_bodies) AND json_type(NEW.regulatory_bodies) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.regulatory_bodies) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'mrm_team_size: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.mrm_team_size) = 'integer' AND NEW.mrm_team_size NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'model_inventory_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.model_inventory_count) = 'integer' AND NEW.model_inventory_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'aum_billions: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.aum_billions) IN ('integer', 'real') AND (abs(NEW.aum_billions) >= 1e10 OR NEW.aum_billions <> round(NEW.aum_billions, 2));
  SELECT RAISE(ABORT, 'total_assets_billions: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.total_assets_billions) IN ('integer', 'real') AND (abs(NEW.total_assets_billions) >= 1e10 OR NEW.total_assets_billions <> round(NEW.total_assets_billions, 2));
END;

CREATE TRIGGER trg_org_attributes_healthcare_types_insert
BEFORE INSERT ON org_attributes_healthcare
BEGIN
  SELECT RAISE(ABORT, 'fda_clearances: each item is text of at most 100 characters')
  WHERE json_valid(NEW.fda_clearances) AND json_type(NEW.fda_clearances) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.fda_clearances) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'fda_clearance_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.fda_clearance_count) = 'integer' AND NEW.fda_clearance_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'bed_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.bed_count) = 'integer' AND NEW.bed_count NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_healthcare_types_update
BEFORE UPDATE ON org_attributes_healthcare
BEGIN
  SELECT RAISE(ABORT, 'fda_clearances: each item is text of at most 100 characters')
  WHERE json_valid(NEW.fda_clearances) AND json_type(NEW.fda_clearances) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.fda_clearances) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'fda_clearance_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.fda_clearance_count) = 'integer' AND NEW.fda_clearance_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'bed_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.bed_count) = 'integer' AND NEW.bed_count NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_technology_types_insert
BEFORE INSERT ON org_attributes_technology
BEGIN
  SELECT RAISE(ABORT, 'github_stars_total: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.github_stars_total) = 'integer' AND NEW.github_stars_total NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'open_source_projects: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.open_source_projects) = 'integer' AND NEW.open_source_projects NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'ai_product_features: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.ai_product_features) = 'integer' AND NEW.ai_product_features NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_technology_types_update
BEFORE UPDATE ON org_attributes_technology
BEGIN
  SELECT RAISE(ABORT, 'github_stars_total: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.github_stars_total) = 'integer' AND NEW.github_stars_total NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'open_source_projects: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.open_source_projects) = 'integer' AND NEW.open_source_projects NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'ai_product_features: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.ai_product_features) = 'integer' AND NEW.ai_product_features NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_retail_types_insert
BEFORE INSERT ON org_attributes_retail
BEGIN
  SELECT RAISE(ABORT, 'store_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.store_count) = 'integer' AND NEW.store_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'ecommerce_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.ecommerce_pct) IN ('integer', 'real') AND (abs(NEW.ecommerce_pct) >= 1e3 OR NEW.ecommerce_pct <> round(NEW.ecommerce_pct, 2));
  SELECT RAISE(ABORT, 'loyalty_members: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.loyalty_members) = 'integer' AND NEW.loyalty_members NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_retail_types_update
BEFORE UPDATE ON org_attributes_retail
BEGIN
  SELECT RAISE(ABORT, 'store_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.store_count) = 'integer' AND NEW.store_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'ecommerce_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.ecommerce_pct) IN ('integer', 'real') AND (abs(NEW.ecommerce_pct) >= 1e3 OR NEW.ecommerce_pct <> round(NEW.ecommerce_pct, 2));
  SELECT RAISE(ABORT, 'loyalty_members: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.loyalty_members) = 'integer' AND NEW.loyalty_members NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_energy_types_insert
BEFORE INSERT ON org_attributes_energy
BEGIN
  SELECT RAISE(ABORT, 'scada_systems: each item is text of at most 100 characters')
  WHERE json_valid(NEW.scada_systems) AND json_type(NEW.scada_systems) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.scada_systems) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'smart_grid_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.smart_grid_pct) IN ('integer', 'real') AND (abs(NEW.smart_grid_pct) >= 1e3 OR NEW.smart_grid_pct <> round(NEW.smart_grid_pct, 2));
  SELECT RAISE(ABORT, 'generation_capacity_mw: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.generation_capacity_mw) IN ('integer', 'real') AND (abs(NEW.generation_capacity_mw) >= 1e10 OR NEW.generation_capacity_mw <> round(NEW.generation_capacity_mw, 2));
  SELECT RAISE(ABORT, 'renewable_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.renewable_pct) IN ('integer', 'real') AND (abs(NEW.renewable_pct) >= 1e3 OR NEW.renewable_pct <> round(NEW.renewable_pct, 2));
END;

CREATE TRIGGER trg_org_attributes_energy_types_update
BEFORE UPDATE ON org_attributes_energy
BEGIN
  SELECT RAISE(ABORT, 'scada_systems: each item is text of at most 100 characters')
  WHERE json_valid(NEW.scada_systems) AND json_type(NEW.scada_systems) = 'array' AND EXISTS (SELECT 1 FROM json_each(NEW.scada_systems) WHERE type <> 'text' OR length(value) > 100);
  SELECT RAISE(ABORT, 'smart_grid_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.smart_grid_pct) IN ('integer', 'real') AND (abs(NEW.smart_grid_pct) >= 1e3 OR NEW.smart_grid_pct <> round(NEW.smart_grid_pct, 2));
  SELECT RAISE(ABORT, 'generation_capacity_mw: a DECIMAL(12,2) holds at most 2 decimals and stays below 1e10')
  WHERE typeof(NEW.generation_capacity_mw) IN ('integer', 'real') AND (abs(NEW.generation_capacity_mw) >= 1e10 OR NEW.generation_capacity_mw <> round(NEW.generation_capacity_mw, 2));
  SELECT RAISE(ABORT, 'renewable_pct: a DECIMAL(5,2) holds at most 2 decimals and stays below 1e3')
  WHERE typeof(NEW.renewable_pct) IN ('integer', 'real') AND (abs(NEW.renewable_pct) >= 1e3 OR NEW.renewable_pct <> round(NEW.renewable_pct, 2));
END;

CREATE TRIGGER trg_org_attributes_professional_services_types_insert
BEFORE INSERT ON org_attributes_professional_services
BEGIN
  SELECT RAISE(ABORT, 'partner_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.partner_count) = 'integer' AND NEW.partner_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'professional_staff: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.professional_staff) = 'integer' AND NEW.professional_staff NOT BETWEEN -2147483648 AND 2147483647;
END;

CREATE TRIGGER trg_org_attributes_professional_services_types_update
BEFORE UPDATE ON org_attributes_professional_services
BEGIN
  SELECT RAISE(ABORT, 'partner_count: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.partner_count) = 'integer' AND NEW.partner_count NOT BETWEEN -2147483648 AND 2147483647;
  SELECT RAISE(ABORT, 'professional_staff: out of range for an INTEGER (-2147483648 to 2147483647)')
  WHERE typeof(NEW.professional_staff) = 'integer' AND NEW.professional_staff NOT BETWEEN -2147483648 AND 2147483647;
END;

-- An update that left updated_at as it was (a script, the sqlite3 shell) moves it forward.
CREATE TRIGGER trg_organizations_version
AFTER UPDATE ON organizations
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds'))
  WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER trg_org_attributes_manufacturing_version
AFTER UPDATE ON org_attributes_manufacturing
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_financial_services_version
AFTER UPDATE ON org_attributes_financial_services
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_healthcare_version
AFTER UPDATE ON org_attributes_healthcare
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_technology_version
AFTER UPDATE ON org_attributes_technology
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_retail_version
AFTER UPDATE ON org_attributes_retail
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_energy_version
AFTER UPDATE ON org_attributes_energy
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_org_attributes_professional_services_version
AFTER UPDATE ON org_attributes_professional_services
BEGIN
  UPDATE organizations SET updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
  WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER trg_organization_log_insert AFTER INSERT ON organizations
BEGIN
  INSERT INTO organization_change_log (organization_id) VALUES (NEW.organization_id);
END;

CREATE TRIGGER trg_organization_log_update AFTER UPDATE ON organizations
BEGIN
  INSERT INTO organization_change_log (organization_id) VALUES (NEW.organization_id);
END;

CREATE TRIGGER trg_organization_log_delete AFTER DELETE ON organizations
BEGIN
  INSERT INTO organization_change_log (organization_id) VALUES (OLD.organization_id);
END;

CREATE TRIGGER trg_organization_log_keep
AFTER INSERT ON organization_change_log
BEGIN
  DELETE FROM organization_change_log WHERE seq <= NEW.seq - 10000;
END;
