/**
 * A table or column name as a quoted SQL identifier (the same in SQLite and PostgreSQL). Names come
 * from the schema, never from a user; quoting keeps them whole.
 */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
