import { Table } from '@mantine/core';
import type { ScoreBreakdown } from '../../../../shared/scoring';
import { scoreText } from './score-text';

const four = (v: number) => v.toFixed(4);

/** The formula's steps for one organization, each with the value it gave (docs/scoring.md). */
export function breakdownSteps(b: ScoreBreakdown): [string, string, string][] {
  const { lambda, kappa, alpha, beta } = b.parameters;
  const {
    talent_concentration_threshold: tau,
    h_r_baseline: hr0,
    position_factor_delta: delta,
  } = b.calibrations;
  return [
    ['Weighted mean D', 'Σ w·s / Σ w', scoreText(b.weighted_mean)],
    ['Coefficient of variation CV', 'σ / D', four(b.cv)],
    ['Penalty', `1 − λ·CV, λ = ${lambda}`, four(b.penalty)],
    [
      'Talent adjustment T',
      `1 − κ·max(0, TC − τ), κ = ${kappa}, TC = ${b.talent_concentration}, τ = ${tau}`,
      four(b.talent_adjustment),
    ],
    ['Vᴿ', 'D · penalty · T', scoreText(b.vr)],
    ['PF: readiness part', `0.6 · (Vᴿ − ${scoreText(b.sector_mean_vr)}) / 50`, four(b.position_relative)],
    ['PF: revenue part', `0.4 · (2p − 1), p = ${four(b.revenue_percentile)}`, four(b.position_revenue)],
    ['Position factor PF', 'clamp(sum, −1, 1)', four(b.position_factor)],
    ['Hᴿ', `${hr0} · (1 + ${delta}·PF)`, scoreText(b.hr)],
    ['Synergy', 'Vᴿ · Hᴿ / 100 · alignment · timing', scoreText(b.synergy)],
    ['Org-AI-R', `(1 − ${beta})(${alpha}·Vᴿ + ${1 - alpha}·Hᴿ) + ${beta}·synergy`, scoreText(b.org_air)],
  ];
}

export function BreakdownSteps({ breakdown }: { breakdown: ScoreBreakdown }) {
  return (
    <Table aria-label={`Score breakdown of ${breakdown.legal_name}`} verticalSpacing={3} fz="sm">
      <Table.Tbody>
        {breakdownSteps(breakdown).map(([step, how, value]) => (
          <Table.Tr key={step}>
            <Table.Td fw={step === 'Org-AI-R' ? 700 : 500}>{step}</Table.Td>
            <Table.Td c="dimmed">{how}</Table.Td>
            <Table.Td ta="right" fw={step === 'Org-AI-R' ? 700 : undefined}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
