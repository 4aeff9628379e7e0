import { vi } from 'vitest';
import { EventBus } from '../../backend/event-bus';
import type { Backend } from '../../backend/types';
import type { Result } from '../../../shared/errors';

/** A Backend whose dispatch and close are spies, with a real event bus to emit from. */
export function fakeBackend() {
  const bus = new EventBus();
  const dispatch = vi.fn(async (channel: unknown, _payload: unknown): Promise<Result<unknown>> => ({
    ok: true,
    value: `answer to ${String(channel)}`,
  }));
  const close = vi.fn(async () => {});
  const backend: Backend = {
    dbFile: '/tmp/fake.db',
    dispatch,
    close,
    invoke: (channel, input) => dispatch(channel, input) as never,
    subscribe: (event, listener) => bus.subscribe(event, listener),
    exportOrganizations: vi.fn(async () => ({ rows: 0, cancelled: false })),
    openImportFile: vi.fn(async () => {
      throw new Error('not in this fake');
    }),
    uploadImportFile: vi.fn(async () => {
      throw new Error('not in this fake');
    }),
    rejectedRows: vi.fn(() => ''),
    refreshScores: vi.fn(async () => ({ sectors: [], ms: 0 })),
  };
  return { backend, bus, dispatch, close };
}
