import type { ReactNode } from 'react';

/** The calibrations the lab names, as an analyst says them (H^R is written with a superscript). */
const calibrationNames: Record<string, string> = {
  h_r_baseline: 'H^R baseline',
  ebitda_multiplier: 'EBITDA multiplier',
  position_factor_delta: 'Position factor delta',
  talent_concentration_threshold: 'Talent concentration threshold',
  governance_minimum: 'Governance minimum',
};

/** Plain text, for accessible names and chart labels: `H^R baseline`, `Grid resilience`. */
export function calibrationText(name: string): string {
  const known = calibrationNames[name];
  if (known !== undefined) return known;
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Text with every `H^R` shown as H with a superscript R, as the seed's formulas write it. */
export function Superscripted({ text }: { text: string }): ReactNode {
  const parts = text.split('H^R');
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 && (
        <>
          H<sup>R</sup>
        </>
      )}
      {part}
    </span>
  ));
}

export function CalibrationName({ name }: { name: string }): ReactNode {
  return <Superscripted text={calibrationText(name)} />;
}
