import type { Bridge, Input } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { httpRoutes } from '../../../shared/contract';
import { exportFileName } from '../../../shared/org-query';
import type { OrgExportOutcome } from './app-bridge';

/** How long the browser host has to answer a download before we say it did not start. */
const startTimeoutMs = 15_000;

/** Starts a download of one of the host's routes; `name` empty lets the host's answer name the file. */
export function download(href: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * A browser download cannot report back, so its end is read from the export task's progress
 * events, which the host sends over the same event stream as everything else.
 */
export function downloadOrganizations(
  request: Input<'orgs:export'>,
  subscribe: Bridge['subscribe'],
): Promise<Result<OrgExportOutcome>> {
  const name = exportFileName(request, request.format);
  return new Promise((resolve) => {
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: {
            code: 'BUSY',
            message: 'The download did not start: the host refused it or another export is still running.',
          },
        }),
      startTimeoutMs,
    );
    const unsubscribe = subscribe('progress', (event) => {
      if (event.task !== 'orgs:export') return;
      clearTimeout(timer);
      if (event.finished) {
        const outcome = {
          target: name,
          rows: event.done,
          cancelled: event.done < event.total,
          download: true,
        };
        finish({ ok: true, value: outcome });
      }
    });
    function finish(result: Result<OrgExportOutcome>) {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    }
    download(httpRoutes.export.encode(request), name);
  });
}
