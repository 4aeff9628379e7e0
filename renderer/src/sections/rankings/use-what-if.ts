import { useEffect, useRef, useState } from 'react';
import type { WhatIfOverrides, WhatIfResult } from '../../../../shared/scoring';
import { parseDecimalInput, WEIGHT_DECIMALS } from '../../../../shared/sector-config';
import { bridge } from '../../api/bridge';

/** The typed weights as numbers, or the first field that is not a weight yet. */
export function parseDraft(
  draft: Record<string, string>,
): { weights: Record<string, number>; invalid: null } | { weights: null; invalid: string } {
  const weights: Record<string, number> = {};
  for (const [code, text] of Object.entries(draft)) {
    const parsed = parseDecimalInput(text, WEIGHT_DECIMALS);
    if (!parsed.ok || parsed.value < 0 || parsed.value > 1) return { weights: null, invalid: code };
    weights[code] = parsed.value;
  }
  return { weights, invalid: null };
}

/**
 * The what-if of the values being typed: every change asks at once (no debounce: a keystroke's
 * answer comes in well under 250 ms), and only the latest request's answer is shown.
 */
export function useWhatIf(sector: string, overrides: WhatIfOverrides | null) {
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [roundTripMs, setRoundTripMs] = useState<number | null>(null);
  const latest = useRef(0);
  const key = overrides === null ? null : JSON.stringify(overrides);
  useEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    const started = performance.now();
    void bridge
      .invoke('scores:whatIf', { focus_group_id: sector, ...(JSON.parse(key) as WhatIfOverrides) })
      .then((reply) => {
        if (request !== latest.current || !reply.ok) return;
        setResult(reply.value);
        setRoundTripMs(performance.now() - started);
      });
  }, [sector, key]);
  return { result: key === null ? null : result, roundTripMs };
}
