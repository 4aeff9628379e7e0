import { z } from 'zod';
import type { OrgRow } from './domain';
import { columnName } from './org-query';

/**
 * What adding, editing and deleting organizations send and get back: the contract's inputs (zod) and
 * the engines' answers. Values are typed as the view returns them (numbers, booleans, lists of text,
 * null); the backend checks each against its field (shared/org-fields.ts) and the database decides last.
 */

export const orgValue = z.union([
  z.string().max(100_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(10_000)).max(1_000),
  z.null(),
]);

export const orgValues = z
  .record(columnName, orgValue)
  .refine((values) => Object.keys(values).length <= 200, 'at most 200 columns');

export const organizationId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'an organization id is a UUID');

/** The version an edit was made on: the row's updated_at as the grid showed it. */
export const rowVersion = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'a version is updated_at');

export const newOrganization = z.object({ values: orgValues }).strict();
export type NewOrganization = z.output<typeof newOrganization>;

export const organizationEdit = z
  .object({ organization_id: organizationId, version: rowVersion, values: orgValues })
  .strict();
export type OrganizationEdit = z.output<typeof organizationEdit>;

/** Most organizations one delete (a selection in the grid) or one Undo takes. */
export const MAX_DELETE = 10_000;

export const organizationIds = z.object({ ids: z.array(organizationId).min(1).max(MAX_DELETE) }).strict();

/** The rows a delete answered, given back by Undo: the same ids and values return. */
export const restoredRows = z
  .object({ rows: z.array(z.record(columnName, orgValue)).min(1).max(MAX_DELETE) })
  .strict();

/** Change-log positions (organization_change_log.seq) a write of this window made: from, to. */
export type ChangeRange = [number, number];

export const changesSince = z
  .object({
    after: z.number().int().min(0),
    /** The ranges this window's own writes made since `after`: not news to it. */
    own: z
      .array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
      .max(100)
      .default([]),
  })
  .strict();

export interface OrgSaved {
  row: OrgRow;
  changes: ChangeRange;
}

/** An edit saved, or refused because another was saved first: `current` is that one (null: deleted). */
export type OrgUpdateResult =
  { status: 'saved'; row: OrgRow; changes: ChangeRange } | { status: 'conflict'; current: OrgRow | null };

export interface OrgDeleted {
  /** Every deleted organization as the view showed it: what Undo restores. */
  rows: OrgRow[];
  changes: ChangeRange;
}

export interface OrgRestored {
  restored: number;
  changes: ChangeRange;
}

export interface OrgChanges {
  /** The newest change-log position: the next poll's `after`. */
  last: number;
  /** Organizations inserted, edited or deleted by others since `after` (0 on a first poll). */
  changes: number;
  /** Some of their ids (up to 100), for refreshing rows on screen. */
  ids: string[];
  /**
   * Moves whenever any sector's Org-AI-R scores are marked stale or recomputed (by anyone): the
   * grid reads its rows again, so that it shows neither stale scores nor blanks for long.
   */
  scores: number;
}
