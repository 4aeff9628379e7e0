import type { Bridge, Input } from '../../../shared/contract';
import type { ConfigExportResult, HistoryExportResult } from '../../../shared/domain';
import type { ViewsExportResult } from '../../../shared/saved-views';
import type { Result } from '../../../shared/errors';
import type { ImportSource } from '../../../shared/org-import';

/** Where an export of organizations went. */
export interface OrgExportOutcome {
  /** The saved file's path (desktop) or the download's file name (browser); null when the save dialog was dismissed. */
  target: string | null;
  rows: number;
  cancelled: boolean;
  /** A browser download rather than a file the desktop app saved. */
  download: boolean;
}

/**
 * The contract, plus the steps that each transport takes its own way, so that no feature asks which
 * one it runs on: saving an export where the analyst wants it is a save dialog in the desktop app
 * and a download in a browser. Either way the file's contents never pass through the renderer.
 */
export interface AppBridge extends Bridge {
  /** Writes the grid's view (filter, sort, visible columns) as CSV or JSON. */
  saveOrganizations(request: Input<'orgs:export'>): Promise<Result<OrgExportOutcome>>;
  /** Writes the share document; null when the browser took it as a download, which it reports itself. */
  saveConfiguration(request: Input<'config:export'>): Promise<Result<ConfigExportResult | null>>;
  /** Writes a sector's history (as filtered) as CSV; null when the browser took it as a download. */
  saveHistory(request: Input<'config:exportHistory'>): Promise<Result<HistoryExportResult | null>>;
  /**
   * Picks a CSV or Excel file and hands it to the backend for an import: the desktop app's open
   * dialog (the backend reads the file), or the browser's file picker and an upload. Null when dismissed.
   */
  openImportFile(): Promise<Result<ImportSource | null>>;
  /** Where the browser downloads an import's rejected rows; null in the desktop app, which writes them beside the file. */
  rejectedRowsUrl(importId: string): string | null;
  /** Writes every saved view as a file; null when the browser took it as a download. */
  saveViews(): Promise<Result<ViewsExportResult | null>>;
  /**
   * A link that opens this page at `hash` (`#organizations?…`): the browser host's own address, or
   * the desktop app's deep link (sector-studio://organizations?…).
   */
  linkTo(hash: string): string;
}
