import { z } from 'zod';
import { parseAsOf } from './as-of';
import { calibrationValue, type ConfigDocument, parameterNamePattern, weightValue } from './config-document';
import { CALIBRATION_LIMIT } from './sector-config';
import {
  calibrationTypes,
  simulatedLatencies,
  type AuthorInfo,
  type CacheInfo,
  type CacheLogEntry,
  type CacheSettings,
  type CacheStats,
  type ConfigExportResult,
  type ConfigHistory,
  type ConfigWriteResult,
  type HistoryExportResult,
  type DbStatus,
  type DemoResetResult,
  type DemoStatus,
  type ImportPreview,
  type ImportResult,
  type SectorDetails,
  type ExportResult,
  type Dimension,
  type FetchConfigResult,
  type Sector,
  type InsertOrgsResult,
  type InvalidateResult,
  type MigrationResult,
  type OrgPage,
  type OrgRow,
  type ProgressEvent,
  type SchemaInfo,
  type SectorConfigJson,
  type SeedResult,
  type WriteBusyEvent,
} from './domain';
import { downloadRoute } from './download-route';
import type { Result } from './errors';
import type { OrgColumn, OrgRows } from './org-query';
import { sectorId, orgExport, orgQuery, orgWindow } from './org-query';
import { orgFacetsRequest, type OrgFacets } from './org-facets';
import { text } from './text';
import type { FieldSpec } from './org-fields';
import {
  changesSince,
  newOrganization,
  organizationEdit,
  organizationId,
  organizationIds,
  restoredRows,
  type OrgChanges,
  type OrgDeleted,
  type OrgRestored,
  type OrgSaved,
  type OrgUpdateResult,
} from './org-edits';
import {
  importId,
  importOptions,
  type ImportPreview as OrgImportPreview,
  type ImportSource,
  type ImportSummary,
} from './org-import';
import {
  viewBody,
  viewName,
  type SavedView,
  type ViewsDocument,
  type ViewsExportResult,
  type ViewsImported,
} from './saved-views';
import {
  platformParameterNames,
  type PlatformParameterVersion,
  type PlatformParametersView,
  type ScoreBreakdown,
  type SectorRanking,
  type WhatIfResult,
} from './scoring';

/**
 * The one declaration of every IPC channel: its name, the zod schema of its input and its output
 * type. The main-process handler table, the preload bridge, the browser host and the renderer's
 * client are all derived from this object.
 */

const empty = z.object({}).strict();

/** Every change to a configuration says why: the reason is kept with the version it creates. */
const rationale = text(500).trim().min(1, 'A rationale is required: say why the value changes');
const dimensionKey = text(50).min(1);
/** Updating accepts any existing name (answering NOT_FOUND for the rest); adding only a proper one. */
const existingParameter = text(100).min(1);
/** A weight_id or calibration_id: which stored version of a value. */
const versionId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A date (the end of that UTC day) or an ISO 8601 moment with its zone; see as-of.ts. */
const asOf = z
  .string()
  .max(64, 'at most 64 characters')
  .transform((text, ctx) => {
    const parsed = parseAsOf(text);
    if (parsed.ok) return { label: parsed.label, at: parsed.at, date: parsed.date };
    ctx.issues.push({ code: 'custom', message: parsed.error, input: text });
    return z.NEVER;
  });

/** Who made a change: an analyst's name as History shows it. */
export const authorName = text(100).trim().min(1, 'A name is needed');

/** The id a window gives a write, so that it can follow the write's busy wait and cancel it. */
const writeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A write id is 1 to 64 letters, digits, - or _');

/**
 * What every configuration write may carry: its author (else the instance's, see `author:default`)
 * and its id for `write:busy` events and `config:cancelWrite`.
 */
const writeMeta = { author: authorName.optional(), write_id: writeId.optional() };

