import { z } from 'zod';
import type {
  CacheLogEntry,
  CacheStats,
  DbStatus,
  ExportResult,
  Dimension,
  FetchConfigResult,
  FocusGroup,
  InsertOrgsResult,
  InvalidateResult,
  MigrationResult,
  OrgPage,
  ProgressEvent,
  SchemaInfo,
  SectorConfigJson,
  SeedResult,
} from './domain';
import type { Result } from './errors';
import type { OrgColumn, OrgRows } from './org-query';
import { focusGroupId, orgExport, orgQuery, orgWindow } from './org-query';

/**
 * The one declaration of every IPC channel: its name, the zod schema of its input and its output
 * type. The main-process handler table, the preload bridge, the browser host and the renderer's
 * client are all derived from this object.
 */

const empty = z.object({}).strict();

function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const contract = {
  'db:status': channel<DbStatus>()(empty),
  'schema:init': channel<MigrationResult>()(empty),
  'schema:describe': channel<SchemaInfo>()(empty),
  'seed:focusGroupsDimensions': channel<SeedResult>()(empty),
  'seed:weightsCalibrations': channel<SeedResult>()(empty),
  'sectors:list': channel<FocusGroup[]>()(empty),
  'dimensions:list': channel<Dimension[]>()(empty),
  'config:get': channel<SectorConfigJson>()(z.object({ focus_group_id: focusGroupId }).strict()),
  'config:updateWeight': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: focusGroupId,
        dimension_code: z.string().min(1).max(50),
        weight: z.number().min(0).max(1),
        rationale: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  'config:updateCalibration': channel<SectorConfigJson>()(
    z
      .object({
        focus_group_id: focusGroupId,
        parameter_name: z.string().min(1).max(100),
        value: z.number().finite(),
        description: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  'cache:fetch': channel<FetchConfigResult>()(z.object({ focus_group_id: focusGroupId }).strict()),
  'cache:invalidate': channel<InvalidateResult>()(
    z.object({ focus_group_id: focusGroupId.nullable() }).strict(),
  ),
  'cache:stats': channel<CacheStats>()(empty),
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
  'orgs:export': channel<ExportResult>()(orgExport),
  'orgs:cancelExport': channel<{ cancelled: boolean }>()(empty),
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
  progress: ProgressEvent;
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = ['cache:log', 'progress'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/**
 * The typed object the renderer talks to: the preload bridge implements it in Electron, the HTTP
 * bridge implements it in a browser, and the backend itself implements it for the CLI and tests.
 */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
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
 * Server-Sent Events stream, and the export as a download of the grid's view (its filter, sort and
 * columns; `where` and `columns` travel as JSON text in the query string).
 */
export const httpRoutes = {
  invokePrefix: '/api/invoke/',
  events: '/api/events',
  export: { path: '/api/export', input: orgExport },
} as const;

export function invokePath(channel: Channel): string {
  return `${httpRoutes.invokePrefix}${encodeURIComponent(channel)}`;
}
