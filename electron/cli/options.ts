import { InvalidArgumentError } from 'commander';
import { parseDecimalInput } from '../../shared/sector-config';

/** A whole number of at least `min`, as commander parses an option or argument. */
export function integer(name: string, min: number) {
  return (text: string) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    }
    return n;
  };
}

/** A decimal with at most `decimals` places. */
export function decimal(name: string, decimals: number) {
  return (text: string) => {
    const parsed = parseDecimalInput(text, decimals);
    if (!parsed.ok) throw new InvalidArgumentError(`${name}: ${parsed.error}`);
    return parsed.value;
  };
}
