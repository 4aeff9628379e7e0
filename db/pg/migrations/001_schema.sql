-- Sector Studio on PostgreSQL, version 1: the PE Org-AI-R seed's schema as written ("One Schema,
-- Many Configurations"). PostgreSQL enforces the declared types itself; CHECKs add what the SQLite
-- schema enforces beyond them (allowed values, ranges, the pe_ prefix, dates in order).

CREATE TABLE focus_groups (
  focus_group_id VARCHAR(50) PRIMARY KEY CHECK (length(focus_group_id) >= 1),
  platform VARCHAR(20) NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  group_name VARCHAR(100) NOT NULL CHECK (length(group_name) >= 1),
  group_code VARCHAR(30) NOT NULL CHECK (length(group_code) >= 1),
  group_description TEXT,
  display_order INTEGER NOT NULL,
  icon_name VARCHAR(50),
  color_hex VARCHAR(7),
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW(),
  UNIQUE (platform, group_code)
);

CREATE TABLE dimensions (
  dimension_id VARCHAR(50) PRIMARY KEY CHECK (length(dimension_id) >= 1),
  platform VARCHAR(20) NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  dimension_name VARCHAR(100) NOT NULL CHECK (length(dimension_name) >= 1),
  dimension_code VARCHAR(50) NOT NULL CHECK (length(dimension_code) >= 1),
  description TEXT,
  min_score DECIMAL(5,2) NOT NULL DEFAULT 0,
  max_score DECIMAL(5,2) NOT NULL DEFAULT 100 CHECK (max_score > min_score),
  display_order INTEGER NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  UNIQUE (platform, dimension_code)
);

CREATE TABLE focus_group_dimension_weights (
  weight_id SERIAL PRIMARY KEY,
  focus_group_id VARCHAR(50) NOT NULL REFERENCES focus_groups (focus_group_id),
  dimension_id VARCHAR(50) NOT NULL REFERENCES dimensions (dimension_id),
  weight DECIMAL(4,3) NOT NULL CHECK (weight >= 0 AND weight <= 1),
  weight_rationale TEXT,
  effective_from DATE NOT NULL DEFAULT CURRENT_DATE,
  effective_to DATE CHECK (effective_to IS NULL OR effective_to >= effective_from),
  is_current BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  UNIQUE (focus_group_id, dimension_id, effective_from)
);

CREATE TABLE focus_group_calibrations (
  calibration_id SERIAL PRIMARY KEY,
  focus_group_id VARCHAR(50) NOT NULL REFERENCES focus_groups (focus_group_id),
  parameter_name VARCHAR(100) NOT NULL CHECK (length(parameter_name) >= 1),
  parameter_value DECIMAL(10,4) NOT NULL,
  parameter_type VARCHAR(20) NOT NULL DEFAULT 'numeric' CHECK (parameter_type IN ('numeric', 'threshold', 'multiplier')),
  description TEXT,
  effective_from DATE NOT NULL DEFAULT CURRENT_DATE,
  effective_to DATE CHECK (effective_to IS NULL OR effective_to >= effective_from),
  is_current BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  UNIQUE (focus_group_id, parameter_name, effective_from)
);

CREATE TABLE organizations (
  organization_id UUID PRIMARY KEY,
  legal_name VARCHAR(255) NOT NULL CHECK (length(legal_name) >= 1),
  display_name VARCHAR(255),
  ticker_symbol VARCHAR(10),
  cik_number VARCHAR(20),
  duns_number VARCHAR(20),
  focus_group_id VARCHAR(50) NOT NULL REFERENCES focus_groups (focus_group_id) CHECK (focus_group_id LIKE 'pe\_%'),
  primary_sic_code VARCHAR(10),
  primary_naics_code VARCHAR(10),
  employee_count INTEGER CHECK (employee_count >= 0),
  annual_revenue_usd DECIMAL(15,2),
  founding_year INTEGER CHECK (founding_year BETWEEN 1600 AND 2100),
  headquarters_country VARCHAR(3),
  headquarters_state VARCHAR(50),
  headquarters_city VARCHAR(100),
  website_url VARCHAR(500),
  status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'archived')),
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW(),
  created_by VARCHAR(100)
);

-- An attribute table holds its own sector's organizations only.
CREATE FUNCTION check_attribute_sector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT focus_group_id FROM organizations WHERE organization_id = NEW.organization_id) <> TG_ARGV[0] THEN
    RAISE EXCEPTION '% holds attributes of % organizations only', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TABLE org_attributes_manufacturing (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  ot_systems VARCHAR(100)[],
  it_ot_integration VARCHAR(20),
  scada_vendor VARCHAR(100),
  mes_system VARCHAR(100),
  plant_count INTEGER CHECK (plant_count >= 0),
  automation_level VARCHAR(20),
  iot_platforms VARCHAR(100)[],
  digital_twin_status VARCHAR(20),
  edge_computing BOOLEAN,
  supply_chain_visibility VARCHAR(20),
  demand_forecasting_ai BOOLEAN
);

CREATE TRIGGER trg_org_attributes_manufacturing_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_manufacturing
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_manufacturing');

CREATE TABLE org_attributes_financial_services (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  regulatory_bodies VARCHAR(100)[],
  charter_type VARCHAR(50),
  model_risk_framework VARCHAR(50),
  mrm_team_size INTEGER CHECK (mrm_team_size >= 0),
  model_inventory_count INTEGER CHECK (model_inventory_count >= 0),
  algo_trading BOOLEAN,
  fraud_detection_ai BOOLEAN,
  credit_ai BOOLEAN,
  aml_ai BOOLEAN,
  aum_billions DECIMAL(12,2),
  total_assets_billions DECIMAL(12,2)
);

