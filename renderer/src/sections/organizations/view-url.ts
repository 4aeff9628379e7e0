import { useEffect, useEffectEvent, useLayoutEffect } from 'react';
import { locationQuery, sectionHref, type SectionId } from '../../navigation';
import { readView, type GridView } from './view-state';

const section: SectionId = 'organizations';

/**
 * A view as the query of the section's address (`#organizations?sector=pe_energy&sort=…`), readable in
 * a link: one parameter per part that differs from the default, lists comma-separated, the column
 * filters as JSON. Sort and direction are always written, so that a link with a query is a whole view.
 */
export function viewToQuery(view: GridView): string {
  const params = new URLSearchParams();
  if (view.focus_group_id !== null) params.set('sector', view.focus_group_id);
  if (view.status !== null) params.set('status', view.status);
  if (view.search !== null) params.set('q', view.search);
  if (view.where.length > 0) params.set('where', JSON.stringify(view.where));
  params.set('sort', view.sort);
  params.set('dir', view.dir);
  if (view.order.length > 0) params.set('order', view.order.join(','));
  if (view.hidden.length > 0) params.set('hidden', view.hidden.join(','));
  if (view.shown.length > 0) params.set('shown', view.shown.join(','));
  const widths = Object.entries(view.widths).map(([name, px]) => `${name}:${Math.round(px)}`);
  if (widths.length > 0) params.set('widths', widths.join(','));
  return params.toString();
}

const list = (text: string | null) => (text === null || text === '' ? [] : text.split(','));

function json(text: string | null): unknown {
  try {
    return text === null ? [] : JSON.parse(text);
  } catch {
    return [];
  }
}

/** The view a query describes; a part that does not read falls back to the default, as a stored view's does. */
export function viewFromQuery(query: string): GridView {
  const params = new URLSearchParams(query);
  const widths = list(params.get('widths')).flatMap((pair) => {
    const [name, px] = pair.split(':');
    return name === undefined || px === undefined ? [] : [[name, Number(px)] as const];
  });
  return readView({
    focus_group_id: params.get('sector'),
    status: params.get('status'),
    search: params.get('q'),
    where: json(params.get('where')),
    sort: params.get('sort') ?? undefined,
    dir: params.get('dir') ?? undefined,
    order: list(params.get('order')),
    hidden: list(params.get('hidden')),
    shown: list(params.get('shown')),
    widths: Object.fromEntries(widths),
  });
}

export function viewHref(view: GridView): string {
  return `${sectionHref(section)}?${viewToQuery(view)}`;
}

/**
 * Keeps the section's address and the grid's view in step: a link (or a deep link, or Back) with a
 * view in it opens that view, and while the section is shown each change of the view is written into
 * the address, replacing it rather than adding a history entry per filter.
 */
export function useViewInUrl(view: GridView, setView: (view: GridView) => void, shown: boolean): void {
  const adopt = useEffectEvent(() => {
    const query = locationQuery(window.location.hash, section);
    if (query !== null && query !== viewToQuery(view)) setView(viewFromQuery(query));
  });
  useLayoutEffect(() => {
    adopt();
    const onHashChange = () => adopt();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  useEffect(() => {
    if (!shown) return;
    const href = viewHref(view);
    if (window.location.hash !== href) window.history.replaceState(null, '', href);
  }, [shown, view]);
}
