-- Sector Studio schema, version 1: the "One Schema, Many Configurations" data layer of the PE Org-AI-R
-- seed, mapped to SQLite with its types enforced by CHECK constraints (SQLite does not enforce
-- declared types by itself).

CREATE TABLE focus_groups (
  focus_group_id TEXT PRIMARY KEY CHECK (length(focus_group_id) BETWEEN 1 AND 50),
  platform TEXT NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  group_name TEXT NOT NULL CHECK (length(group_name) BETWEEN 1 AND 100),
  group_code TEXT NOT NULL CHECK (length(group_code) BETWEEN 1 AND 30),
  group_description TEXT,
  display_order INTEGER NOT NULL CHECK (typeof(display_order) = 'integer'),
  icon_name TEXT CHECK (length(icon_name) <= 50),
  color_hex TEXT CHECK (length(color_hex) <= 7),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (platform, group_code)
);

CREATE TABLE dimensions (
  dimension_id TEXT PRIMARY KEY CHECK (length(dimension_id) BETWEEN 1 AND 50),
  platform TEXT NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  dimension_name TEXT NOT NULL CHECK (length(dimension_name) BETWEEN 1 AND 100),
  dimension_code TEXT NOT NULL CHECK (length(dimension_code) BETWEEN 1 AND 50),
  description TEXT,
  min_score NUMERIC NOT NULL DEFAULT 0 CHECK (typeof(min_score) IN ('integer', 'real')),
  max_score NUMERIC NOT NULL DEFAULT 100 CHECK (typeof(max_score) IN ('integer', 'real') AND max_score > min_score),
  display_order INTEGER NOT NULL CHECK (typeof(display_order) = 'integer'),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (platform, dimension_code)
);

CREATE TABLE focus_group_dimension_weights (
  weight_id INTEGER PRIMARY KEY,
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id),
  dimension_id TEXT NOT NULL REFERENCES dimensions (dimension_id),
  weight NUMERIC NOT NULL CHECK (typeof(weight) IN ('integer', 'real') AND weight >= 0 AND weight <= 1),
  weight_rationale TEXT,
  effective_from TEXT NOT NULL DEFAULT (date('now')) CHECK (date(effective_from) IS effective_from),
  effective_to TEXT CHECK (effective_to IS NULL OR (date(effective_to) IS effective_to AND effective_to >= effective_from)),
  is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (focus_group_id, dimension_id, effective_from)
);

CREATE TABLE focus_group_calibrations (
  calibration_id INTEGER PRIMARY KEY,
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id),
  parameter_name TEXT NOT NULL CHECK (length(parameter_name) BETWEEN 1 AND 100),
  parameter_value NUMERIC NOT NULL CHECK (typeof(parameter_value) IN ('integer', 'real') AND abs(parameter_value) < 1e6),
  parameter_type TEXT NOT NULL DEFAULT 'numeric' CHECK (parameter_type IN ('numeric', 'threshold', 'multiplier')),
  description TEXT,
  effective_from TEXT NOT NULL DEFAULT (date('now')) CHECK (date(effective_from) IS effective_from),
  effective_to TEXT CHECK (effective_to IS NULL OR (date(effective_to) IS effective_to AND effective_to >= effective_from)),
  is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (focus_group_id, parameter_name, effective_from)
);

CREATE TABLE organizations (
  organization_id TEXT PRIMARY KEY CHECK (organization_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  legal_name TEXT NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 255),
  display_name TEXT CHECK (length(display_name) <= 255),
  ticker_symbol TEXT CHECK (length(ticker_symbol) <= 10),
  cik_number TEXT CHECK (length(cik_number) <= 20),
  duns_number TEXT CHECK (length(duns_number) <= 20),
  focus_group_id TEXT NOT NULL REFERENCES focus_groups (focus_group_id)
    CHECK (length(focus_group_id) <= 50 AND focus_group_id LIKE 'pe\_%' ESCAPE '\'),
  primary_sic_code TEXT CHECK (length(primary_sic_code) <= 10),
  primary_naics_code TEXT CHECK (length(primary_naics_code) <= 10),
  employee_count INTEGER CHECK (typeof(employee_count) IN ('integer', 'null') AND employee_count >= 0),
  annual_revenue_usd NUMERIC CHECK (typeof(annual_revenue_usd) IN ('integer', 'real', 'null') AND annual_revenue_usd < 1e13),
  founding_year INTEGER CHECK (typeof(founding_year) IN ('integer', 'null') AND founding_year BETWEEN 1600 AND 2100),
  headquarters_country TEXT CHECK (length(headquarters_country) <= 3),
  headquarters_state TEXT CHECK (length(headquarters_state) <= 50),
  headquarters_city TEXT CHECK (length(headquarters_city) <= 100),
  website_url TEXT CHECK (length(website_url) <= 500),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'archived')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by TEXT CHECK (length(created_by) <= 100)
);

