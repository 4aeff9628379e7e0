import type { Dimension, FocusGroup, OrgPage } from '../shared/domain';
import type { OrgFilter, OrgQuery, OrgSelection, OrgSortColumn } from '../shared/org-query';
import type { SectorConfig } from '../shared/sector-config';

/**
 * What the services need from storage. SQLite implements these today; a PostgreSQL implementation
 * would slot in behind the same interfaces, which is why they are asynchronous.
 */
export interface ConfigRepository {
  listSectors(): Promise<FocusGroup[]>;
  listDimensions(): Promise<Dimension[]>;
  /** Rejects with AppError NOT_FOUND for an unknown sector, NOT_SEEDED before seeding. */
  loadSectorConfig(focusGroupId: string): Promise<SectorConfig>;
  /** Closes the current row and adds a new effective-dated one, in one transaction. */
  updateWeight(input: {
    focus_group_id: string;
    dimension_code: string;
    weight: number;
    rationale?: string;
  }): Promise<void>;
  updateCalibration(input: {
    focus_group_id: string;
    parameter_name: string;
    value: number;
    description?: string;
  }): Promise<void>;
}

export interface OrganizationRepository {
  /** The unified view's column names, in order. */
  readonly columns: string[];
  query(query: OrgQuery): OrgPage;
  count(filter: OrgFilter): number;
  /** Every matching row of the view as SQLite returns it (arrays in `columns` order), in keyset chunks. */
  scan(selection: KeysetSelection, chunkSize: number): Generator<unknown[][]>;
  /** The view's rows of these organizations as SQLite returns them, in the order of `ids`. */
  rowsById(ids: string[]): unknown[][];
}

/** A selection in an indexed order, which keyset paging serves. */
export type KeysetSelection = OrgSelection & { sort: OrgSortColumn };
