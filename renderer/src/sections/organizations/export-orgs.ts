import type { ProgressEvent } from '../../../../shared/domain';
import { bridge, call, notifyError } from '../../api/bridge';
import type { Input } from '../../../../shared/contract';
import { exportFileName } from '../../../../shared/org-query';
import { exportUrl } from './export-url';

export type ExportFilter = Input<'orgs:export'>;

export interface ExportOutcome {
  /** The saved file's path (desktop) or the download's file name (browser); null when dismissed. */
  target: string | null;
  rows: number;
  cancelled: boolean;
  /** A browser download rather than a file the desktop app saved. */
  download: boolean;
}

/** How long the browser host has to answer a download before we say it did not start. */
const startTimeoutMs = 15_000;

/**
 * A browser download cannot report back, so its end is read from the export task's progress
 * events, which the host sends over the same event stream as everything else.
 */
function download(filter: ExportFilter): Promise<ExportOutcome | null> {
  return new Promise((resolve) => {
    let started = false;
    const timer = setTimeout(() => finish(null), startTimeoutMs);
    const unsubscribe = bridge.subscribe('progress', (event: ProgressEvent) => {
      if (event.task !== 'orgs:export') return;
      started = true;
      clearTimeout(timer);
      if (event.finished) {
        finish({
          target: exportFileName(filter, filter.format),
          rows: event.done,
          cancelled: event.done < event.total,
          download: true,
        });
      }
    });
    function finish(outcome: ExportOutcome | null) {
      clearTimeout(timer);
      unsubscribe();
      if (!started) {
        notifyError({
          code: 'BUSY',
          message: 'The download did not start: the host refused it or another export is still running.',
        });
      }
      resolve(outcome);
    }
    const anchor = document.createElement('a');
    anchor.href = exportUrl(filter);
    anchor.download = exportFileName(filter, filter.format);
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  });
}

/**
 * Exports the grid's view (filter, sort, visible columns) as CSV or JSON. The desktop app asks where to save and streams to
 * that file in the main process; the browser host streams the same text as a download. Either way
 * the rows never pass through the renderer. Null when the export did not start (an error was
 * already shown, or the host refused the download).
 */
export async function exportOrganizations(filter: ExportFilter): Promise<ExportOutcome | null> {
  if (window.sectorStudio === undefined) return download(filter);
  const result = await call('orgs:export', filter);
  return result === null
    ? null
    : { target: result.path, rows: result.rows, cancelled: result.cancelled, download: false };
}