-- One attribute table per sector. A trigger keeps each table to its own sector's organizations.

CREATE TABLE org_attributes_manufacturing (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  ot_systems TEXT CHECK (ot_systems IS NULL OR (json_valid(ot_systems) AND json_type(ot_systems) = 'array')),
  it_ot_integration TEXT CHECK (length(it_ot_integration) <= 20),
  scada_vendor TEXT CHECK (length(scada_vendor) <= 100),
  mes_system TEXT CHECK (length(mes_system) <= 100),
  plant_count INTEGER CHECK (typeof(plant_count) IN ('integer', 'null') AND plant_count >= 0),
  automation_level TEXT CHECK (length(automation_level) <= 20),
  iot_platforms TEXT CHECK (iot_platforms IS NULL OR (json_valid(iot_platforms) AND json_type(iot_platforms) = 'array')),
  digital_twin_status TEXT CHECK (length(digital_twin_status) <= 20),
  edge_computing INTEGER CHECK (edge_computing IN (0, 1)),
  supply_chain_visibility TEXT CHECK (length(supply_chain_visibility) <= 20),
  demand_forecasting_ai INTEGER CHECK (demand_forecasting_ai IN (0, 1))
);

CREATE TRIGGER trg_org_attributes_manufacturing_sector_insert
BEFORE INSERT ON org_attributes_manufacturing
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_manufacturing'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_manufacturing holds attributes of pe_manufacturing organizations only');
END;

CREATE TRIGGER trg_org_attributes_manufacturing_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_manufacturing
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_manufacturing'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_manufacturing holds attributes of pe_manufacturing organizations only');
END;

CREATE TABLE org_attributes_financial_services (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  regulatory_bodies TEXT CHECK (regulatory_bodies IS NULL OR (json_valid(regulatory_bodies) AND json_type(regulatory_bodies) = 'array')),
  charter_type TEXT CHECK (length(charter_type) <= 50),
  model_risk_framework TEXT CHECK (length(model_risk_framework) <= 50),
  mrm_team_size INTEGER CHECK (typeof(mrm_team_size) IN ('integer', 'null') AND mrm_team_size >= 0),
  model_inventory_count INTEGER CHECK (typeof(model_inventory_count) IN ('integer', 'null') AND model_inventory_count >= 0),
  algo_trading INTEGER CHECK (algo_trading IN (0, 1)),
  fraud_detection_ai INTEGER CHECK (fraud_detection_ai IN (0, 1)),
  credit_ai INTEGER CHECK (credit_ai IN (0, 1)),
  aml_ai INTEGER CHECK (aml_ai IN (0, 1)),
  aum_billions NUMERIC CHECK (typeof(aum_billions) IN ('integer', 'real', 'null') AND aum_billions >= 0 AND aum_billions < 1e10),
  total_assets_billions NUMERIC CHECK (typeof(total_assets_billions) IN ('integer', 'real', 'null') AND total_assets_billions >= 0 AND total_assets_billions < 1e10)
);

CREATE TRIGGER trg_org_attributes_financial_services_sector_insert
BEFORE INSERT ON org_attributes_financial_services
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_financial_services'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_financial_services holds attributes of pe_financial_services organizations only');
END;

CREATE TRIGGER trg_org_attributes_financial_services_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_financial_services
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_financial_services'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_financial_services holds attributes of pe_financial_services organizations only');
END;

