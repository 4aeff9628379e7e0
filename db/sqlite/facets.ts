import type { Statement } from 'better-sqlite3';
import { FACET_ROW_BUDGET, type OrgFacets, type OrgFacetsRequest } from '../../shared/org-facets';
import { facetOf, facetQueries } from '../core/facets';
import type { Db } from './connection';
import { sqliteDialect } from './filter-dialect';

/** Facet counts on SQLite: every facet of a request from one read snapshot. */
export function createFacetReader(db: Db): (request: OrgFacetsRequest) => OrgFacets {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw();
      statements.set(sql, statement);
    }
    return statement;
  };
  const read = db.transaction((request: OrgFacetsRequest): OrgFacets => {
    const budget = request.budget ?? FACET_ROW_BUDGET;
    const facets = facetQueries(request, sqliteDialect).map((query) =>
      facetOf(
        query,
        query.sql === null ? [] : (prepared(query.sql).all(query.params) as unknown[][]),
        budget,
      ),
    );
    return { facets, budget };
  });
  return (request) => read.deferred(request);
}
