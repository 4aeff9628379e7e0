import type { AttributeValue } from './sample-orgs';
import { SampleRandom } from './sample-data';

/** One organization's generated assessment: scores by dimension_id (two decimals), TC (four). */
export interface SampleAssessment {
  talent_concentration: number;
  assessed_on: string;
  scores: Record<string, number>;
}

/** Attribute values that rise with maturity, lowest first; a value's place is its signal (0–1). */
const ladders: readonly (readonly string[])[] = [
  ['none', 'pilot', 'production', 'scaled'],
  ['siloed', 'partial', 'integrated', 'converged'],
  ['low', 'medium', 'high', 'lights_out'],
  ['low', 'medium', 'high', 'real_time'],
  ['none', 'basic', 'standard', 'deep'],
];

/** Attributes that speak for one dimension more than the others (a digital twin for data, …). */
const dimensionSignals: Record<string, readonly string[]> = {
  pe_dim_data_infra: [
    'digital_twin_status',
    'supply_chain_visibility',
    'ehr_integration_level',
    'fhir_enabled',
    'ami_deployed',
    'knowledge_graph',
  ],
  pe_dim_tech_stack: [
    'it_ot_integration',
    'edge_computing',
    'cloud_native',
    'gpu_infrastructure',
    'ecommerce_pct',
  ],
  pe_dim_use_cases: [
    'demand_forecasting_ai',
    'fraud_detection_ai',
    'credit_ai',
    'aml_ai',
    'clinical_ai_deployed',
    'imaging_ai',
    'llm_integration',
    'personalization_ai',
    'demand_forecasting',
    'grid_optimization_ai',
    'predictive_maintenance',
    'document_ai',
    'client_ai_services',
  ],
  pe_dim_governance: ['hitrust_certified', 'hipaa_certified', 'regulated'],
  pe_dim_talent: ['internal_ai_tools', 'algo_trading', 'automation_level'],
};

/** A value's maturity signal in [0, 1], or undefined when it says nothing of maturity. */
function signal(key: string, value: AttributeValue): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && key.endsWith('_pct')) return Math.min(1, Math.max(0, value / 100));
  if (typeof value !== 'string') return undefined;
  const ladder = ladders.find((l) => l.includes(value));
  return ladder ? ladder.indexOf(value) / (ladder.length - 1) : undefined;
}

const mean = (values: number[], fallback: number) =>
  values.length === 0 ? fallback : values.reduce((a, b) => a + b, 0) / values.length;

/** Roughly normal noise (sum of three uniforms), mean 0 and standard deviation `sd`. */
const noise = (r: SampleRandom, sd: number) => (r.float() + r.float() + r.float() - 1.5) * 2 * sd;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * A plausible assessment from an organization's sector attributes: an overall maturity (the mean of
 * every attribute's signal) lifts every dimension, and the attributes that speak for a dimension
 * lift it further, so that a scaled digital twin tends to score higher on Data Infrastructure.
 * Talent concentration runs against maturity (mature organizations depend less on a few people).
 */
export function sampleAssessment(
  r: SampleRandom,
  dimensionIds: readonly string[],
  attributes: Record<string, AttributeValue>,
): SampleAssessment {
  const signals = Object.entries(attributes).flatMap(([key, value]) => {
    const s = signal(key, value);
    return s === undefined ? [] : [[key, s] as const];
  });
  const maturity = mean(
    signals.map(([, s]) => s),
    0.5,
  );
  const own = noise(r, 8);
  const scores: Record<string, number> = {};
  for (const id of dimensionIds) {
    const named = signals.filter(([key]) => dimensionSignals[id]?.includes(key)).map(([, s]) => s);
    const specific = mean(named, maturity);
    scores[id] = round(clamp(28 + 30 * maturity + 22 * specific + own + noise(r, 9), 0, 100), 2);
  }
  const talent = round(clamp(0.45 - 0.3 * maturity + noise(r, 0.1), 0, 1), 4);
  const day = r.int(0, 729);
  const assessed = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return { talent_concentration: talent, assessed_on: assessed, scores };
}

/** The assessments' own stream: drawing from it leaves the organizations of a seed as they were. */
export const assessmentRandom = (seed: number) => new SampleRandom((seed ^ 0x0a55e55) >>> 0);
