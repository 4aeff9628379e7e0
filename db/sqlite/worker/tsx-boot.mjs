// Worker bootstrap when running from TypeScript sources (tests, the CLI and the browser host under
// tsx): a worker thread does not inherit tsx's loader, so it registers it before importing the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
