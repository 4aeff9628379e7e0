import { useSyncExternalStore } from 'react';
import { authorName } from '../../../shared/contract';

/**
 * The analyst's name for this app on this computer: kept by the page (every window of the app sees
 * it, and the next start keeps it) and sent with every write. Without one, the backend names the
 * writes (SECTOR_STUDIO_AUTHOR, the PostgreSQL role, or the OS user).
 */
const key = 'sector-studio:author';
const listeners = new Set<() => void>();

/** The saved name, if it is still one the contract accepts. */
export function savedAuthor(): string | null {
  const parsed = authorName.safeParse(window.localStorage.getItem(key) ?? '');
  return parsed.success ? parsed.data : null;
}

/** Saves `name` (null: back to the default); another window hears of it through the storage event. */
export function saveAuthor(name: string | null): void {
  if (name === null) window.localStorage.removeItem(key);
  else window.localStorage.setItem(key, name);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === key) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSavedAuthor(): string | null {
  return useSyncExternalStore(subscribe, savedAuthor);
}
