import { faker } from '@faker-js/faker/locale/en';

type Attributes = Record<string, string | number | boolean | string[] | null>;

/**
 * The sample generator's random source: sfc32, seeded through splitmix32 so that nearby seeds give
 * unrelated streams. faker's own helpers cost ~35 µs per organization (argument validation,
 * template parsing, a Mersenne Twister per call), which made generation as slow as the inserts; this
 * draws the same kinds of values from faker's own word lists in a few microseconds.
 */
export class SampleRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform in [min, max) with two decimals, like money amounts and percentages. */
  money(min: number, max: number): number {
    return Math.round((min + this.float() * (max - min)) * 100) / 100;
  }

  bool(probability = 0.5): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** 1 to `max` distinct items in random order. */
  some<T>(items: readonly T[], max = 3): T[] {
    const pool = [...items];
    const count = this.int(1, Math.min(max, pool.length));
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.float() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, count);
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + Math.floor(this.float() * 10));
    return out;
  }

  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(65 + Math.floor(this.float() * 26));
    return out;
  }
}

// A faker upgrade that moves a list should fail here, loudly, not generate empty names.
function words(list: unknown, name: string): readonly string[] {
  if (Array.isArray(list) && list.length > 0 && list.every((w) => typeof w === 'string')) return list;
  throw new Error(`faker's en locale has no ${name} list`);
}

const defs = faker.rawDefinitions;
const lastNames = words(defs.person?.last_name?.generic, 'person.last_name');
const firstNames = words(defs.person?.first_name?.generic, 'person.first_name');
const legalForms = words(defs.company?.legal_entity_type, 'company.legal_entity_type');
const cityPrefixes = words(defs.location?.city_prefix, 'location.city_prefix');
const citySuffixes = words(defs.location?.city_suffix, 'location.city_suffix');
const cityNames = words(defs.location?.city_name, 'location.city_name');
const states = words(defs.location?.state, 'location.state');
const adjectives = words(defs.word?.adjective, 'word.adjective');
const nouns = words(defs.word?.noun, 'word.noun');

/** faker's en last-name pattern: one name, or two joined by a hyphen one time in twenty. */
const lastName = (r: SampleRandom) =>
  r.bool(0.05) ? `${r.pick(lastNames)}-${r.pick(lastNames)}` : r.pick(lastNames);

/** faker's en company-name patterns, with its word lists. */
export function companyName(r: SampleRandom): string {
  switch (r.int(0, 2)) {
    case 0:
      return `${lastName(r)} - ${lastName(r)}`;
    case 1:
      return `${lastName(r)} ${r.pick(legalForms)}`;
    default:
      return `${lastName(r)}, ${lastName(r)} and ${lastName(r)}`;
  }
}

/** faker's en city patterns, with its word lists. */
export function cityName(r: SampleRandom): string {
  switch (r.int(0, 4)) {
    case 0:
      return `${r.pick(cityPrefixes)} ${r.pick(firstNames)}${r.pick(citySuffixes)}`;
    case 1:
      return `${r.pick(cityPrefixes)} ${r.pick(firstNames)}`;
    case 2:
      return `${r.pick(firstNames)}${r.pick(citySuffixes)}`;
    case 3:
      return `${lastName(r)}${r.pick(citySuffixes)}`;
    default:
      return r.pick(cityNames);
  }
}

export const stateName = (r: SampleRandom) => r.pick(states);

/** An adjective-noun handle like faker's internet.domainWord ("brave-antelope"). */
export const domainWord = (r: SampleRandom) =>
  `${r.pick(adjectives)}-${r.pick(nouns)}`.toLowerCase().replace(/[^a-z0-9-]/g, '');

const pick = <T>(r: SampleRandom, items: readonly T[]): T => r.pick(items);
const some = (r: SampleRandom, items: readonly string[], max = 3): string[] => r.some(items, max);
const int = (r: SampleRandom, min: number, max: number) => r.int(min, max);
const money = (r: SampleRandom, min: number, max: number) => r.money(min, max);
const bool = (r: SampleRandom, probability = 0.5) => r.bool(probability);

/** Plausible sector attribute rows: real vendor names, counts and shares in believable ranges. */
export const sectorAttributes: Record<string, (f: SampleRandom) => Attributes> = {
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
      fda_clearances: Array.from({ length: clearances }, () => `K${f.digits(6)}`),
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
    github_org: domainWord(f).slice(0, 100),
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