CREATE TABLE org_attributes_healthcare (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  hipaa_certified INTEGER CHECK (hipaa_certified IN (0, 1)),
  hitrust_certified INTEGER CHECK (hitrust_certified IN (0, 1)),
  fda_clearances TEXT CHECK (fda_clearances IS NULL OR (json_valid(fda_clearances) AND json_type(fda_clearances) = 'array')),
  fda_clearance_count INTEGER CHECK (typeof(fda_clearance_count) IN ('integer', 'null') AND fda_clearance_count >= 0),
  ehr_system TEXT CHECK (length(ehr_system) <= 100),
  ehr_integration_level TEXT CHECK (length(ehr_integration_level) <= 20),
  fhir_enabled INTEGER CHECK (fhir_enabled IN (0, 1)),
  clinical_ai_deployed INTEGER CHECK (clinical_ai_deployed IN (0, 1)),
  imaging_ai INTEGER CHECK (imaging_ai IN (0, 1)),
  org_type TEXT CHECK (length(org_type) <= 50),
  bed_count INTEGER CHECK (typeof(bed_count) IN ('integer', 'null') AND bed_count >= 0)
);

CREATE TRIGGER trg_org_attributes_healthcare_sector_insert
BEFORE INSERT ON org_attributes_healthcare
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_healthcare'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_healthcare holds attributes of pe_healthcare organizations only');
END;

CREATE TRIGGER trg_org_attributes_healthcare_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_healthcare
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_healthcare'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_healthcare holds attributes of pe_healthcare organizations only');
END;

CREATE TABLE org_attributes_technology (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  tech_category TEXT CHECK (length(tech_category) <= 50),
  primary_language TEXT CHECK (length(primary_language) <= 50),
  cloud_native INTEGER CHECK (cloud_native IN (0, 1)),
  github_org TEXT CHECK (length(github_org) <= 100),
  github_stars_total INTEGER CHECK (typeof(github_stars_total) IN ('integer', 'null') AND github_stars_total >= 0),
  open_source_projects INTEGER CHECK (typeof(open_source_projects) IN ('integer', 'null') AND open_source_projects >= 0),
  ml_platform TEXT CHECK (length(ml_platform) <= 100),
  llm_integration INTEGER CHECK (llm_integration IN (0, 1)),
  ai_product_features INTEGER CHECK (typeof(ai_product_features) IN ('integer', 'null') AND ai_product_features >= 0),
  gpu_infrastructure INTEGER CHECK (gpu_infrastructure IN (0, 1))
);

CREATE TRIGGER trg_org_attributes_technology_sector_insert
BEFORE INSERT ON org_attributes_technology
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_technology'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_technology holds attributes of pe_technology organizations only');
END;

CREATE TRIGGER trg_org_attributes_technology_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_technology
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_technology'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_technology holds attributes of pe_technology organizations only');
END;

CREATE TABLE org_attributes_retail (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  retail_type TEXT CHECK (length(retail_type) <= 50),
  store_count INTEGER CHECK (typeof(store_count) IN ('integer', 'null') AND store_count >= 0),
  ecommerce_pct NUMERIC CHECK (typeof(ecommerce_pct) IN ('integer', 'real', 'null') AND ecommerce_pct >= 0 AND ecommerce_pct <= 100),
  cdp_vendor TEXT CHECK (length(cdp_vendor) <= 100),
  loyalty_program INTEGER CHECK (loyalty_program IN (0, 1)),
  loyalty_members INTEGER CHECK (typeof(loyalty_members) IN ('integer', 'null') AND loyalty_members >= 0),
  personalization_ai INTEGER CHECK (personalization_ai IN (0, 1)),
  recommendation_engine TEXT CHECK (length(recommendation_engine) <= 100),
  demand_forecasting INTEGER CHECK (demand_forecasting IN (0, 1))
);

CREATE TRIGGER trg_org_attributes_retail_sector_insert
BEFORE INSERT ON org_attributes_retail
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_retail'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_retail holds attributes of pe_retail organizations only');
END;