CREATE TRIGGER trg_org_attributes_financial_services_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_financial_services
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_financial_services');

CREATE TABLE org_attributes_healthcare (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  hipaa_certified BOOLEAN,
  hitrust_certified BOOLEAN,
  fda_clearances VARCHAR(100)[],
  fda_clearance_count INTEGER CHECK (fda_clearance_count >= 0),
  ehr_system VARCHAR(100),
  ehr_integration_level VARCHAR(20),
  fhir_enabled BOOLEAN,
  clinical_ai_deployed BOOLEAN,
  imaging_ai BOOLEAN,
  org_type VARCHAR(50),
  bed_count INTEGER CHECK (bed_count >= 0)
);

CREATE TRIGGER trg_org_attributes_healthcare_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_healthcare
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_healthcare');

CREATE TABLE org_attributes_technology (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  tech_category VARCHAR(50),
  primary_language VARCHAR(50),
  cloud_native BOOLEAN,
  github_org VARCHAR(100),
  github_stars_total INTEGER CHECK (github_stars_total >= 0),
  open_source_projects INTEGER CHECK (open_source_projects >= 0),
  ml_platform VARCHAR(100),
  llm_integration BOOLEAN,
  ai_product_features INTEGER CHECK (ai_product_features >= 0),
  gpu_infrastructure BOOLEAN
);

CREATE TRIGGER trg_org_attributes_technology_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_technology
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_technology');

CREATE TABLE org_attributes_retail (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  retail_type VARCHAR(50),
  store_count INTEGER CHECK (store_count >= 0),
  ecommerce_pct DECIMAL(5,2),
  cdp_vendor VARCHAR(100),
  loyalty_program BOOLEAN,
  loyalty_members INTEGER CHECK (loyalty_members >= 0),
  personalization_ai BOOLEAN,
  recommendation_engine VARCHAR(100),
  demand_forecasting BOOLEAN
);

CREATE TRIGGER trg_org_attributes_retail_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_retail
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_retail');

CREATE TABLE org_attributes_energy (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  energy_type VARCHAR(50),
  regulated BOOLEAN,
  scada_systems VARCHAR(100)[],
  ami_deployed BOOLEAN,
  smart_grid_pct DECIMAL(5,2),
  generation_capacity_mw DECIMAL(12,2),
  grid_optimization_ai BOOLEAN,
  predictive_maintenance BOOLEAN,
  renewable_pct DECIMAL(5,2)
);

CREATE TRIGGER trg_org_attributes_energy_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_energy
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_energy');

CREATE TABLE org_attributes_professional_services (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  firm_type VARCHAR(50),
  partnership_model VARCHAR(50),
  partner_count INTEGER CHECK (partner_count >= 0),
  professional_staff INTEGER CHECK (professional_staff >= 0),
  km_system VARCHAR(100),
  document_ai BOOLEAN,
  knowledge_graph BOOLEAN,
  client_ai_services BOOLEAN,
  internal_ai_tools BOOLEAN
);

CREATE TRIGGER trg_org_attributes_professional_services_sector
BEFORE INSERT OR UPDATE OF organization_id ON org_attributes_professional_services
FOR EACH ROW EXECUTE FUNCTION check_attribute_sector('pe_professional_services');

CREATE OR REPLACE VIEW vw_organizations_full AS
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
FROM organizations o
JOIN focus_groups fg ON fg.focus_group_id = o.focus_group_id
LEFT JOIN org_attributes_manufacturing a_manufacturing ON a_manufacturing.organization_id = o.organization_id
LEFT JOIN org_attributes_financial_services a_financial_services ON a_financial_services.organization_id = o.organization_id
LEFT JOIN org_attributes_healthcare a_healthcare ON a_healthcare.organization_id = o.organization_id
LEFT JOIN org_attributes_technology a_technology ON a_technology.organization_id = o.organization_id
LEFT JOIN org_attributes_retail a_retail ON a_retail.organization_id = o.organization_id
LEFT JOIN org_attributes_energy a_energy ON a_energy.organization_id = o.organization_id
LEFT JOIN org_attributes_professional_services a_professional_services ON a_professional_services.organization_id = o.organization_id;

CREATE INDEX idx_focus_groups_platform ON focus_groups (platform, display_order);
CREATE INDEX idx_dimensions_platform ON dimensions (platform, display_order);
CREATE INDEX idx_weights_focus_group ON focus_group_dimension_weights (focus_group_id) WHERE is_current;
CREATE UNIQUE INDEX ux_weights_current ON focus_group_dimension_weights (focus_group_id, dimension_id) WHERE is_current;
CREATE INDEX idx_calibrations_focus_group ON focus_group_calibrations (focus_group_id) WHERE is_current;
CREATE UNIQUE INDEX ux_calibrations_current ON focus_group_calibrations (focus_group_id, parameter_name) WHERE is_current;
CREATE INDEX idx_organizations_focus_group ON organizations (focus_group_id);
CREATE INDEX idx_organizations_status ON organizations (status);
CREATE INDEX idx_organizations_ticker ON organizations (ticker_symbol) WHERE ticker_symbol IS NOT NULL;
