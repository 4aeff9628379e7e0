import { parentPort } from 'node:worker_threads';
import { openDatabase, type Db } from '../connection';
import { toErrorValue } from '../../core/errors';
import { watchConfigChanges } from './config-watch';
import { watchStaleScores } from './score-watch';
import { CHUNK_WINDOW, LIFECYCLE_ID, type FromWorker, type ToWorker } from './protocol';
import type { LockWait } from '../../port';
import { sqliteOperations, type OperationGroup, type SqliteOperations, type WorkerTask } from './operations';
import type { OperationNames } from './protocol';

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
let operations: SqliteOperations | undefined;
let stopWatching = () => {};
const running = new Map<number, Running>();
const calls = new Set<Promise<void>>();

/** A call's cancel: a 'cancel' message for its id aborts the signal. */
function cancellable(id: number): Running {
  const state: Running = { controller: new AbortController(), inFlight: 0, wake: null };
  running.set(id, state);
  return state;
}

function taskFor(id: number): WorkerTask {
  const state = cancellable(id);
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

/** A configuration write's lock wait: reported to the main thread, cancelled by its 'cancel'. */
function lockWaitFor(id: number): LockWait {
  return {
    signal: cancellable(id).controller.signal,
    onWait: (waited_ms) => post({ kind: 'waiting', id, waited_ms }),
  };
}

/** An operation by name, and its group (a task has progress, cancel and streamed text). */
function find(name: string): { run: (...input: unknown[]) => unknown; group: OperationGroup } {
  if (!operations) throw new Error('The database worker is not open');
  for (const [group, members] of Object.entries(operations)) {
    if (Object.hasOwn(members, name)) {
      const run = (members as Record<string, (...input: unknown[]) => unknown>)[name];
      if (run) return { run, group: group as OperationGroup };
    }
  }
  throw new Error(`The database worker has no operation ${name}`);
}

function start(id: number, op: string, args: unknown[]): unknown {
  const { run, group } = find(op);
  if (group === 'configWrite') return run(args[0], lockWaitFor(id));
  return group.endsWith('Task') ? run(args[0], taskFor(id)) : run(...args);
}

async function call(id: number, op: string, args: unknown[]): Promise<void> {
  try {
    const value = await start(id, op, args);
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
        operations = sqliteOperations(db, message.file);
        if (message.role === 'reader') {
          const stopConfig = watchConfigChanges(db, message.pollMs, (changes) =>
            post({ kind: 'config-changes', changes }),
          );
          const stopScores = watchStaleScores(db, message.pollMs, () => post({ kind: 'scores-stale' }));
          stopWatching = () => {
            stopConfig();
            stopScores();
          };
        }
        const names = Object.fromEntries(
          Object.entries(operations).map(([group, members]) => [group, Object.keys(members)]),
        ) as OperationNames;
        post({ kind: 'result', id: LIFECYCLE_ID, value: names });
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
  operations = undefined;
  post({ kind: 'result', id: LIFECYCLE_ID, value: null });
}
