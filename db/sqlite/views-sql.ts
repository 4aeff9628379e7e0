import type { ViewsSql } from '../core/views-repository';

/** The view is stored as the JSON text it was given, saved_at as ISO text. */
export const sqliteViewsSql: ViewsSql = {
  list: 'SELECT name, view, saved_at FROM saved_views',
};
