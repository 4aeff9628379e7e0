import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { toErrorValue } from './errors';

function failure(sql: string): unknown {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, w NUMERIC NOT NULL CHECK (w BETWEEN 0 AND 1));
    CREATE TABLE c (t_id INTEGER REFERENCES t (id)); PRAGMA foreign_keys = ON; INSERT INTO t VALUES (1, 0.5);
    CREATE TRIGGER guard BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'rows of t stay'); END;`);
  try {
    db.exec(sql);
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

describe('errors crossing the boundary', () => {
  it('never carry the SQL of a failed constraint', () => {
    for (const sql of [
      'UPDATE t SET w = 1.5',
      'INSERT INTO t VALUES (1, 0.2)',
      'INSERT INTO c VALUES (9)',
      'INSERT INTO t (id) VALUES (2)',
    ]) {
      const value = toErrorValue(failure(sql));
      expect(value.code, sql).toBe('CONSTRAINT');
      expect(value.message, sql).not.toMatch(/BETWEEN|CHECK constraint failed|t\.id|SELECT|INSERT/);
      expect(value.message, sql).toMatch(/^The database refused/);
    }
  });

  it("pass a trigger's own sentence through", () => {
    expect(toErrorValue(failure('DELETE FROM t'))).toEqual({ code: 'CONSTRAINT', message: 'rows of t stay' });
  });

  it('keep typed errors as they are and make everything else one line', () => {
    expect(toErrorValue(new AppError('NOT_FOUND', 'Unknown sector: pe_x'))).toEqual({
      code: 'NOT_FOUND',
      message: 'Unknown sector: pe_x',
    });
    expect(toErrorValue(new Error('first\n    at stack.ts:1:1'))).toEqual({
      code: 'INTERNAL',
      message: 'first',
    });
  });
});
