import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokePath, type Channel, type Input } from '../shared/contract';
import { startHost, type RunningHost } from './host';

export interface ScratchDb {
  file: string;
  dispose(): Promise<void>;
}

/** A database file of its own, so that a spec never disturbs the flow spec's database. */
export async function scratchDb(): Promise<ScratchDb> {
  const dir = await mkdtemp(join(tmpdir(), 'sector-studio-spec-'));
  return { file: join(dir, 'spec.db'), dispose: () => rm(dir, { recursive: true, force: true }) };
}

export { startHost, type RunningHost };

/** Calls a channel the way the renderer's HTTP bridge does; throws on an error Result. */
export async function invoke<C extends Channel>(
  host: RunningHost,
  channel: C,
  input: Input<C>,
): Promise<void> {
  const response = await fetch(`${host.url}${invokePath(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.message}`);
}

/** Creates the schema and seeds the configuration, then inserts sample organizations if asked. */
export async function prepare(host: RunningHost, organizations?: Input<'orgs:insertSample'>): Promise<void> {
  await invoke(host, 'schema:init', {});
  await invoke(host, 'seed:sectorsDimensions', {});
  await invoke(host, 'seed:weightsCalibrations', {});
  if (organizations) await invoke(host, 'orgs:insertSample', organizations);
}
