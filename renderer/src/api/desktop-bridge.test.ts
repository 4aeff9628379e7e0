import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/contract';
import { createDesktopBridge } from './desktop-bridge';

function preload(answer: unknown): Bridge {
  return { invoke: vi.fn(async () => answer) as Bridge['invoke'], subscribe: vi.fn(() => () => {}) };
}

describe('the desktop bridge', () => {
  it('saves an export through the save dialog’s channel and says where it went', async () => {
    const ipc = preload({ ok: true, value: { path: '/home/a/orgs.csv', rows: 12, cancelled: false } });
    const request = { sort: 'legal_name', format: 'csv' as const };
    expect(await createDesktopBridge(ipc).saveOrganizations(request)).toEqual({
      ok: true,
      value: { target: '/home/a/orgs.csv', rows: 12, cancelled: false, download: false },
    });
    expect(ipc.invoke).toHaveBeenCalledWith('orgs:export', request);
  });

  it('passes a refusal through as it came, and the share document through config:export', async () => {
    const refusal = { ok: false, error: { code: 'BUSY', message: 'Another export is running' } };
    expect(await createDesktopBridge(preload(refusal)).saveOrganizations({})).toEqual(refusal);
    const saved = { ok: true, value: { path: '/home/a/all.json', sectors: 7 } };
    const ipc = preload(saved);
    expect(await createDesktopBridge(ipc).saveConfiguration({ focus_group_id: null })).toEqual(saved);
    expect(ipc.invoke).toHaveBeenCalledWith('config:export', { focus_group_id: null });
  });
});
