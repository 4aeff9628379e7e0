import type { ConfigDocument } from '../shared/config-document';
import type {
  CalibrationType,
  ConfigHistory,
  ConfigItemKind,
  Dimension,
  FocusGroup,
  ImportPreview,
  OrgPage,
  SectorDetails,
} from '../shared/domain';
import type { OrgFilter, OrgQuery, OrgSelection, OrgSortColumn } from '../shared/org-query';
import type { SectorConfig } from '../shared/sector-config';

/**
 * What the services need from storage. SQLite implements these today; a PostgreSQL implementation
 * would slot in behind the same interfaces, which is why they are asynchronous.
 */
export interface ConfigRepository {
  listSectors(): Promise<FocusGroup[]>;
  listDimensions(): Promise<Dimension[]>;
  /**
   * The configuration in force today, or on `asOf` (YYYY-MM-DD). Rejects with AppError NOT_FOUND
   * for an unknown sector (or a day before its first version), NOT_SEEDED before seeding.
   */
  loadSectorConfig(focusGroupId: string, asOf?: string | null): Promise<SectorConfig>;
  /** The same with each weight's and calibration's rationale, description, type and date. */
  loadSectorDetails(focusGroupId: string, asOf?: string | null): Promise<SectorDetails>;
  /** Every version of every weight and calibration of the sector. */
  history(focusGroupId: string): Promise<ConfigHistory>;
  /**
   * Sets weights of one sector in one transaction: each changed value closes its current row and
   * adds one dated today (or revises today's as a new version). Resolves to how many values
   * changed. A weight given with `weight_id` is saved only while that version is still the current
   * one: otherwise nothing is saved and it rejects with CONFLICT naming the new value.
   */
  updateWeights(input: {
    focus_group_id: string;
    weights: { dimension_code: string; weight: number; weight_id?: number | undefined }[];
    rationale: string;
  }): Promise<number>;
  /**
   * Rejects with NOT_FOUND for a parameter the sector does not have (adding is its own action), and
   * with CONFLICT when `calibration_id` is no longer the current version.
   */
  updateCalibration(input: {
    focus_group_id: string;
    parameter_name: string;
    value: number;
    rationale: string;
    calibration_id?: number | undefined;
  }): Promise<number>;
  /** Rejects with CONFLICT when the sector already has the parameter. */
  addCalibration(input: {
    focus_group_id: string;
    parameter_name: string;
    parameter_type: CalibrationType;
    description: string;
    value: number;
    rationale: string;
  }): Promise<void>;
  /** Makes an earlier version's value current again as a new dated row. */
  revert(input: {
    focus_group_id: string;
    kind: ConfigItemKind;
    version_id: number;
    /** The version current on the analyst's screen: CONFLICT when another is current by now. */
    current_id?: number;
    rationale: string;
  }): Promise<void>;
  /** The share document of one sector, or of all when null. */
  exportDocument(focusGroupId: string | null): Promise<ConfigDocument>;
  /** What importing the document would change; rejects a bad file with INVALID_INPUT in one sentence. */
  previewImport(text: string): Promise<ImportPreview>;
  /** Applies the document's differences in one transaction; resolves to what it changed. */
  importDocument(text: string): Promise<ImportPreview>;
}

export interface OrganizationRepository {
  /** The unified view's column names, in order. */
  readonly columns: string[];
  query(query: OrgQuery): OrgPage;
  count(filter: OrgFilter): number;
  /** Every matching row of the view as SQLite returns it (arrays in `columns` order), in keyset chunks. */
  scan(selection: KeysetSelection, chunkSize: number): Generator<unknown[][]>;
  /**
   * The sort keys of an indexed sort's rows after the query's cursor, each ending in the row's
   * rowid, ascending or descending as asked (not for `before`), read lazily: what keyset positions
   * (anchors) are built from and stepped along.
   */
  keys(query: OrgQuery & { sort: OrgSortColumn }): Generator<(string | number)[]>;
  /** The view's rows of these organizations (by rowid) as SQLite returns them, in the order given. */
  rowsByRowid(rowids: number[]): unknown[][];
}

/** A selection in an indexed order, which keyset paging serves. */
export type KeysetSelection = OrgSelection & { sort: OrgSortColumn };
