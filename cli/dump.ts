/**
 * What a backup file holds, read from its text before anything touches a database. `wrangler d1
 * export` writes one statement a line (a value's line breaks become `char(10)`): each table's
 * CREATE, then its rows as INSERTs, then indexes and triggers. That is enough to refuse what is not
 * a backup, and to say what a restore will bring back.
 */

export interface DumpSummary {
  /** Rows per table, in the order the file creates them (SQLite's own tables left out). */
  tables: Map<string, number>;
  /** The migrations the backed-up database had applied: the names in its d1_migrations table. */
  migrations: string[];
}

const SQLITE_FILE = 'SQLite format 3\0';
const CREATE_TABLE = /^CREATE TABLE (?:IF NOT EXISTS )?(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/;
const INSERT_INTO = /^INSERT INTO "((?:[^"]|"")+)" /;
const MIGRATION_NAME = /VALUES\(\d+,'((?:[^']|'')*)'/;

/** The file's text, or why it cannot be a backup. */
function textOf(bytes: Uint8Array): string | { problem: string } {
  if (Buffer.from(bytes.subarray(0, SQLITE_FILE.length)).toString('latin1') === SQLITE_FILE) {
    return { problem: 'is a SQLite database file, not a backup: a backup is the SQL text that backup writes.' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.includes('\0')) return text;
  } catch {
    // Not UTF-8: not SQL text.
  }
  return { problem: 'is not a Tandem backup: it is not text.' };
}

/** Reads a backup's tables, rows and migrations, or says why the file is not a backup. */
export function inspectDump(bytes: Uint8Array): DumpSummary | { problem: string } {
  const text = textOf(bytes);
  if (typeof text !== 'string') return text;
  const tables = new Map<string, number>();
  const migrations: string[] = [];
  for (const line of text.split('\n')) {
    const created = CREATE_TABLE.exec(line);
    const name = created ? (created[1]?.replaceAll('""', '"') ?? created[2]!) : null;
    if (name && !name.startsWith('sqlite_')) tables.set(name, tables.get(name) ?? 0);
    const inserted = INSERT_INTO.exec(line)?.[1]?.replaceAll('""', '"');
    if (inserted === undefined || inserted.startsWith('sqlite_')) continue;
    tables.set(inserted, (tables.get(inserted) ?? 0) + 1);
    const migration = inserted === 'd1_migrations' ? MIGRATION_NAME.exec(line)?.[1] : undefined;
    if (migration) migrations.push(migration.replaceAll("''", "'"));
  }
  if (tables.size === 0) return { problem: 'is not a Tandem backup: it creates no tables.' };
  if (migrations.length === 0) {
    return { problem: 'has no record of the migrations (the d1_migrations table), so the database it makes could not be kept up to date: it is not a full backup.' };
  }
  return { tables, migrations };
}

/** How many rows a backup holds in all. */
export function totalRows(summary: DumpSummary): number {
  return [...summary.tables.values()].reduce((sum, n) => sum + n, 0);
}