CREATE TRIGGER trg_org_attributes_retail_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_retail
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_retail'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_retail holds attributes of pe_retail organizations only');
END;

CREATE TABLE org_attributes_energy (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  energy_type TEXT CHECK (length(energy_type) <= 50),
  regulated INTEGER CHECK (regulated IN (0, 1)),
  scada_systems TEXT CHECK (scada_systems IS NULL OR (json_valid(scada_systems) AND json_type(scada_systems) = 'array')),
  ami_deployed INTEGER CHECK (ami_deployed IN (0, 1)),
  smart_grid_pct NUMERIC CHECK (typeof(smart_grid_pct) IN ('integer', 'real', 'null') AND smart_grid_pct >= 0 AND smart_grid_pct <= 100),
  generation_capacity_mw NUMERIC CHECK (typeof(generation_capacity_mw) IN ('integer', 'real', 'null') AND generation_capacity_mw >= 0 AND generation_capacity_mw < 1e10),
  grid_optimization_ai INTEGER CHECK (grid_optimization_ai IN (0, 1)),
  predictive_maintenance INTEGER CHECK (predictive_maintenance IN (0, 1)),
  renewable_pct NUMERIC CHECK (typeof(renewable_pct) IN ('integer', 'real', 'null') AND renewable_pct >= 0 AND renewable_pct <= 100)
);

CREATE TRIGGER trg_org_attributes_energy_sector_insert
BEFORE INSERT ON org_attributes_energy
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_energy'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_energy holds attributes of pe_energy organizations only');
END;

CREATE TRIGGER trg_org_attributes_energy_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_energy
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_energy'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_energy holds attributes of pe_energy organizations only');
END;

CREATE TABLE org_attributes_professional_services (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  firm_type TEXT CHECK (length(firm_type) <= 50),
  partnership_model TEXT CHECK (length(partnership_model) <= 50),
  partner_count INTEGER CHECK (typeof(partner_count) IN ('integer', 'null') AND partner_count >= 0),
  professional_staff INTEGER CHECK (typeof(professional_staff) IN ('integer', 'null') AND professional_staff >= 0),
  km_system TEXT CHECK (length(km_system) <= 100),
  document_ai INTEGER CHECK (document_ai IN (0, 1)),
  knowledge_graph INTEGER CHECK (knowledge_graph IN (0, 1)),
  client_ai_services INTEGER CHECK (client_ai_services IN (0, 1)),
  internal_ai_tools INTEGER CHECK (internal_ai_tools IN (0, 1))
);

CREATE TRIGGER trg_org_attributes_professional_services_sector_insert
BEFORE INSERT ON org_attributes_professional_services
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_professional_services'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_professional_services holds attributes of pe_professional_services organizations only');
END;

