-- The Org-AI-R scores as columns of the unified view, as SQLite's migration 12: organization_scores
-- holds what the formula (shared/org-air.ts) computed per assessed organization, score_freshness
-- says per sector whether those rows still match their inputs. Statement-level triggers mark a
-- sector stale in the transaction of any change of an input, whoever makes it: its weights or
-- calibrations, a dimension or platform parameter (every sector), an assessment or dimension score
-- of one of its organizations, an organization's revenue or sector, an organization deleted. The
-- view shows a stale sector's scores as NULL until a writer recomputes them (db/core/score-refresh.ts).
--
-- Unlike SQLite, where a refresh reads and writes in one write transaction, a refresh here reads its
-- inputs on other connections: every mark bumps the version (even of a sector already stale), and
-- a refresh marks the sector fresh only if the version it started from is still there. Each change of
-- score_freshness bumps organization_changes (migration 3) first, so that cached orders and counts of
-- the grid are dropped in every instance. Every writer takes the rows it changes, then that row,
-- then the freshness rows (a refresh too: its scores, then the two), so that two cannot deadlock.

DROP VIEW vw_organizations_full;

-- No foreign key to organizations, unlike SQLite's: a refresh inserting a row would take a share
-- lock on its organization while a session deleting that organization waits for the refresh's lock
-- on the score row its cascade deletes, a deadlock. A deleted organization's row is unreachable (the
-- view and the filters go through organizations) and its sector is stale, so the refresh that
-- follows removes it.
CREATE TABLE organization_scores (
  organization_id UUID PRIMARY KEY,
  focus_group_id VARCHAR(50) NOT NULL,
  vr DOUBLE PRECISION NOT NULL CHECK (vr BETWEEN 0 AND 100),
  hr DOUBLE PRECISION NOT NULL CHECK (hr BETWEEN 0 AND 100),
  synergy DOUBLE PRECISION NOT NULL CHECK (synergy BETWEEN 0 AND 100),
  org_air DOUBLE PRECISION NOT NULL CHECK (org_air BETWEEN 0 AND 100)
);

CREATE INDEX idx_organization_scores_sector ON organization_scores (focus_group_id);

CREATE TABLE score_freshness (
  focus_group_id VARCHAR(50) PRIMARY KEY,
  stale BOOLEAN NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 0)
);

-- Every sector starts stale: the first refresh computes what the assessments already give.
INSERT INTO score_freshness (focus_group_id, stale, version) SELECT focus_group_id, TRUE, 1 FROM focus_groups;

-- Marks the given sectors stale, in key order so that concurrent writers lock rows alike.
CREATE FUNCTION mark_scores_stale(sectors TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(sectors) = 0 THEN
    RETURN;
  END IF;
  UPDATE organization_changes SET version = version + 1;
  INSERT INTO score_freshness AS f (focus_group_id, stale, version)
  SELECT DISTINCT s, TRUE, 1 FROM unnest(sectors) AS s WHERE s IS NOT NULL ORDER BY 1
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = TRUE, version = f.version + 1;
END;
$$;

-- Weights and calibrations name their sector.
CREATE FUNCTION stale_scores_of_config() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM mark_scores_stale(ARRAY(SELECT focus_group_id::text FROM new_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM mark_scores_stale(ARRAY(SELECT focus_group_id::text FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

-- A dimension or a platform parameter: every sector.
CREATE FUNCTION stale_scores_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organization_changes SET version = version + 1;
  UPDATE score_freshness SET stale = TRUE, version = version + 1;
  RETURN NULL;
END;
$$;

-- An assessment or a dimension score: the sector of its organization (none when the organization's
-- delete cascades: that delete marks the sector).
CREATE FUNCTION stale_scores_of_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM mark_scores_stale(ARRAY(
      SELECT o.focus_group_id::text FROM new_rows AS n JOIN organizations AS o USING (organization_id)));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM mark_scores_stale(ARRAY(
      SELECT o.focus_group_id::text FROM old_rows AS d JOIN organizations AS o USING (organization_id)));
  END IF;
  RETURN NULL;
END;
$$;

-- An organization's revenue or sector changed (both sectors), or the organization deleted. An insert
-- changes no score: the organization has no assessment yet.
CREATE FUNCTION stale_scores_of_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM mark_scores_stale(ARRAY(
      SELECT unnest(ARRAY[n.focus_group_id::text, d.focus_group_id::text])
      FROM new_rows AS n JOIN old_rows AS d USING (organization_id)
      WHERE n.focus_group_id IS DISTINCT FROM d.focus_group_id
        OR n.annual_revenue_usd IS DISTINCT FROM d.annual_revenue_usd));
  ELSE
    PERFORM mark_scores_stale(ARRAY(SELECT focus_group_id::text FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_scores_weights_insert AFTER INSERT ON focus_group_dimension_weights
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_weights_update AFTER UPDATE ON focus_group_dimension_weights
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_weights_delete AFTER DELETE ON focus_group_dimension_weights
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_calibrations_insert AFTER INSERT ON focus_group_calibrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_calibrations_update AFTER UPDATE ON focus_group_calibrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_calibrations_delete AFTER DELETE ON focus_group_calibrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_config();
CREATE TRIGGER trg_scores_assessments_insert AFTER INSERT ON organization_assessments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_assessments_update AFTER UPDATE ON organization_assessments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_assessments_delete AFTER DELETE ON organization_assessments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_dimension_scores_insert AFTER INSERT ON organization_dimension_scores
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_dimension_scores_update AFTER UPDATE ON organization_dimension_scores
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_dimension_scores_delete AFTER DELETE ON organization_dimension_scores
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_assessments();
CREATE TRIGGER trg_scores_organizations_update AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_organizations();
CREATE TRIGGER trg_scores_organizations_delete AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_of_organizations();
CREATE TRIGGER trg_scores_parameters AFTER INSERT OR UPDATE OR DELETE ON platform_parameters
  FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_everywhere();
CREATE TRIGGER trg_scores_dimensions AFTER INSERT OR UPDATE OR DELETE ON dimensions
  FOR EACH STATEMENT EXECUTE FUNCTION stale_scores_everywhere();

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
  CASE WHEN sf.stale = false THEN os.vr END AS vr,
  CASE WHEN sf.stale = false THEN os.hr END AS hr,
  CASE WHEN sf.stale = false THEN os.synergy END AS synergy,
  CASE WHEN sf.stale = false THEN os.org_air END AS org_air
FROM organizations o
JOIN focus_groups fg ON fg.focus_group_id = o.focus_group_id
LEFT JOIN org_attributes_manufacturing a_manufacturing ON a_manufacturing.organization_id = o.organization_id
LEFT JOIN org_attributes_financial_services a_financial_services ON a_financial_services.organization_id = o.organization_id
LEFT JOIN org_attributes_healthcare a_healthcare ON a_healthcare.organization_id = o.organization_id
LEFT JOIN org_attributes_technology a_technology ON a_technology.organization_id = o.organization_id
LEFT JOIN org_attributes_retail a_retail ON a_retail.organization_id = o.organization_id
LEFT JOIN org_attributes_energy a_energy ON a_energy.organization_id = o.organization_id
LEFT JOIN org_attributes_professional_services a_professional_services ON a_professional_services.organization_id = o.organization_id
LEFT JOIN organization_assessments AS oa ON oa.organization_id = o.organization_id
LEFT JOIN organization_scores AS os ON os.organization_id = o.organization_id AND os.focus_group_id = o.focus_group_id
LEFT JOIN score_freshness AS sf ON sf.focus_group_id = o.focus_group_id;
