-- The seed declares org_attributes_financial_services.regulatory_bodies VARCHAR(50)[]; migration 1
-- wrote VARCHAR(100)[]. PostgreSQL changes a column's type only while no view reads it, so the
-- unified view is dropped and created again as migration 1 wrote it. An element longer than 50
-- characters stops the migration (value too long for type character varying(50)) and leaves the
-- schema at version 4: shorten the element, then run init again.

DROP VIEW vw_organizations_full;

ALTER TABLE org_attributes_financial_services ALTER COLUMN regulatory_bodies TYPE VARCHAR(50)[];

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
FROM organizations o
JOIN focus_groups fg ON fg.focus_group_id = o.focus_group_id
LEFT JOIN org_attributes_manufacturing a_manufacturing ON a_manufacturing.organization_id = o.organization_id
LEFT JOIN org_attributes_financial_services a_financial_services ON a_financial_services.organization_id = o.organization_id
LEFT JOIN org_attributes_healthcare a_healthcare ON a_healthcare.organization_id = o.organization_id
LEFT JOIN org_attributes_technology a_technology ON a_technology.organization_id = o.organization_id
LEFT JOIN org_attributes_retail a_retail ON a_retail.organization_id = o.organization_id
LEFT JOIN org_attributes_energy a_energy ON a_energy.organization_id = o.organization_id
LEFT JOIN org_attributes_professional_services a_professional_services ON a_professional_services.organization_id = o.organization_id;