/** A sector's history, optionally only one dimension's, one calibration's or one author's change sets. */
const historyRequest = z
  .object({
    focus_group_id: sectorId,
    dimension: dimensionKey.optional(),
    calibration: existingParameter.optional(),
    author: authorName.optional(),
  })
  .strict()
  .refine((filter) => filter.dimension === undefined || filter.calibration === undefined, {
    message: 'Filter by a dimension or by a calibration, not both',
  });

/** Up to 1 MB of text: a configuration file of every sector is a few kilobytes. */
const documentText = z.string().max(1_000_000, 'The file is larger than 1 MB: not a configuration');

/** The scores' "as of": a day (YYYY-MM-DD), whose end is the moment the configuration is read at. */
const asOfDay = z
  .string()
  .max(10, 'must be a date written YYYY-MM-DD')
  .superRefine((text, ctx) => {
    const parsed = parseAsOf(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    else if (parsed.date === null)
      ctx.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD' });
  });
/** A what-if value being typed: any finite number in range, before it is rounded to be saved. */
const whatIfWeight = z.number().min(0, 'A weight is at least 0').max(1, 'A weight is at most 1');
const whatIfValue = z.number().gt(-CALIBRATION_LIMIT).lt(CALIBRATION_LIMIT);
const parameterName = z.enum(platformParameterNames);

function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const contract = {
  'db:status': channel<DbStatus>()(empty),
  'schema:init': channel<MigrationResult>()(empty),
  'schema:describe': channel<SchemaInfo>()(empty),
  'seed:sectorsDimensions': channel<SeedResult>()(empty),
  'seed:weightsCalibrations': channel<SeedResult>()(empty),
  'sectors:list': channel<Sector[]>()(empty),
  'dimensions:list': channel<Dimension[]>()(empty),
  /** The configuration in force now, through the cache; or at `as_of`, from the database (never cached). */
  'config:get': channel<SectorConfigJson>()(
    z.object({ focus_group_id: sectorId, as_of: asOf.nullable().optional() }).strict(),
  ),
  /** The same with every weight's and calibration's rationale, description, type and date. */
  'config:details': channel<SectorDetails>()(
    z.object({ focus_group_id: sectorId, as_of: asOf.nullable().optional() }).strict(),
  ),
  /** Every sector's current configuration, through the cache (`sectors:all`). */
  'config:all': channel<SectorConfigJson[]>()(empty),
  'config:updateWeight': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: sectorId,
        dimension_code: dimensionKey,
        weight: weightValue,
        rationale,
        ...writeMeta,
      })
      .strict(),
  ),
  /**
   * Several weights of one sector in one transaction, with one invalidation. `weight_id` is the
   * version the editor showed: when another is current by now, nothing is saved (CONFLICT).
   */
  'config:updateWeights': channel<ConfigWriteResult>()(
    z
      .object({
        focus_group_id: sectorId,
        weights: z
          .array(
            z
              .object({ dimension_code: dimensionKey, weight: weightValue, weight_id: versionId.optional() })
              .strict(),
          )
          .min(1)
          .max(100),
        rationale,
        ...writeMeta,
      })
      .strict(),
  ),
  /** `calibration_id`, like `weight_id` above, is the version the editor showed. */
  'config:updateCalibration': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: sectorId,
        parameter_name: existingParameter,
        value: calibrationValue,
        rationale,
        calibration_id: versionId.optional(),
        ...writeMeta,
      })
      .strict(),
  ),
  /** A new calibration parameter for one sector: a data row, no migration. */
  'config:addCalibration': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: sectorId,
        parameter_name: z
          .string()
          .regex(parameterNamePattern, 'A parameter name is lower_case_words: a-z, 0-9 and _, up to 100'),
        parameter_type: z.enum(calibrationTypes),
        description: text(500).trim().min(1, 'Describe what the parameter means'),
        value: calibrationValue,
        rationale,
        ...writeMeta,
      })
      .strict(),
  ),
  /** The sector's change sets and versions, optionally only one dimension's, calibration's or author's. */
  'config:history': channel<ConfigHistory>()(historyRequest),
  /** Saves the history (as filtered) as CSV where the desktop app's save dialog says. */
  'config:exportHistory': channel<HistoryExportResult>()(historyRequest),
  /**
   * Makes an earlier version's value current again, as a new dated row; history is never deleted.
   * `current_id`, like `weight_id` above, is the version that was current on the analyst's screen.
   */
  'config:revert': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: sectorId,
        kind: z.enum(['weight', 'calibration']),
        version_id: versionId,
        current_id: versionId.optional(),
        rationale,
        ...writeMeta,
      })
      .strict(),
  ),
  /**
   * Undoes a whole change set as a new one: each value it changed goes back to its value before it.
   * `seen_change_set_id` is the newest change set on the analyst's screen: CONFLICT when the sector
   * has a newer one by now, so that the revert is never of a state the analyst did not see.
   */
  'config:revertChangeSet': channel<ConfigWriteResult>()(
    z
      .object({
        focus_group_id: sectorId,
        change_set_id: versionId,
        seen_change_set_id: versionId.optional(),
        rationale,
        ...writeMeta,
      })
      .strict(),
  ),
  /** Abandons a write still waiting for another process's lock (it then fails with CANCELLED). */
  'config:cancelWrite': channel<{ cancelled: boolean }>()(z.object({ write_id: writeId }).strict()),
  /** The author of writes that carry none: this instance's setting, else the database role or OS user. */
  'author:default': channel<AuthorInfo>()(empty),
  /** The share document of one sector or all (the browser host also serves it as a download). */
  'config:document': channel<ConfigDocument>()(z.object({ focus_group_id: sectorId.nullable() }).strict()),
  /** Saves the share document where the desktop app's save dialog says. */
  'config:export': channel<ConfigExportResult>()(z.object({ focus_group_id: sectorId.nullable() }).strict()),
  /** What importing a share document would change; a bad file is refused in one sentence. */
  'config:previewImport': channel<ImportPreview>()(z.object({ text: documentText }).strict()),
  /** Applies a share document in one transaction: new dated rows, then invalidation. */
  'config:import': channel<ImportResult>()(z.object({ text: documentText, ...writeMeta }).strict()),
  /** The platform's parameters (α, β, λ, κ, alignment, timing) in force today or on `as_of`. */
  'platform:parameters': channel<PlatformParametersView>()(
    z.object({ as_of: asOfDay.nullable().optional() }).strict(),
  ),
  'platform:history': channel<PlatformParameterVersion[]>()(empty),
  /** A new dated version of one parameter; `parameter_id` is the version the editor showed. */
  'platform:updateParameter': channel<PlatformParametersView>()(
    z
      .object({
        parameter_name: parameterName,
        value: calibrationValue,
        rationale,
        parameter_id: versionId.optional(),
        author: writeMeta.author,
      })
      .strict(),
  ),
  /** A sector's Org-AI-R ranking under the configuration in force (or on `as_of`). */
  'scores:ranking': channel<SectorRanking>()(
    z
      .object({
        focus_group_id: sectorId,
        as_of: asOfDay.nullable().optional(),
        status: z.enum(['active', 'inactive', 'archived']).nullable().optional(),
        limit: z.number().int().min(1).max(1_000_000).default(25),
        /** Weights replacing those in force, by dimension code: the CLI's `rank --weight`. */
        weights: z.record(dimensionKey, whatIfWeight).optional(),
      })
      .strict(),
  ),
  /** Every intermediate of one organization's score, with its rank in its sector. */
  'scores:breakdown': channel<ScoreBreakdown>()(
    z.object({ organization_id: organizationId, as_of: asOfDay.nullable().optional() }).strict(),
  ),
  /** The sector re-ranked with values being typed, against its saved configuration; saves nothing. */
  'scores:whatIf': channel<WhatIfResult>()(
    z
      .object({
        focus_group_id: sectorId,
        weights: z.record(dimensionKey, whatIfWeight).optional(),
        calibrations: z
          .object({
            h_r_baseline: whatIfValue.optional(),
            position_factor_delta: whatIfValue.optional(),
            talent_concentration_threshold: whatIfValue.optional(),
          })
          .strict()
          .optional(),
        parameters: z.partialRecord(parameterName, whatIfValue).optional(),
      })
      .strict(),
  ),
  'demo:status': channel<DemoStatus>()(empty),
  /** Restores the demo database that ships with the desktop app. */
  'demo:reset': channel<DemoResetResult>()(z.object({ confirm: z.literal(true) }).strict()),
  'cache:fetch': channel<FetchConfigResult>()(z.object({ focus_group_id: sectorId }).strict()),
  'cache:settings': channel<CacheSettings>()(empty),
  'cache:setSimulatedLatency': channel<CacheSettings>()(
    z.object({ simulated_latency_ms: z.literal(simulatedLatencies) }).strict(),
  ),
  'cache:invalidate': channel<InvalidateResult>()(z.object({ focus_group_id: sectorId.nullable() }).strict()),
  'cache:stats': channel<CacheStats>()(empty),
  /** Counts hits and misses from zero again; answers the stats after the reset. */
  'cache:resetStats': channel<CacheStats>()(empty),
  'cache:log': channel<CacheLogEntry[]>()(empty),
  'orgs:insertSample': channel<InsertOrgsResult>()(
    z
      .object({
        count: z.number().int().min(1).max(1_000_000),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
      })
      .strict(),
  ),
  'orgs:cancelInsert': channel<{ cancelled: boolean }>()(empty),
  'orgs:query': channel<OrgPage>()(orgQuery),
  'orgs:columns': channel<OrgColumn[]>()(empty),
  'orgs:rows': channel<OrgRows>()(orgWindow),
  /** How many organizations of a filter hold each value of a few-valued column (filter menus). */
  'orgs:facets': channel<OrgFacets>()(orgFacetsRequest),
  'orgs:export': channel<ExportResult>()(orgExport),
  'orgs:cancelExport': channel<{ cancelled: boolean }>()(empty),
  /** The columns an organization holds, with their types' rules: what the form and the import check. */
  'orgs:fields': channel<FieldSpec[]>()(empty),
  'orgs:get': channel<OrgRow | null>()(z.object({ organization_id: organizationId }).strict()),
  'orgs:add': channel<OrgSaved>()(newOrganization),
  /** Saved only while `version` is still the row's; otherwise a conflict with the current row. */
  'orgs:update': channel<OrgUpdateResult>()(organizationEdit),
  'orgs:delete': channel<OrgDeleted>()(organizationIds),
  /** Undo of a delete: the rows it answered, with their ids and values. */
  'orgs:restore': channel<OrgRestored>()(restoredRows),
  /** What others changed since a change-log position: the grid polls it ("N changes — refresh"). */
  'orgs:changes': channel<OrgChanges>()(changesSince),
  /** The desktop app's open dialog, then the file read and held for the next steps; null when dismissed. */
  'orgs:importOpen': channel<ImportSource | null>()(empty),
  /** The held file read from another sheet of its workbook. */
  'orgs:importSheet': channel<ImportSource>()(
    z.object({ import_id: importId, sheet: z.string().min(1).max(200) }).strict(),
  ),
  /** Every problem of the file and what importing it would do; nothing is written. */
  'orgs:importPreview': channel<OrgImportPreview>()(importOptions),
  /** Imports the held file in one transaction, with progress (task orgs:import) and Cancel. */
  'orgs:import': channel<ImportSummary>()(importOptions),
  'orgs:cancelImport': channel<{ cancelled: boolean }>()(empty),
  /** The grid's saved views in the database, by name; every write answers with the list after it. */
  'views:list': channel<SavedView[]>()(empty),
  'views:save': channel<SavedView[]>()(z.object({ name: viewName, view: viewBody }).strict()),
  'views:delete': channel<SavedView[]>()(z.object({ name: viewName }).strict()),
  /** Saves the views of an exported file, replacing those of the same names; a bad file is one sentence. */
  'views:import': channel<ViewsImported>()(
    z.object({ text: z.string().max(1_000_000, 'The file is larger than 1 MB: not a views file') }).strict(),
  ),
  /** Every saved view as the file that `views:import` reads (the browser host serves it as a download). */
  'views:document': channel<ViewsDocument>()(empty),
  /** Saves that file where the desktop app's save dialog says. */
  'views:export': channel<ViewsExportResult>()(empty),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Events pushed from the backend to subscribers, one subscription channel per kind. */
