import type { Result } from '../../../shared/errors';

/** The value of a reply that must succeed; a failure ends the test with the error it carried. */
export async function ok<T>(
  reply: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>,
): Promise<T> {
  const result = await reply;
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a reply that must fail. */
export async function failure<T>(reply: Promise<Result<T>>) {
  const result = await reply;
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}
