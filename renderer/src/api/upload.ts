import { httpRoutes } from '../../../shared/contract';
import { isErrorValue, type Result } from '../../../shared/errors';
import { MAX_IMPORT_BYTES, type ImportSource } from '../../../shared/org-import';

/** The browser's file picker for an import; resolves to null when the analyst closes it. */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Picks a file and uploads it to the browser host, which holds it for the import's steps. */
export async function pickAndUpload(): Promise<Result<ImportSource | null>> {
  const file = await pickFile();
  if (file === null) return { ok: true, value: null };
  if (file.size > MAX_IMPORT_BYTES) {
    const limit = MAX_IMPORT_BYTES / 1_000_000;
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${file.name} is larger than ${limit} MB: split it into smaller files`,
      },
    };
  }
  try {
    const response = await fetch(httpRoutes.importUpload.encode({ name: file.name }), {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    const body = (await response.json()) as { ok: boolean; value?: ImportSource; error?: unknown };
    if (body.ok && body.value !== undefined) return { ok: true, value: body.value };
    if (isErrorValue(body.error)) return { ok: false, error: body.error };
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Unexpected reply from the host (HTTP ${response.status})` },
    };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Cannot reach the Sector Studio host: ${String(error)}` },
    };
  }
}
