/**
 * Human labels for the columns of vw_organizations_full, as an analyst would say them: the grid's
 * headers, its column menu, filter chips and the row drawer speak in these. Exports keep the column
 * names (they are what the CSV, the JSON and SQL say).
 */
export const organizationLabels: Record<string, string> = {
  organization_id: 'Organization ID',
  legal_name: 'Legal name',
  display_name: 'Display name',
  ticker_symbol: 'Ticker',
  cik_number: 'SEC CIK number',
  duns_number: 'D-U-N-S number',
  focus_group_id: 'Focus group ID',
  primary_sic_code: 'Primary SIC code',
  primary_naics_code: 'Primary NAICS code',
  employee_count: 'Employees',
  annual_revenue_usd: 'Annual revenue (USD)',
  founding_year: 'Founding year',
  headquarters_country: 'HQ country',
  headquarters_state: 'HQ state',
  headquarters_city: 'HQ city',
  website_url: 'Website',
  status: 'Status',
  created_at: 'Created at',
  updated_at: 'Updated at',
  created_by: 'Created by',
  sector_name: 'Sector',
  sector_code: 'Sector code',
};

export const attributeLabels: Record<string, string> = {
  // Manufacturing
  ot_systems: 'OT systems',
  it_ot_integration: 'IT/OT integration',
  scada_vendor: 'SCADA vendor',
  mes_system: 'MES system',
  plant_count: 'Plants',
  automation_level: 'Automation level',
  iot_platforms: 'IoT platforms',
  digital_twin_status: 'Digital twin status',
  edge_computing: 'Edge computing',
  supply_chain_visibility: 'Supply chain visibility',
  demand_forecasting_ai: 'AI demand forecasting',
  // Financial Services
  regulatory_bodies: 'Regulatory bodies',
  charter_type: 'Charter type',
  model_risk_framework: 'Model risk framework',
  mrm_team_size: 'Model risk team size',
  model_inventory_count: 'Models in inventory',
  algo_trading: 'Algorithmic trading',
  fraud_detection_ai: 'AI fraud detection',
  credit_ai: 'AI credit decisions',
  aml_ai: 'AI anti-money-laundering',
  aum_billions: 'AUM (billions)',
  total_assets_billions: 'Total assets (billions)',
  // Healthcare
  hipaa_certified: 'HIPAA certified',
  hitrust_certified: 'HITRUST certified',
  fda_clearances: 'FDA clearances',
  fda_clearance_count: 'FDA clearance count',
  ehr_system: 'EHR system',
  ehr_integration_level: 'EHR integration level',
  fhir_enabled: 'FHIR enabled',
  clinical_ai_deployed: 'Clinical AI deployed',
  imaging_ai: 'Imaging AI',
  org_type: 'Organization type',
  bed_count: 'Beds',
  // Technology
  tech_category: 'Technology category',
  primary_language: 'Primary language',
  cloud_native: 'Cloud native',
  github_org: 'GitHub organization',
  github_stars_total: 'GitHub stars',
  open_source_projects: 'Open-source projects',
  ml_platform: 'ML platform',
  llm_integration: 'LLM integration',
  ai_product_features: 'AI product features',
  gpu_infrastructure: 'GPU infrastructure',
  // Retail
  retail_type: 'Retail type',
  store_count: 'Stores',
  ecommerce_pct: 'E-commerce share (%)',
  cdp_vendor: 'CDP vendor',
  loyalty_program: 'Loyalty program',
  loyalty_members: 'Loyalty members',
  personalization_ai: 'AI personalization',
  recommendation_engine: 'Recommendation engine',
  demand_forecasting: 'Demand forecasting',
  // Energy
  energy_type: 'Energy type',
  regulated: 'Regulated utility',
  scada_systems: 'SCADA systems',
  ami_deployed: 'AMI deployed',
  smart_grid_pct: 'Smart grid coverage (%)',
  generation_capacity_mw: 'Generation capacity (MW)',
  grid_optimization_ai: 'AI grid optimization',
  predictive_maintenance: 'Predictive maintenance',
  renewable_pct: 'Renewable share (%)',
  // Professional Services
  firm_type: 'Firm type',
  partnership_model: 'Partnership model',
  partner_count: 'Partners',
  professional_staff: 'Professional staff',
  km_system: 'Knowledge management system',
  document_ai: 'Document AI',
  knowledge_graph: 'Knowledge graph',
  client_ai_services: 'AI services for clients',
  internal_ai_tools: 'Internal AI tools',
};

/** A column's label; an unknown column (a later migration) shows its own name rather than nothing. */
/** An organization's assessment (each dimension by its code) and its Org-AI-R scores. */
export const assessmentLabels: Record<string, string> = {
  data_infrastructure: 'Data infrastructure',
  ai_governance: 'AI governance',
  technology_stack: 'Technology stack',
  talent: 'Talent',
  leadership: 'Leadership',
  use_case_portfolio: 'Use case portfolio',
  culture: 'Culture',
  talent_concentration: 'Talent concentration',
  assessed_on: 'Assessed on',
  vr: 'Vᴿ',
  hr: 'Hᴿ',
  synergy: 'Synergy',
  org_air: 'Org-AI-R',
};

export function columnLabel(column: string): string {
  return organizationLabels[column] ?? attributeLabels[column] ?? assessmentLabels[column] ?? column;
}

/** Decimals a column's numbers are shown with, where fixed: scores two, talent concentration four. */
export function fixedDecimals(column: string): number | null {
  if (column === 'talent_concentration') return 4;
  return column !== 'assessed_on' && assessmentLabels[column] !== undefined ? 2 : null;
}
