-- What the scores are computed from, versioned apart from the configuration (issue 22): a sector's
-- inputs_version moves when its organizations' assessments, dimension scores, revenues or sectors
-- change, or a dimension does, and not when its weights, calibrations or the platform's parameters
-- do. The refresh keeps a sector's loaded inputs while inputs_version stays put, so a weight saved
-- re-scores from memory instead of reading a million dimension scores again.
--
-- inputs_version is set to the version the change gives the sector. A sector already stale from an
-- input change is not written again (inputs_version = version says so), which keeps bulk inserts as
-- cheap as before; the refresh reads the inputs in the transaction that marks the sector fresh, so
-- no inputs are loaded between two such changes.
--
-- organization_scores is keyed by sector first: a refresh replaces one sector's rows, which now lie
-- together (one range deleted, the new rows appended in key order) instead of among every other
-- sector's, where rewriting 143,000 of a million rows touched nearly every page of the table. The
-- view already joins it on both columns. Like PostgreSQL's, it has no foreign key: a deleted
-- organization's row is unreachable through the view, and the delete marks its sector stale, whose
-- refresh replaces the range without it.

DROP VIEW vw_organizations_full;

CREATE TABLE organization_scores_by_sector (
  focus_group_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  vr REAL NOT NULL CHECK (vr BETWEEN 0 AND 100),
  hr REAL NOT NULL CHECK (hr BETWEEN 0 AND 100),
  synergy REAL NOT NULL CHECK (synergy BETWEEN 0 AND 100),
  org_air REAL NOT NULL CHECK (org_air BETWEEN 0 AND 100),
  PRIMARY KEY (focus_group_id, organization_id)
) WITHOUT ROWID;

INSERT INTO organization_scores_by_sector (focus_group_id, organization_id, vr, hr, synergy, org_air)
SELECT focus_group_id, organization_id, vr, hr, synergy, org_air FROM organization_scores
ORDER BY focus_group_id, organization_id;

DROP TABLE organization_scores;
ALTER TABLE organization_scores_by_sector RENAME TO organization_scores;

ALTER TABLE score_freshness ADD COLUMN inputs_version INTEGER NOT NULL DEFAULT 0
  CHECK (typeof(inputs_version) = 'integer' AND inputs_version >= 0);

DROP TRIGGER trg_scores_dimensions_insert;
CREATE TRIGGER trg_scores_dimensions_insert AFTER INSERT ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_dimensions_update;
CREATE TRIGGER trg_scores_dimensions_update AFTER UPDATE ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_dimensions_delete;
CREATE TRIGGER trg_scores_dimensions_delete AFTER DELETE ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_organizations_update;
CREATE TRIGGER trg_scores_organizations_update AFTER UPDATE OF focus_group_id, annual_revenue_usd ON organizations
WHEN OLD.focus_group_id IS NOT NEW.focus_group_id OR OLD.annual_revenue_usd IS NOT NEW.annual_revenue_usd
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version) VALUES (NEW.focus_group_id, 1, 1, 1)
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version) AND focus_group_id = OLD.focus_group_id;
END;

DROP TRIGGER trg_scores_organizations_delete;
CREATE TRIGGER trg_scores_organizations_delete AFTER DELETE ON organizations
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version) AND focus_group_id = OLD.focus_group_id;
END;

DROP TRIGGER trg_scores_assessments_insert;
CREATE TRIGGER trg_scores_assessments_insert AFTER INSERT ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_assessments_update;
CREATE TRIGGER trg_scores_assessments_update AFTER UPDATE ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
    AND OLD.organization_id IS NOT NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_assessments_delete;
CREATE TRIGGER trg_scores_assessments_delete AFTER DELETE ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_insert;
CREATE TRIGGER trg_scores_dimension_scores_insert AFTER INSERT ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_update;
CREATE TRIGGER trg_scores_dimension_scores_update AFTER UPDATE ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
    AND OLD.organization_id IS NOT NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_delete;
CREATE TRIGGER trg_scores_dimension_scores_delete AFTER DELETE ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
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
  a_professional_services.internal_ai_tools,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_data_infra') AS data_infrastructure,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_governance') AS ai_governance,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_tech_stack') AS technology_stack,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_talent') AS talent,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_leadership') AS leadership,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_use_cases') AS use_case_portfolio,
  (SELECT ds.score FROM organization_dimension_scores AS ds WHERE ds.organization_id = o.organization_id AND ds.dimension_id = 'pe_dim_culture') AS culture,
  oa.talent_concentration,
  oa.assessed_on,
  CASE WHEN sf.stale = 0 THEN os.vr END AS vr,
  CASE WHEN sf.stale = 0 THEN os.hr END AS hr,
  CASE WHEN sf.stale = 0 THEN os.synergy END AS synergy,
  CASE WHEN sf.stale = 0 THEN os.org_air END AS org_air
FROM organizations AS o
JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id
LEFT JOIN org_attributes_manufacturing AS a_manufacturing ON a_manufacturing.organization_id = o.organization_id
LEFT JOIN org_attributes_financial_services AS a_financial_services ON a_financial_services.organization_id = o.organization_id
LEFT JOIN org_attributes_healthcare AS a_healthcare ON a_healthcare.organization_id = o.organization_id
LEFT JOIN org_attributes_technology AS a_technology ON a_technology.organization_id = o.organization_id
LEFT JOIN org_attributes_retail AS a_retail ON a_retail.organization_id = o.organization_id
LEFT JOIN org_attributes_energy AS a_energy ON a_energy.organization_id = o.organization_id
LEFT JOIN org_attributes_professional_services AS a_professional_services ON a_professional_services.organization_id = o.organization_id
LEFT JOIN organization_assessments AS oa ON oa.organization_id = o.organization_id
LEFT JOIN organization_scores AS os ON os.organization_id = o.organization_id AND os.focus_group_id = o.focus_group_id
LEFT JOIN score_freshness AS sf ON sf.focus_group_id = o.focus_group_id;
