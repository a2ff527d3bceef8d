/**
 * Backups, as a mentor makes and uses them (issue 16, item 15): `tandem backup` writes a seeded
 * program out with wrangler's own `d1 export`, `tandem restore` loads it into a fresh local
 * database, and the two databases then hold the same rows in every table sqlite_master lists and
 * build the same site, file for file. Refusals change nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { Program } from '../support/program.ts';

const original = new Program();
const restored = new Program();
let backup = '';

/**
 * Every row of every table, with the schema itself (sqlite_master's own rows: tables, indexes,
 * triggers). D1's `_cf_` tables are the platform's bookkeeping: D1 refuses to read them, and
 * neither `d1 export` nor Time Travel treats them as the database's content.
 */
async function snapshot(stateDir: string): Promise<Record<string, unknown[]>> {
  process.env.TANDEM_STATE_DIR = stateDir;
  const conn = await openDatabase();
  try {
    const master = await conn.db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY type, name").all<{ type: string; name: string }>();
    const tables = master.results.filter((row) => row.type === 'table').map((row) => row.name);
    const rows = await conn.db.batch(tables.map((table) => conn.db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}" ORDER BY rowid`)));
    return Object.fromEntries([['sqlite_master', master.results], ...tables.map((table, i) => [table, rows[i]!.results] as const)]);
  } finally {
    await conn.close();
  }
}

function hashes(program: Program): Record<string, string> {
  return Object.fromEntries(program.builtFiles().map((f) => [f.path, createHash('sha256').update(f.text, 'latin1').digest('hex')]));
}

beforeAll(() => {
  original.setup();
  const demo = original.tandem('demo');
  if (demo.status !== 0) throw new Error(`demo failed:\n${demo.stdout}\n${demo.stderr}`);
  backup = join(mkdtempSync(join(tmpdir(), 'tandem-backup-')), 'tandem-backup.sql');
});

describe('tandem backup and restore', () => {
  it('writes the whole local database as SQL, says what it holds, and keeps the file private', () => {
    const run = original.tandem('backup', '--out', backup);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/Wrote .*tandem-backup\.sql \(\d+(\.\d)? [kM]B\): \d+ tables, \d[\d,]* rows/);
    expect(run.stdout).toContain('keep it private');
    expect(run.stdout).toContain(`npm run tandem -- restore ${backup}`);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const sql = readFileSync(backup, 'utf8');
    // Schema, data and the record of applied migrations, so a restored database is not migrated again.
    expect(sql).toMatch(/CREATE TABLE IF NOT EXISTS "d1_migrations"/);
    expect(sql).toMatch(/INSERT INTO "d1_migrations" .*'0001_create_program\.sql'/);
    expect(sql).toMatch(/CREATE TABLE participants/);
  });

  it('restores it into an empty local database: every table’s rows identical, and ready to use', async () => {
    const run = restored.tandem('restore', backup);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/Restored \d+ tables, \d[\d,]* rows/);
    expect(run.stdout).toContain('npm run build');
    // `npm run setup` (and `npm start`) find nothing to migrate: the migrations' record came along.
    restored.setup();
    const [before, after] = [await snapshot(original.stateDir), await snapshot(restored.stateDir)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(before.participants!.length).toBeGreaterThan(20);
  });

  it('builds the same site from the restored database, file for file', () => {
    original.build();
    restored.build();
    const [a, b] = [hashes(original), hashes(restored)];
    expect(Object.keys(a).length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  it('refuses to restore over a database that holds data, and changes nothing', async () => {
    const before = await snapshot(restored.stateDir);
    const run = restored.tandem('restore', backup);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/already holds data .*--replace/s);
    expect(await snapshot(restored.stateDir)).toEqual(before);
  });

  it('with --replace, moves the current local database aside first and says where', async () => {
    expect(restored.tandem('cohort', 'add', '--slug', 'after-backup', '--name', 'After', '--timezone', 'UTC').status).toBe(0);
    const run = restored.tandem('restore', backup, '--replace');
    expect([run.status, run.stderr]).toEqual([0, '']);
    const aside = /Moved the local database aside to (\S+) /.exec(run.stdout)?.[1];
    expect(aside && existsSync(aside)).toBeTruthy();
    const cohorts = async (dir: string) => ((await snapshot(dir)).cohorts as { slug: string }[]).map((c) => c.slug);
    expect(await cohorts(restored.stateDir)).not.toContain('after-backup');
    // Nothing is lost: the moved state is a database folder of its own, usable with TANDEM_STATE_DIR.
    expect(await cohorts(aside!)).toContain('after-backup');
  });

  it('loads all of a backup or nothing: a statement that fails puts the local database back as it was', async () => {
    const before = await snapshot(restored.stateDir);
    const broken = writeTo('broken.sql', `${readFileSync(backup, 'utf8')}\nINSERT INTO "cohorts" ("no_such_column") VALUES(1);\n`);
    const run = restored.tandem('restore', broken, '--replace');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/failed .*so nothing was loaded: the local database is as it was before/s);
    expect(await snapshot(restored.stateDir)).toEqual(before);
  });

  it.each([
    ['a file that is not there', () => join(restored.outDir, 'missing.sql'), /Cannot read .*missing\.sql: no such file/],
    ['a CSV', () => writeTo('roster.csv', 'name,email,role,pair,circle\nAda,ada@x.invalid,mentee,P1,\n'), /is not a Tandem backup/],
    ['a SQLite file', () => writeTo('db.sqlite', 'SQLite format 3\0\0\0\0'), /a SQLite database file, not a backup/],
    ['a dump without the migrations’ record', () => writeTo('data.sql', 'CREATE TABLE t (a);\nINSERT INTO "t" ("a") VALUES(1);\n'), /has no record of the migrations/],
  ])('refuses to restore %s, with a message that says what to do', async (_, file, message) => {
    const fresh = new Program();
    const run = fresh.tandem('restore', file());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('npm run tandem -- backup');
  });

  it('refuses to write over a file, to back up an empty database, to run without --out, or to restore --remote', () => {
    expect(original.tandem('backup', '--out', backup).stderr).toMatch(/already exists/);
    expect(original.tandem('backup').stderr).toMatch(/Missing --out/);
    const empty = new Program().tandem('backup', '--out', join(restored.outDir, 'empty.sql'));
    expect([empty.status, empty.stderr]).toEqual([2, expect.stringMatching(/has no tables: there is nothing to back up/)]);
    expect(existsSync(join(restored.outDir, 'empty.sql'))).toBe(false);
    const remote = original.tandem('restore', backup, '--remote');
    expect([remote.status, remote.stderr]).toEqual([2, expect.stringMatching(/only into the local database.*time-travel/s)]);
  });
});

function writeTo(name: string, text: string): string {
  const path = join(restored.outDir, name);
  writeFileSync(path, text);
  return path;
}
