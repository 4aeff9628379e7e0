import type { TaskName } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { EventBus } from './event-bus';

export interface TaskContext {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

/**
 * Long work that reports progress and can be cancelled: at most one run per task name, a progress
 * event when it starts, as it goes and when it finishes (also on failure).
 */
export class Tasks {
  private readonly running = new Map<TaskName, AbortController>();

  constructor(private readonly bus: EventBus) {}

  async run<T>(task: TaskName, total: number, work: (context: TaskContext) => Promise<T>): Promise<T> {
    if (this.running.has(task)) throw new AppError('BUSY', `${describe(task)} is already running`);
    const controller = new AbortController();
    this.running.set(task, controller);
    let done = 0;
    const progress = (value: number, of: number) => {
      done = value;
      total = of;
      this.bus.emit('progress', { task, done, total, finished: false });
    };
    try {
      progress(0, total);
      return await work({ signal: controller.signal, progress });
    } finally {
      this.running.delete(task);
      this.bus.emit('progress', { task, done, total, finished: true });
    }
  }

  cancel(task: TaskName): boolean {
    const controller = this.running.get(task);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

const descriptions: Record<TaskName, string> = {
  'orgs:export': 'An export',
  'orgs:import': 'An import',
  'orgs:insertSample': 'Inserting sample organizations',
};

function describe(task: TaskName): string {
  return descriptions[task];
}
