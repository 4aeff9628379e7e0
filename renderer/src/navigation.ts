import {
  IconAdjustmentsHorizontal,
  IconBolt,
  IconBuildingSkyscraper,
  IconDatabase,
  IconHome,
  IconPlant2,
  IconTrophy,
  type Icon,
} from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';

export const sections = [
  { id: 'home', label: 'Home', icon: IconHome },
  { id: 'schema', label: 'Schema', icon: IconDatabase },
  { id: 'seeding', label: 'Seeding', icon: IconPlant2 },
  { id: 'sector-configuration', label: 'Sector Configuration', icon: IconAdjustmentsHorizontal },
  { id: 'cache', label: 'Cache', icon: IconBolt },
  { id: 'organizations', label: 'Organizations', icon: IconBuildingSkyscraper },
  { id: 'rankings', label: 'Rankings', icon: IconTrophy },
] as const satisfies readonly { id: string; label: string; icon: Icon }[];

export type SectionId = (typeof sections)[number]['id'];

function isSectionId(value: string): value is SectionId {
  return sections.some((section) => section.id === value);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** `#organizations?sector=…` is the Organizations section with a view in its query. */
function split(hash: string): { id: string; query: string | null } {
  const text = hash.replace(/^#\/?/, '');
  const at = text.indexOf('?');
  return at < 0 ? { id: text, query: null } : { id: text.slice(0, at), query: text.slice(at + 1) };
}

function currentSection(): SectionId {
  const { id } = split(window.location.hash);
  return isSectionId(id) ? id : 'home';
}

/** The query of `hash` when it addresses `section`, else null. */
export function locationQuery(hash: string, section: SectionId): string | null {
  const { id, query } = split(hash);
  return id === section ? query : null;
}

/** The section lives in the URL hash, so a reload or a link keeps the analyst where they were. */
export function useSection(): SectionId {
  return useSyncExternalStore(subscribe, currentSection);
}

export function sectionHref(id: SectionId): string {
  return `#${id}`;
}
