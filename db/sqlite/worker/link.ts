import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { LockWait, TaskHooks, TextSink } from '../../port';
import {
  LIFECYCLE_ID,
  type ConfigChangeRow,
  type FromWorker,
  type OperationNames,
  type Role,
  type ToWorker,
} from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  hooks?: TaskHooks;
  sink?: TextSink;
  onWait?: LockWait['onWait'];
  /** Chunks are written in order; the result waits for the last one. */
  written: Promise<void>;
  sinkError?: Error;
}

/**
 * The worker's script: the bundled file next to the main process's bundle, or, when running from
 * TypeScript sources, the entry behind a bootstrap that registers tsx in the worker thread.
 */
function workerScript(): { url: URL; workerData?: { entry: string } } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { url: new URL('./tsx-boot.mjs', here), workerData: { entry: new URL('./entry.ts', here).href } };
  }
  return { url: new URL('./db-worker.js', here) };
}

/**
 * Each database worker's old space. V8 lets a heap grow to up to 4 times what its last full
 * collection kept when the limit is large (a thread's default is a quarter of the machine's memory),
 * and only 1.6 times under this one: an import or a bulk insert, which make garbage fast, then
 * collect it long before the limit. Measured at 200,000 organizations: the bench's import phase
 * peaked at 444 MB resident against 568 MB without it, the concurrency phase at 634 against 694
 * MB; 256 MB saved little more (431, 610) and would leave less room for a large database's loaded
 * assessments. A worker past it stops, and its calls fail with the reason.
 */
const WORKER_OLD_SPACE_MB = 1024;

/** One database worker thread seen from the main thread: typed calls, tasks and change reports. */
export class WorkerLink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = LIFECYCLE_ID + 1;
  private stopped: Error | null = null;
  onConfigChanges: (rows: ConfigChangeRow[]) => void = () => {};
  onScoresStale: () => void = () => {};

  constructor(readonly role: Role) {
    const script = workerScript();
    this.worker = new Worker(script.url, {
      workerData: script.workerData,
      name: `sector-studio-${role}`,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB },
    });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`exited with code ${code}`)));
  }

  /** Opens the worker's connection; resolves to the names of its operations. */
  async open(options: {
    file: string;
    mustExist: boolean;
    pollMs: number;
    busyTimeoutMs?: number;
  }): Promise<OperationNames> {
    return (await this.request(LIFECYCLE_ID, {
      kind: 'open',
      role: this.role,
      ...options,
    })) as OperationNames;
  }

  call(op: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return this.request(id, { kind: 'call', id, op, args });
  }

  task(op: string, input: unknown, hooks: TaskHooks, sink?: TextSink): Promise<unknown> {
    const id = this.nextId++;
    return this.cancellable(id, hooks.signal, () =>
      this.request(id, { kind: 'call', id, op, args: [input] }, { hooks, sink }),
    );
  }

  /** A configuration write: its lock wait reported to `wait.onWait`, and cancelled by `wait.signal`. */
  waitingWrite(op: string, input: unknown, wait: LockWait = {}): Promise<unknown> {
    const id = this.nextId++;
    const send = () => this.request(id, { kind: 'call', id, op, args: [input] }, { onWait: wait.onWait });
    return wait.signal === undefined ? send() : this.cancellable(id, wait.signal, send);
  }

  /** Sends call `id`, posting its cancel when `signal` aborts (at once if it already has). */
  private cancellable(id: number, signal: AbortSignal, send: () => Promise<unknown>): Promise<unknown> {
    const cancel = () => this.post({ kind: 'cancel', id });
    if (signal.aborted) queueMicrotask(cancel);
    else signal.addEventListener('abort', cancel, { once: true });
    return send().finally(() => signal.removeEventListener('abort', cancel));
  }

  async close(): Promise<void> {
    if (this.stopped === null) await this.request(LIFECYCLE_ID, { kind: 'close', id: LIFECYCLE_ID });
    await this.worker.terminate();
  }

  private request(
    id: number,
    message: ToWorker,
    task?: Pick<Pending, 'hooks' | 'sink' | 'onWait'>,
  ): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...task, written: Promise.resolve() });
      this.post(message);
    });
  }

  private post(message: ToWorker): void {
    if (this.stopped === null) this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.kind === 'config-changes') return this.onConfigChanges(message.changes);
    if (message.kind === 'scores-stale') return this.onScoresStale();
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.kind) {
      case 'progress':
        pending.hooks?.progress(message.done, message.total);
        return;
      case 'waiting':
        pending.onWait?.(message.waited_ms);
        return;
      case 'chunk':
        pending.written = pending.written.then(() => this.write(message.id, pending, message.text));
        return;
      case 'result':
        this.pending.delete(message.id);
        void pending.written.then(() =>
          pending.sinkError ? pending.reject(pending.sinkError) : pending.resolve(message.value),
        );
        return;
      case 'error':
        this.pending.delete(message.id);
        void pending.written.then(() =>
          pending.reject(new AppError(message.error.code, message.error.message, message.error.field)),
        );
        return;
    }
  }

  /** Hands a chunk to the sink; a failing sink (a full disk, a closed download) cancels the task. */
  private async write(id: number, pending: Pending, text: string): Promise<void> {
    if (pending.sinkError === undefined && pending.sink) {
      try {
        await pending.sink(text);
      } catch (error) {
        pending.sinkError = error instanceof Error ? error : new Error(String(error));
        this.post({ kind: 'cancel', id });
      }
    }
    this.post({ kind: 'credit', id });
  }

  private stop(cause: Error): void {
    if (this.stopped) return;
    this.stopped = new AppError('INTERNAL', `The database ${this.role} stopped: ${cause.message}`);
    for (const pending of this.pending.values()) pending.reject(this.stopped);
    this.pending.clear();
  }
}