export interface EventMap {
  'cache:log': CacheLogEntry;
  /** The cache became unreachable, or answers again: what `db:status` now says of it. */
  'cache:status': CacheInfo;
  progress: ProgressEvent;
  /** A configuration write waits for another process's lock (seconds waited, for the form to say so). */
  'write:busy': WriteBusyEvent;
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = ['cache:log', 'cache:status', 'progress', 'write:busy'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/**
 * The typed object the renderer talks to: the preload bridge implements it in Electron, the HTTP
 * bridge implements it in a browser, and the backend itself implements it for the CLI and tests.
 */
export interface Bridge {
  /** `signal` gives up the call where the transport can (an HTTP request is aborted); its answer is then no use. */
  invoke<C extends Channel>(channel: C, input: Input<C>, signal?: AbortSignal): Promise<Result<Output<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** The one property the Electron preload adds to the renderer's `window`. */
export const bridgeGlobalName = 'sectorStudio';

// Namespaced so that no contract name can collide with a channel Electron or a library uses.
export function invokeChannel(channel: Channel): string {
  return `sector-studio:invoke:${channel}`;
}

export function eventChannel(event: EventName): string {
  return `sector-studio:event:${event}`;
}

/**
 * The browser host's routes: every channel as `POST /api/invoke/<channel>`, the events as one
 * Server-Sent Events stream, and two downloads whose query string both sides encode the same way.
 */
export const httpRoutes = {
  invokePrefix: '/api/invoke/',
  events: '/api/events',
  /**
   * The grid's view (its filter, sort and columns) as a CSV or JSON download; the grid leaves an empty
   * filter out, and the host tolerates it given empty.
   */
  export: downloadRoute('/api/export', orgExport, {
    json: ['where', 'columns', 'start', 'limit', 'labels'],
    what: 'export',
    emptyIsAbsent: true,
  }),
  /** A sector's history as a CSV download, with the filters of `config:history`. */
  historyExport: downloadRoute('/api/history.csv', historyRequest, {
    what: 'history export',
    emptyIsAbsent: true,
  }),
  /** A file to import, uploaded as the request's body (application/octet-stream; ?name=the file's name). */
  importUpload: downloadRoute('/api/import-upload', z.object({ name: z.string().min(1).max(255) }).strict(), {
    what: 'upload',
    emptyIsAbsent: false,
  }),
  /** The last import's rejected rows with their reasons, as a CSV download. */
  importRejected: downloadRoute('/api/import-rejected.csv', z.object({ import_id: importId }).strict(), {
    what: 'rejected rows',
    emptyIsAbsent: false,
  }),
  /** Every saved view as a download, the file the Views menu imports. */
  viewsExport: downloadRoute('/api/views-export.json', empty, { what: 'views export', emptyIsAbsent: false }),
  /** The share document as a download: `?focus_group_id=pe_energy`, or every sector without it. */
  configExport: downloadRoute(
    '/api/config-export.json',
    z.object({ focus_group_id: sectorId.optional() }).strict(),
    { what: 'configuration export', emptyIsAbsent: false },
  ),
} as const;

export function invokePath(channel: Channel): string {
  return `${httpRoutes.invokePrefix}${encodeURIComponent(channel)}`;
}
