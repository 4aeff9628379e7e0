import { useState } from 'react';
import type { Input } from '../../../../shared/contract';
import type { ProgressEvent } from '../../../../shared/domain';
import { bridge, call, notifyError, notifySuccess, useAction, useBridgeEvent } from '../../api/bridge';
import { plural } from '../../format';

export interface ExportTask {
  running: boolean;
  /** The running export's latest progress; null before its first report. */
  progress: ProgressEvent | null;
  start: (request: Input<'orgs:export'>) => Promise<void>;
  cancel: () => void;
}

/** One export at a time, its progress from the task's events, and a notification with its outcome. */
export function useExport(): ExportTask {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [running, run] = useAction();

  useBridgeEvent('progress', (event) => {
    if (event.task === 'orgs:export') setProgress(event.finished ? null : event);
  });

  const start = (request: Input<'orgs:export'>) =>
    run(async () => {
      const result = await bridge.saveOrganizations(request);
      setProgress(null);
      if (!result.ok) return notifyError(result.error);
      const outcome = result.value;
      if (outcome.target === null) return;
      const rows = plural(outcome.rows, 'row');
      if (outcome.cancelled)
        notifySuccess('Export cancelled', `Stopped after ${rows}; no partial file is kept.`);
      else if (outcome.download) notifySuccess('Export downloaded', `${rows} in ${outcome.target}`);
      else notifySuccess('Export saved', `${rows} written to ${outcome.target}`);
    });

  return { running, progress, start, cancel: () => void call('orgs:cancelExport', {}) };
}
