import type { Dimension, FocusGroup, InsertOrgsResult, OrgPage } from '../shared/domain';
import type { OrgQuery } from '../shared/contract';
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

/** Which organizations, in which order: a query without its paging. */
export type OrgFilter = Pick<OrgQuery, 'focus_group_id' | 'status' | 'search' | 'sort' | 'dir'>;

export interface OrganizationRepository {
  /** The unified view's column names, in order. */
  readonly columns: string[];
  query(query: OrgQuery): OrgPage;
  count(filter: Pick<OrgQuery, 'focus_group_id' | 'status' | 'search'>): number;
  /** Every matching row of the view as SQLite returns it (arrays in `columns` order), in keyset chunks. */
  scan(filter: OrgFilter, chunkSize: number): Generator<unknown[][]>;
}

export interface SampleProgress {
  done: number;
  total: number;
}

export interface SampleOptions {
  count: number;
  seed?: number;
  onProgress?: (progress: SampleProgress) => void;
}

export type InsertSample = (options: SampleOptions) => InsertOrgsResult;
