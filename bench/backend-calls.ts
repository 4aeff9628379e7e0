import type { Backend } from '../electron/backend/index';
import type { Channel, Input, Output } from '../shared/contract';

/** A channel's reply value; a failed reply ends the bench with its message. */
export async function call<C extends Channel>(
  backend: Backend,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await backend.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/**
 * From the start of an edit by `editor` to the DELETE of that sector in `watcher`'s cache log (the
 * watcher caches the sector first), in ms, once per round: how fast another instance stops serving
 * a stale configuration. Timed from the start, not from the editor's reply: over LISTEN/NOTIFY the
 * other instance can hear of the commit before the editor's reply arrives.
 */
export async function propagationMs(editor: Backend, watcher: Backend, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await call(watcher, 'cache:fetch', { focus_group_id: 'pe_energy' });
    const seen = new Promise<number>((resolve) => {
      const stop = watcher.subscribe('cache:log', (entry) => {
        if (entry.message.includes('changed in another process') && entry.key === 'sector:pe_energy') {
          stop();
          resolve(performance.now());
        }
      });
    });
    const started = performance.now();
    await call(editor, 'config:updateWeight', {
      focus_group_id: 'pe_energy',
      dimension_code: 'talent',
      weight: Number((0.12 + ((i % 2) + 1) / 1000).toFixed(3)),
      rationale: 'test edit',
    });
    samples.push((await seen) - started);
  }
  return samples;
}
