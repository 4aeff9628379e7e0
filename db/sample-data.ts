import type { Faker } from '@faker-js/faker';

type Attributes = Record<string, string | number | boolean | string[] | null>;

const pick = <T>(f: Faker, items: readonly T[]): T => f.helpers.arrayElement(items);
const some = (f: Faker, items: readonly string[], max = 3): string[] =>
  f.helpers.arrayElements(items, { min: 1, max: Math.min(max, items.length) });
const int = (f: Faker, min: number, max: number) => f.number.int({ min, max });
const money = (f: Faker, min: number, max: number) => f.number.float({ min, max, fractionDigits: 2 });
const bool = (f: Faker, probability = 0.5) => f.datatype.boolean({ probability });

/** Plausible sector attribute rows: real vendor names, counts and shares in believable ranges. */
export const sectorAttributes: Record<string, (f: Faker) => Attributes> = {
  pe_manufacturing: (f) => ({
    ot_systems: some(f, [
      'Siemens SIMATIC',
      'Rockwell FactoryTalk',
      'ABB Ability',
      'Honeywell Experion',
      'Emerson DeltaV',
    ]),
    it_ot_integration: pick(f, ['siloed', 'partial', 'integrated', 'converged']),
    scada_vendor: pick(f, [
      'Siemens',
      'Rockwell Automation',
      'Schneider Electric',
      'ABB',
      'GE Vernova',
      'AVEVA',
    ]),
    mes_system: pick(f, [
      'SAP Digital Manufacturing',
      'Siemens Opcenter',
      'Rockwell Plex',
      'DELMIA Apriso',
      'AVEVA MES',
    ]),
    plant_count: int(f, 1, 120),
    automation_level: pick(f, ['low', 'medium', 'high', 'lights_out']),
    iot_platforms: some(
      f,
      ['AWS IoT', 'Azure IoT Hub', 'PTC ThingWorx', 'Siemens Insights Hub', 'Litmus Edge'],
      2,
    ),
    digital_twin_status: pick(f, ['none', 'pilot', 'production', 'scaled']),
    edge_computing: bool(f, 0.55),
    supply_chain_visibility: pick(f, ['low', 'medium', 'high', 'real_time']),
    demand_forecasting_ai: bool(f, 0.4),
  }),
  pe_financial_services: (f) => {
    const assets = money(f, 0.5, 2500);
    return {
      regulatory_bodies: some(f, ['SEC', 'FINRA', 'OCC', 'FDIC', 'Federal Reserve', 'CFPB', 'FCA', 'ECB']),
      charter_type: pick(f, [
        'National Bank',
        'State Bank',
        'Credit Union',
        'Broker-Dealer',
        'Asset Manager',
        'Insurer',
      ]),
      model_risk_framework: pick(f, ['SR 11-7', 'PRA SS1/23', 'OSFI E-23', 'Internal framework']),
      mrm_team_size: int(f, 0, 180),
      model_inventory_count: int(f, 5, 2400),
      algo_trading: bool(f, 0.35),
      fraud_detection_ai: bool(f, 0.7),
      credit_ai: bool(f, 0.5),
      aml_ai: bool(f, 0.6),
      aum_billions: bool(f, 0.6) ? money(f, 0.1, assets) : null,
      total_assets_billions: assets,
    };
  },
  pe_healthcare: (f) => {
    const orgType = pick(f, [
      'Hospital System',
      'Physician Group',
      'Payer',
      'Medtech',
      'Digital Health',
      'Life Sciences',
    ]);
    const clearances = orgType === 'Medtech' || orgType === 'Digital Health' ? int(f, 0, 6) : 0;
    return {
      hipaa_certified: bool(f, 0.85),
      hitrust_certified: bool(f, 0.4),
      fda_clearances: Array.from({ length: clearances }, () => `K${f.string.numeric(6)}`),
      fda_clearance_count: clearances,
      ehr_system: pick(f, [
        'Epic',
        'Oracle Health',
        'MEDITECH',
        'athenahealth',
        'eClinicalWorks',
        'Veradigm',
      ]),
      ehr_integration_level: pick(f, ['none', 'basic', 'standard', 'deep']),
      fhir_enabled: bool(f, 0.6),
      clinical_ai_deployed: bool(f, 0.35),
      imaging_ai: bool(f, 0.3),
      org_type: orgType,
      bed_count: orgType === 'Hospital System' ? int(f, 50, 4000) : null,
    };
  },
  pe_technology: (f) => ({
    tech_category: pick(f, [
      'SaaS',
      'Infrastructure',
      'Cybersecurity',
      'Data & Analytics',
      'Developer Tools',
      'AI/ML',
    ]),
    primary_language: pick(f, ['TypeScript', 'Python', 'Go', 'Java', 'Rust', 'C#', 'Kotlin']),
    cloud_native: bool(f, 0.75),
    github_org: f.internet.domainWord().slice(0, 100),
    github_stars_total: int(f, 0, 250_000),
    open_source_projects: int(f, 0, 300),
    ml_platform: pick(f, ['SageMaker', 'Vertex AI', 'Azure ML', 'Databricks', 'Kubeflow', 'In-house']),
    llm_integration: bool(f, 0.6),
    ai_product_features: int(f, 0, 40),
    gpu_infrastructure: bool(f, 0.3),
  }),
  pe_retail: (f) => {
    const loyalty = bool(f, 0.65);
    return {
      retail_type: pick(f, ['Grocery', 'Apparel', 'Home Goods', 'Electronics', 'Specialty', 'DTC Brand']),
      store_count: int(f, 0, 5000),
      ecommerce_pct: money(f, 2, 100),
      cdp_vendor: pick(f, [
        'Segment',
        'Salesforce Data Cloud',
        'Adobe Real-Time CDP',
        'Tealium',
        'mParticle',
      ]),
      loyalty_program: loyalty,
      loyalty_members: loyalty ? int(f, 1_000, 40_000_000) : null,
      personalization_ai: bool(f, 0.5),
      recommendation_engine: pick(f, [
        'Dynamic Yield',
        'Algolia Recommend',
        'Amazon Personalize',
        'Bloomreach',
        'In-house',
      ]),
      demand_forecasting: bool(f, 0.55),
    };
  },
  pe_energy: (f) => ({
    energy_type: pick(f, [
      'Electric Utility',
      'Gas Utility',
      'Renewables IPP',
      'Midstream',
      'Water Utility',
      'Integrated',
    ]),
    regulated: bool(f, 0.6),
    scada_systems: some(f, [
      'GE Vernova GridOS',
      'Siemens Spectrum Power',
      'Schneider ADMS',
      'AVEVA PI',
      'Hitachi Energy',
    ]),
    ami_deployed: bool(f, 0.55),
    smart_grid_pct: money(f, 0, 100),
    generation_capacity_mw: money(f, 5, 40_000),
    grid_optimization_ai: bool(f, 0.35),
    predictive_maintenance: bool(f, 0.5),
    renewable_pct: money(f, 0, 100),
  }),
  pe_professional_services: (f) => {
    const partners = int(f, 2, 1500);
    return {
      firm_type: pick(f, [
        'Law Firm',
        'Accounting',
        'Management Consulting',
        'Engineering Services',
        'Staffing',
      ]),
      partnership_model: pick(f, ['General Partnership', 'LLP', 'Corporate', 'Hybrid']),
      partner_count: partners,
      professional_staff: partners * int(f, 3, 12),
      km_system: pick(f, ['iManage', 'NetDocuments', 'SharePoint', 'Confluence', 'Intapp']),
      document_ai: bool(f, 0.55),
      knowledge_graph: bool(f, 0.2),
      client_ai_services: bool(f, 0.4),
      internal_ai_tools: bool(f, 0.7),
    };
  },
};

/** Industry codes by sector, so that SIC and NAICS agree with the sector. */
export const industryCodes: Record<string, { sic: string[]; naics: string[] }> = {
  pe_manufacturing: {
    sic: ['3312', '3559', '3714', '3829'],
    naics: ['331110', '333249', '336390', '334519'],
  },
  pe_financial_services: {
    sic: ['6021', '6211', '6282', '6311'],
    naics: ['522110', '523150', '523940', '524113'],
  },
  pe_healthcare: { sic: ['8062', '8011', '3841', '2834'], naics: ['622110', '621111', '339112', '325412'] },
  pe_technology: { sic: ['7372', '7374', '3674'], naics: ['513210', '518210', '334413'] },
  pe_retail: { sic: ['5411', '5651', '5731', '5961'], naics: ['445110', '458110', '449210', '455110'] },
  pe_energy: { sic: ['4911', '4924', '4931', '4941'], naics: ['221111', '221210', '221122', '221310'] },
  pe_professional_services: {
    sic: ['8111', '8721', '8742', '8711'],
    naics: ['541110', '541211', '541611', '541330'],
  },
};
