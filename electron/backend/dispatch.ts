import type { z } from 'zod';
import { contract, isChannel, type Channel, type Output, type ParsedInput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { toErrorValue } from '../../db/core/errors';

/** One handler per contract channel: a missing channel is a compile error. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
};

/** One line, e.g. `weight: Too big: expected number to be <=1; limit: Invalid input`. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

/**
 * The untyped door every transport uses: checks the channel name and validates the payload against
 * the contract before any handler runs, so a bad message changes nothing.
 */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` },
      };
    }
    const parsed = contract[channel].input.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid input for ${channel}: ${describeIssues(parsed.error)}`,
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toErrorValue(error) };
    }
  };
}
