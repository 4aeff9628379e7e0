import { randomUUID } from 'node:crypto';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorValue } from '../../shared/errors';
import { createBackend, type Backend } from '../backend';
import { onInterrupt } from './interrupt';

/** A failure with the exit code it stands for: 2 for what the user typed, 1 for the rest. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export function cliError(error: ErrorValue): CliError {
  return new CliError(error.message, error.code === 'INVALID_INPUT' ? 2 : 1);
}

/** Who the CLI's writes are by: --author, else SECTOR_STUDIO_AUTHOR, else the backend's default. */
export interface Authorship {
  author?: string;
  authorSource?: 'setting' | 'environment';
}

export async function withBackend<T>(
  dbFile: string,
  create: boolean,
  authorship: Authorship,
  run: (backend: Backend) => Promise<T>,
): Promise<T> {
  const backend = await createBackend({
    dbFile,
    mustExist: !create,
    redisUrl: process.env.REDIS_URL || undefined,
    ...authorship,
  });
  const status = await backend.invoke('db:status', {});
  if (status.ok && status.value.cache.warning !== null)
    process.stderr.write(`warning: ${status.value.cache.warning}\n`);
  try {
    return await run(backend);
  } finally {
    await backend.close();
  }
}

export async function call<C extends Channel>(
  backend: Backend,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await backend.invoke(channel, input);
  if (!result.ok) throw cliError(result.error);
  return result.value;
}

/**
 * The Org-AI-R columns as the inputs give them now: a command that reads organizations may run
 * before any instance has recomputed a change (or exit before its own background refresh would).
 * A refresh that cannot run leaves the scores blank, never wrong; the read then says what is wrong
 * (no schema, a lock held too long).
 */
export async function freshScores(backend: Backend): Promise<void> {
  await backend.refreshScores().catch(() => {});
}

export function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A busy wait shorter than this passes without a word. */
const QUIET_MS = 1000;

type WriteChannel = 'config:addCalibration' | 'config:import' | 'config:revertChangeSet';

/**
 * A configuration write that may wait for another process's lock: after a second of waiting it says
 * so on stderr, once, and Ctrl-C abandons it (the command then fails with CANCELLED, nothing saved).
 */
export async function write<C extends WriteChannel>(
  backend: Backend,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const writeId = randomUUID();
  let said = false;
  const stopBusy = backend.subscribe('write:busy', (event) => {
    if (event.write_id !== writeId || said || event.waited_ms < QUIET_MS) return;
    said = true;
    const seconds = Math.round(event.waited_ms / 1000);
    process.stderr.write(
      `The database is busy: another process is writing (waited ${seconds} s). Still waiting; Ctrl-C cancels.\n`,
    );
  });
  const stopInterrupt = onInterrupt(() => void backend.invoke('config:cancelWrite', { write_id: writeId }));
  try {
    return await call(backend, channel, { ...input, write_id: writeId });
  } finally {
    stopBusy();
    stopInterrupt();
  }
}
