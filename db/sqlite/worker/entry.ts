import { parentPort } from 'node:worker_threads';
import { openDatabase, type Db } from '../connection';
import { toErrorValue } from '../../core/errors';
import { watchConfigChanges } from './config-watch';
import { CHUNK_WINDOW, LIFECYCLE_ID, type FromWorker, type ToWorker } from './protocol';
import { sqliteOps, type SqliteOps, type WorkerTask } from './operations';

/** A database worker thread: one connection, the operations over it, and (reader) the change watch. */

if (!parentPort) throw new Error('The database worker runs as a worker thread');
const port = parentPort;
const post = (message: FromWorker) => port.postMessage(message);

interface Running {
  controller: AbortController;
  inFlight: number;
  wake: (() => void) | null;
}

let db: Db | undefined;
let ops: SqliteOps | undefined;
let stopWatching = () => {};
const running = new Map<number, Running>();
const calls = new Set<Promise<void>>();

function taskFor(id: number): WorkerTask {
  const state: Running = { controller: new AbortController(), inFlight: 0, wake: null };
  running.set(id, state);
  const { signal } = state.controller;
  return {
    signal,
    progress: (done, total) => post({ kind: 'progress', id, done, total }),
    async emit(text) {
      post({ kind: 'chunk', id, text });
      state.inFlight++;
      while (state.inFlight >= CHUNK_WINDOW && !signal.aborted) {
        await new Promise<void>((resolve) => (state.wake = resolve));
      }
    },
  };
}

function wake(id: number, change: (state: Running) => void): void {
  const state = running.get(id);
  if (!state) return;
  change(state);
  state.wake?.();
  state.wake = null;
}

async function call(id: number, op: keyof SqliteOps, args: unknown[]): Promise<void> {
  try {
    if (!ops) throw new Error('The database worker is not open');
    const run = ops[op] as (...input: unknown[]) => unknown;
    const isTask = op === 'insertSampleOrganizations' || op === 'exportOrganizations';
    const value = await (isTask ? run(args[0], taskFor(id)) : run(...args));
    post({ kind: 'result', id, value });
  } catch (error) {
    post({ kind: 'error', id, error: toErrorValue(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'open':
      try {
        db = openDatabase(message.file, {
          mustExist: message.mustExist,
          migrate: message.role === 'writer',
          busyTimeoutMs: message.busyTimeoutMs,
        });
        ops = sqliteOps(db, message.file);
        if (message.role === 'reader') {
          stopWatching = watchConfigChanges(db, message.pollMs, (changes) =>
            post({ kind: 'config-changes', changes }),
          );
        }
        post({ kind: 'result', id: LIFECYCLE_ID, value: null });
      } catch (error) {
        post({ kind: 'error', id: LIFECYCLE_ID, error: toErrorValue(error) });
      }
      return;
    case 'call': {
      const done = call(message.id, message.op, message.args);
      calls.add(done);
      void done.finally(() => calls.delete(done));
      return;
    }
    case 'cancel':
      wake(message.id, (state) => state.controller.abort());
      return;
    case 'credit':
      wake(message.id, (state) => state.inFlight--);
      return;
    case 'close':
      void close();
      return;
  }
});

/** Cancels running tasks, lets them reach their next batch boundary, then closes the file. */
async function close(): Promise<void> {
  stopWatching();
  for (const state of running.values()) state.controller.abort();
  await Promise.allSettled(calls);
  db?.close();
  db = undefined;
  ops = undefined;
  post({ kind: 'result', id: LIFECYCLE_ID, value: null });
}
