import { useState } from 'react';
import type { ProgressEvent } from '../../../../../shared/domain';
import type {
  ExistingChoice,
  ImportPreview,
  ImportSource,
  ImportSummary,
} from '../../../../../shared/org-import';
import { bridge, call, notifyError, useAction, useBridgeEvent } from '../../../api/bridge';

export type ImportStep = 'choose' | 'map' | 'preview' | 'running' | 'done';

/**
 * The import's steps and their state: the file the backend holds, the mapping and choices, the
 * preview of every problem, the running import's progress, and its summary.
 */
export function useImport(onImported: () => void) {
  const [source, setSource] = useState<ImportSource | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [existing, setExisting] = useState<ExistingChoice>('fail');
  const [validRows, setValidRows] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [step, setStep] = useState<ImportStep>('choose');
  const [busy, run] = useAction();

  useBridgeEvent('progress', (event) => {
    if (event.task === 'orgs:import') setProgress(event.finished ? null : event);
  });

  const opened = (next: ImportSource) => {
    setSource(next);
    setMapping(next.mapping);
    setPreview(null);
    setStep('map');
  };
  const options = () => ({
    import_id: source?.import_id ?? '',
    sheet: source?.sheet ?? null,
    mapping,
    existing,
    valid_rows: validRows,
  });

  return {
    step,
    source,
    mapping,
    existing,
    validRows,
    preview,
    summary,
    progress,
    busy,
    setExisting,
    setValidRows,
    mapColumn: (index: number, column: string | null) =>
      setMapping((current) => current.map((c, i) => (i === index ? column : c))),
    back: () => setStep('map'),
    choose: () =>
      run(async () => {
        const result = await bridge.openImportFile();
        if (!result.ok) return notifyError(result.error);
        if (result.value !== null) opened(result.value);
      }),
    chooseSheet: (sheet: string) =>
      run(async () => {
        if (source === null) return;
        const next = await call('orgs:importSheet', { import_id: source.import_id, sheet });
        if (next !== null) opened(next);
      }),
    check: () =>
      run(async () => {
        const next = await call('orgs:importPreview', options());
        if (next === null) return;
        setPreview(next);
        setStep('preview');
      }),
    start: () =>
      run(async () => {
        setStep('running');
        const result = await call('orgs:import', options());
        setProgress(null);
        if (result === null) return setStep('preview');
        setSummary(result);
        setStep('done');
        if (result.applied) onImported();
      }),
    cancel: () => void call('orgs:cancelImport', {}),
  };
}

export type ImportState = ReturnType<typeof useImport>;
