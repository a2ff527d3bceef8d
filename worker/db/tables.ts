/**
 * The database as a whole: its tables and the rows each holds. `tandem restore` reads it to tell
 * an empty local database from one with a program in it, and to check that a restore loaded every
 * row of the backup.
 */

export interface TableRows {
  table: string;
  rows: number;
}

/** SQLite's own tables (`sqlite_…`) and D1's bookkeeping (`_cf_…`) are not the program's data. */
const LIST_TABLES = `SELECT name FROM sqlite_schema
  WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
  ORDER BY name`;

/** A table name as an SQL identifier: names come from sqlite_schema, and a name cannot be a bound parameter. */
function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every table of the database with its number of rows, by name; none for a database never migrated. */
export async function countRows(db: D1Database): Promise<TableRows[]> {
  const { results } = await db.prepare(LIST_TABLES).all<{ name: string }>();
  if (results.length === 0) return [];
  const counts = await db.batch<{ n: number }>(results.map(({ name }) => db.prepare(`SELECT COUNT(*) AS n FROM ${quoteId(name)}`)));
  return results.map(({ name }, i) => ({ table: name, rows: counts[i]!.results[0]!.n }));
}
