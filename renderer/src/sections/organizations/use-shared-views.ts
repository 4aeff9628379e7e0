import { useCallback, useEffect, useState } from 'react';
import type { SavedView as StoredView, ViewBody } from '../../../../shared/saved-views';
import { bridge, call, notifyError, notifySuccess } from '../../api/bridge';
import { plural } from '../../format';
import { readView, type GridView } from './view-state';

export interface NamedView {
  name: string;
  view: GridView;
}

export interface SharedViews {
  views: NamedView[];
  /** Reads the list again: another window or instance may have changed it. */
  refresh: () => void;
  save: (name: string, view: GridView) => Promise<void>;
  remove: (name: string) => Promise<void>;
  importFile: (file: File) => Promise<void>;
  exportFile: () => Promise<void>;
}

const named = (stored: StoredView[]): NamedView[] =>
  stored.map(({ name, view }) => ({ name, view: readView(view) }));

/** The view as the database keeps it: plain JSON (an open bound of a range is left out). */
const body = (view: GridView) => JSON.parse(JSON.stringify(view)) as ViewBody;

/** Where earlier versions kept saved views, in one browser profile and port. */
const legacyKey = 'sector-studio:organizations:saved-views';

/** Views an earlier version saved in this profile go to the database once, then leave the profile. */
async function moveLegacyViews(current: StoredView[]): Promise<StoredView[] | null> {
  const text = window.localStorage.getItem(legacyKey);
  if (text === null) return null;
  let listed: unknown;
  try {
    listed = JSON.parse(text);
  } catch {
    listed = [];
  }
  let views = current;
  for (const entry of Array.isArray(listed) ? listed : []) {
    const { name, view } = (entry ?? {}) as { name?: unknown; view?: unknown };
    if (typeof name !== 'string' || views.some((v) => v.name === name.trim())) continue;
    const saved = await bridge.invoke('views:save', { name, view: body(readView(view)) });
    if (saved.ok) views = saved.value;
  }
  window.localStorage.removeItem(legacyKey);
  return views;
}

/** The saved views of the database this window works on, shared with every other window and instance. */
export function useSharedViews(): SharedViews {
  const [views, setViews] = useState<NamedView[]>([]);
  const refresh = useCallback(() => {
    void bridge.invoke('views:list', {}).then((result) => result.ok && setViews(named(result.value)));
  }, []);
  useEffect(() => {
    void bridge.invoke('views:list', {}).then(async (result) => {
      if (!result.ok) return;
      setViews(named((await moveLegacyViews(result.value)) ?? result.value));
    });
  }, []);

  const apply = (stored: StoredView[] | null) => {
    if (stored !== null) setViews(named(stored));
  };
  return {
    views,
    refresh,
    save: async (name, view) => apply(await call('views:save', { name, view: body(view) })),
    remove: async (name) => apply(await call('views:delete', { name })),
    async importFile(file) {
      const result = await call('views:import', { text: await file.text() });
      if (result === null) return;
      apply(result.views);
      notifySuccess(
        'Views imported',
        `${file.name}: ${result.added.toLocaleString()} added, ${result.replaced.toLocaleString()} replaced`,
      );
    },
    async exportFile() {
      const result = await bridge.saveViews();
      if (!result.ok) return notifyError(result.error);
      if (result.value?.path) {
        notifySuccess(
          'Views exported',
          `${plural(result.value.views, 'view')} written to ${result.value.path}`,
        );
      }
    },
  };
}
