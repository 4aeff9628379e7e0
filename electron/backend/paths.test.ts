import { describe, expect, it } from 'vitest';
import { describePostgresUrl } from '../../db/pg/pool';
import { commandLineDatabase } from './paths';
import { toErrorValue } from '../../db/core/errors';

const secret = 's3cret-Pw';

describe('a password in a PostgreSQL URL', () => {
  it('is refused on the command line wherever the URL carries it, without echoing it', () => {
    const urls = [
      `postgres://studio:${secret}@db.example:5432/team`,
      `postgres://studio@db.example:5432/team?password=${secret}`,
      `postgresql://studio@db.example/team?sslmode=require&PassWord=${secret}`,
      `postgres://studio@db.example/team?PASSWORD=${secret}`,
      // A percent-encoded key is decoded by the driver all the same.
      `postgres://studio@db.example/team?pass%77ord=${secret}`,
      `POSTGRES://studio@db.example/team?password=`,
    ];
    for (const url of urls) {
      let message = '';
      try {
        commandLineDatabase(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, url).toMatch(/set DATABASE_URL or PGPASSWORD instead$/);
      expect(message, url).not.toContain(secret);
    }
    const plain = 'postgres://studio@db.example:5432/team?sslmode=require';
    expect(commandLineDatabase(plain)).toBe(plain);
  });

  it('is never shown: neither where the app names its database, nor in an error', () => {
    expect(describePostgresUrl(`postgres://studio:${secret}@db.example:6543/team?password=${secret}`)).toBe(
      'PostgreSQL at db.example:6543/team',
    );
    for (const text of [
      `could not connect to postgres://studio@db.example/team?password=${secret}`,
      `could not connect to postgres://studio@db.example/team?sslmode=require&Password=${secret} now`,
      `could not connect to postgres://studio:${secret}@db.example/team`,
      `could not connect to postgres://studio:${secret}@with@at@db.example/team`,
      `connection string host=db.example password=${secret} dbname=team`,
    ]) {
      const value = toErrorValue(new Error(text));
      expect(value.message, text).not.toContain(secret);
      expect(value.message, text).not.toMatch(/with@at|Pw/);
    }
  });
});
