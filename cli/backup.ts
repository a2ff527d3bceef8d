/**
 * `tandem backup --out FILE [--remote]` and `tandem restore FILE [--replace]`: the whole database
 * as SQL. Wrangler writes and reads it (`d1 export`, `d1 execute`), so a backup is the same file
 * Cloudflare's own tools make and load, schema, rows and the record of applied migrations included.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_PATH, openDatabase, PROJECT_ROOT, stateDir } from '../worker/db/connection.ts';
import { countRows, type TableRows } from '../worker/db/tables.ts';
import { required, UsageError, type Options } from './commands.ts';
import { inspectDump, totalRows, type DumpSummary } from './dump.ts';
import { migrateLocal, wrangler } from './setup.ts';

const MAKE_ONE = 'Restore takes a file written by npm run tandem -- backup --out FILE.';

function count(n: number, what: string): string {
  return `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
}

function size(bytes: number): string {
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Runs `fn` with a wrangler config whose local state is `dir`. `wrangler d1 export --local` has no
 * --persist-to (4.164): it reads `.wrangler/state` beside the config file. For another folder
 * (TANDEM_STATE_DIR), the config is linked into a temporary folder whose `.wrangler/state` is a
 * link to `dir`.
 */
function withStateConfig<T>(dir: string, fn: (config: string) => T): T {
  if (resolve(dir) === resolve(PROJECT_ROOT, '.wrangler/state')) return fn(CONFIG_PATH);
  const temp = mkdtempSync(join(tmpdir(), 'tandem-export-'));
  try {
    mkdirSync(join(temp, '.wrangler'));
    symlinkSync(resolve(dir), join(temp, '.wrangler', 'state'));
    symlinkSync(CONFIG_PATH, join(temp, 'wrangler.toml'));
    return fn(join(temp, 'wrangler.toml'));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `backup --out FILE [--remote]`: the whole database, local or production, as SQL. */
export function backupDatabase(options: Options): void {
  const out = required(options, 'out', 'the file to write, e.g. --out tandem-2027-03-01.sql');
  // Created here, empty and readable by its owner only, so the backup is never written over and
  // never readable by others: wrangler then writes into this file.
  try {
    writeFileSync(out, '', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EEXIST' ? `${out} already exists: choose another --out (a backup is never written over).` : `Cannot write ${out}: ${(err as Error).message}.`);
  }
  const where = options.remote ? 'production database' : `local database (${stateDir()})`;
  try {
    if (options.remote) {
      console.log('Exporting the production database with wrangler d1 export --remote. While the export runs, the database answers no other queries: prefer a quiet hour.');
      wrangler(['d1', 'export', 'DB', '--remote', '--env', 'production', '--output', out, '--skip-confirmation']);
    } else {
      console.log(`Exporting the ${where} with wrangler d1 export…`);
      withStateConfig(stateDir(), (config) => wrangler(['d1', 'export', 'DB', '--local', '--config', config, '--output', out], { quiet: true }));
    }
  } catch (err) {
    rmSync(out, { force: true });
    throw err;
  }
  const bytes = readFileSync(out);
  const summary = inspectDump(bytes);
  if ('problem' in summary) {
    rmSync(out, { force: true });
    throw new UsageError(`The ${where} has no tables: there is nothing to back up. (npm run setup creates them; npm start also seeds a demo program.)`);
  }
  console.log(
    `Wrote ${out} (${size(bytes.length)}): ${count(summary.tables.size, 'table')}, ${count(totalRows(summary), 'row')}, with the schema and the record of the ${count(summary.migrations.length, 'migration')} applied (up to ${summary.migrations.at(-1)}).`,
  );
  console.log('It holds every e-mail address and all private text: keep it private, as you keep links.csv.');
  console.log(`Restore it into an empty local database with: npm run tandem -- restore ${out}`);
}

/** The local database's tables and rows; none when it was never set up. */
async function localTables(): Promise<TableRows[]> {
  const conn = await openDatabase();
  try {
    return await countRows(conn.db);
  } finally {
    await conn.close();
  }
}

/** Moves the local D1 state to a folder of its own beside the state folder (itself a state folder TANDEM_STATE_DIR can name). */
function moveAside(dir: string): string {
  const aside = `${resolve(dir)}-before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  mkdirSync(join(aside, 'v3'), { recursive: true });
  renameSync(join(dir, 'v3', 'd1'), join(aside, 'v3', 'd1'));
  return aside;
}

function moveBack(aside: string, dir: string): void {
  rmSync(join(dir, 'v3', 'd1'), { recursive: true, force: true });
  renameSync(join(aside, 'v3', 'd1'), join(dir, 'v3', 'd1'));
  rmSync(aside, { recursive: true, force: true });
}

/** The backup file, read and checked: what it holds, or a UsageError that says why it is not a backup. */
function readBackup(file: string): DumpSummary {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${file} is a folder, not a backup. ${MAKE_ONE}`);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}. ${MAKE_ONE}`);
  }
  const summary = inspectDump(bytes);
  if ('problem' in summary) throw new UsageError(`${file} ${summary.problem} ${MAKE_ONE}`);
  return summary;
}

/** Says how the backup's migrations compare with this copy of Tandem's. */
function compareMigrations(summary: DumpSummary): void {
  const known = readdirSync(join(PROJECT_ROOT, 'worker', 'migrations')).filter((name) => name.endsWith('.sql'));
  const unknown = summary.migrations.filter((name) => !known.includes(name));
  const newer = known.filter((name) => !summary.migrations.includes(name));
  if (unknown.length) console.log(`Note: this backup was made by a newer Tandem (migrations ${unknown.join(', ')} are not in this copy). Update the code (git pull) before building from it.`);
  if (newer.length) console.log(`This copy of Tandem has ${count(newer.length, 'migration')} newer than the backup; they are applied after loading it.`);
}

/** `restore FILE [--replace]`: loads a backup into an empty local database, in one transaction. */
export async function restoreDatabase(file: string | undefined, options: Options): Promise<void> {
  if (options.remote) {
    throw new UsageError(
      'restore loads a backup only into the local database. To take production back to an earlier minute, use D1 Time Travel: npm exec -- wrangler d1 time-travel restore DB --env production --timestamp 2027-03-01T09:00:00Z (see the README, “Backups”).',
    );
  }
  if (!file) throw new UsageError(`Name the backup file: npm run tandem -- restore tandem-backup.sql. ${MAKE_ONE}`);
  const summary = readBackup(file);
  console.log(`${file}: a backup of ${count(summary.tables.size, 'table')} and ${count(totalRows(summary), 'row')}, made with migrations up to ${summary.migrations.at(-1)}.`);
  compareMigrations(summary);

  const dir = stateDir();
  const current = await localTables();
  const withData = current.filter((t) => t.table !== 'd1_migrations' && t.rows > 0);
  if (withData.length && !options.replace) {
    const held = withData.slice(0, 3).map((t) => `${t.table}: ${t.rows}`).join(', ');
    throw new UsageError(
      `The local database (${dir}) already holds data (${held}${withData.length > 3 ? ', …' : ''}). Restoring into it would mix two programs, so nothing was changed. ` +
        `Add --replace to move it aside first (nothing is deleted), or back it up first with npm run tandem -- backup --out FILE.`,
    );
  }
  // Tables without data (npm run setup made them) are moved aside too, since the backup creates its own, and dropped after.
  const aside = current.length ? moveAside(dir) : null;
  if (aside && withData.length) {
    console.log(`Moved the local database aside to ${aside} (nothing is deleted). To use it again: TANDEM_STATE_DIR=${aside} npm run tandem -- backup --out before-restore.sql`);
  }
  console.log(`Loading ${file} into the local database (${dir}) with wrangler d1 execute, in one transaction: all of it or nothing…`);
  try {
    wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--file', file, '--yes'], { quiet: true });
  } catch {
    if (aside) moveBack(aside, dir);
    throw new UsageError(`Restoring ${file} failed (wrangler's message is above), so nothing was loaded: the local database is as it was before. Is it a backup written by npm run tandem -- backup?`);
  }
  if (aside && !withData.length) rmSync(aside, { recursive: true, force: true });
  // Checked before migrating: a newer migration may add rows of its own.
  const loaded = await localTables();
  const differ = [...summary.tables].filter(([table, rows]) => loaded.find((t) => t.table === table)?.rows !== rows);
  if (differ.length) throw new Error(`The restore loaded other row counts than the backup holds, in: ${differ.map(([t]) => t).join(', ')}.`);
  migrateLocal();
  console.log(`Restored ${count(summary.tables.size, 'table')}, ${count(totalRows(summary), 'row')} into the local database. Next: npm run build to build the site from it, or npm start to serve it.`);
}
