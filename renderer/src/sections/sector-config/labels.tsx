import type { ReactNode } from 'react';

/** The calibrations the lab names, as an analyst says them (H^R is written with a superscript). */
const calibrationNames: Record<string, string> = {
  h_r_baseline: 'H^R baseline',
  ebitda_multiplier: 'EBITDA multiplier',
  position_factor_delta: 'Position factor delta',
  talent_concentration_threshold: 'Talent concentration threshold',
  governance_minimum: 'Governance minimum',
};

function written(name: string): string {
  const known = calibrationNames[name];
  if (known !== undefined) return known;
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * `H^R` as plain text: HR, which is also what the superscript reads as (H<sup>R</sup>), so that a
 * button's accessible name and its visible label say the same, and no one hears "H caret R".
 */
export function plainText(text: string): string {
  return text.replaceAll('H^R', 'HR');
}

/** Plain text, for accessible names and chart labels: `HR baseline`, `Grid resilience`. */
export function calibrationText(name: string): string {
  return plainText(written(name));
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
  return <Superscripted text={written(name)} />;
}
