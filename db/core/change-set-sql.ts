import type { ChangeSetKind, Sector } from '../../shared/domain';

/** The change sets' statements, the same text on both engines; $1 is the sector. */
export const changeSetSql = {
  changeSets: `SELECT change_set_id, made_at, author, rationale, kind, reverts FROM config_change_sets
    WHERE focus_group_id = $1 ORDER BY change_set_id`,
  lastChangeSet: `SELECT change_set_id, made_at FROM config_change_sets WHERE focus_group_id = $1
    ORDER BY change_set_id DESC LIMIT 1`,
  firstChangeSet: 'SELECT min(made_at) AS first FROM config_change_sets WHERE focus_group_id = $1',
  /** (focus_group_id, made_at, author, rationale, kind, reverts) → change_set_id */
  insertChangeSet: `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind, reverts)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING change_set_id`,
};

/** What a write's change set will say of itself. */
export interface ChangeSetDraft {
  kind: ChangeSetKind;
  author: string;
  rationale: string;
  reverts: number | null;
}

/** A write's change set: its sector (read, and on PostgreSQL locked), and once made, its id and time. */
export interface PendingChangeSet {
  group: Sector;
  draft: ChangeSetDraft;
  made: { id: number; at: string } | null;
}