CREATE TRIGGER trg_org_attributes_professional_services_sector_update
BEFORE UPDATE OF organization_id ON org_attributes_professional_services
WHEN (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> 'pe_professional_services'
BEGIN
  SELECT RAISE(ABORT, 'org_attributes_professional_services holds attributes of pe_professional_services organizations only');
END;

CREATE VIEW vw_organizations_full AS
SELECT
  o.organization_id,
  o.legal_name,
  o.display_name,
  o.ticker_symbol,
  o.cik_number,
  o.duns_number,
  o.focus_group_id,
  o.primary_sic_code,
  o.primary_naics_code,
  o.employee_count,
  o.annual_revenue_usd,
  o.founding_year,
  o.headquarters_country,
  o.headquarters_state,
  o.headquarters_city,
  o.website_url,
  o.status,
  o.created_at,
  o.updated_at,
  o.created_by,
  fg.group_name AS sector_name,
  fg.group_code AS sector_code,
  a_manufacturing.ot_systems,
  a_manufacturing.it_ot_integration,
  a_manufacturing.scada_vendor,
  a_manufacturing.mes_system,
  a_manufacturing.plant_count,
  a_manufacturing.automation_level,
  a_manufacturing.iot_platforms,
  a_manufacturing.digital_twin_status,
  a_manufacturing.edge_computing,
  a_manufacturing.supply_chain_visibility,
  a_manufacturing.demand_forecasting_ai,
  a_financial_services.regulatory_bodies,
  a_financial_services.charter_type,
  a_financial_services.model_risk_framework,
  a_financial_services.mrm_team_size,
  a_financial_services.model_inventory_count,
  a_financial_services.algo_trading,
  a_financial_services.fraud_detection_ai,
  a_financial_services.credit_ai,
  a_financial_services.aml_ai,
  a_financial_services.aum_billions,
  a_financial_services.total_assets_billions,
  a_healthcare.hipaa_certified,
  a_healthcare.hitrust_certified,
  a_healthcare.fda_clearances,
  a_healthcare.fda_clearance_count,
  a_healthcare.ehr_system,
  a_healthcare.ehr_integration_level,
  a_healthcare.fhir_enabled,
  a_healthcare.clinical_ai_deployed,
  a_healthcare.imaging_ai,
  a_healthcare.org_type,
  a_healthcare.bed_count,
  a_technology.tech_category,
  a_technology.primary_language,
  a_technology.cloud_native,
  a_technology.github_org,
  a_technology.github_stars_total,
  a_technology.open_source_projects,
  a_technology.ml_platform,
  a_technology.llm_integration,
  a_technology.ai_product_features,
  a_technology.gpu_infrastructure,
  a_retail.retail_type,
  a_retail.store_count,
  a_retail.ecommerce_pct,
  a_retail.cdp_vendor,
  a_retail.loyalty_program,
  a_retail.loyalty_members,
  a_retail.personalization_ai,
  a_retail.recommendation_engine,
  a_retail.demand_forecasting,
  a_energy.energy_type,
  a_energy.regulated,
  a_energy.scada_systems,
  a_energy.ami_deployed,
  a_energy.smart_grid_pct,
  a_energy.generation_capacity_mw,
  a_energy.grid_optimization_ai,
  a_energy.predictive_maintenance,
  a_energy.renewable_pct,
  a_professional_services.firm_type,
  a_professional_services.partnership_model,
  a_professional_services.partner_count,
  a_professional_services.professional_staff,
  a_professional_services.km_system,
  a_professional_services.document_ai,
  a_professional_services.knowledge_graph,
  a_professional_services.client_ai_services,
  a_professional_services.internal_ai_tools
FROM organizations AS o
JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id
LEFT JOIN org_attributes_manufacturing AS a_manufacturing ON a_manufacturing.organization_id = o.organization_id
LEFT JOIN org_attributes_financial_services AS a_financial_services ON a_financial_services.organization_id = o.organization_id
LEFT JOIN org_attributes_healthcare AS a_healthcare ON a_healthcare.organization_id = o.organization_id
LEFT JOIN org_attributes_technology AS a_technology ON a_technology.organization_id = o.organization_id
LEFT JOIN org_attributes_retail AS a_retail ON a_retail.organization_id = o.organization_id
LEFT JOIN org_attributes_energy AS a_energy ON a_energy.organization_id = o.organization_id
LEFT JOIN org_attributes_professional_services AS a_professional_services ON a_professional_services.organization_id = o.organization_id;

CREATE INDEX idx_focus_groups_platform ON focus_groups (platform, display_order);
CREATE INDEX idx_dimensions_platform ON dimensions (platform, display_order);
CREATE INDEX idx_weights_focus_group ON focus_group_dimension_weights (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_weights_current ON focus_group_dimension_weights (focus_group_id, dimension_id) WHERE is_current = 1;
CREATE INDEX idx_calibrations_focus_group ON focus_group_calibrations (focus_group_id) WHERE is_current = 1;
CREATE UNIQUE INDEX ux_calibrations_current ON focus_group_calibrations (focus_group_id, parameter_name) WHERE is_current = 1;
CREATE INDEX idx_organizations_focus_group ON organizations (focus_group_id);
CREATE INDEX idx_organizations_status ON organizations (status);
CREATE INDEX idx_organizations_ticker ON organizations (ticker_symbol) WHERE ticker_symbol IS NOT NULL;
CREATE INDEX idx_organizations_legal_name ON organizations (legal_name, organization_id);
