/** Reading a backup file before a restore: what it holds, or why it is not a backup (cli/dump.ts). */
import { describe, expect, it } from 'vitest';
import { inspectDump, totalRows } from '../../../cli/dump.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The shape `wrangler d1 export` writes: one statement a line, line breaks in values as char(10). */
const DUMP = `PRAGMA defer_foreign_keys=TRUE;
CREATE TABLE IF NOT EXISTS "d1_migrations"(
\t\tid         INTEGER PRIMARY KEY AUTOINCREMENT,
\t\tname       TEXT UNIQUE
);
INSERT INTO "d1_migrations" ("id","name","applied_at") VALUES(1,'0001_create_program.sql','2026-12-06 17:37:05');
INSERT INTO "d1_migrations" ("id","name","applied_at") VALUES(2,'0002_it''s.sql','2026-12-06 17:37:05');
CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO "cohorts" ("id","name") VALUES(1,replace('Spring\\nINSERT INTO "cohorts" ("id") VALUES(2);','\\n',char(10)));
CREATE TABLE "odd ""name""" (a);
INSERT INTO "odd ""name""" ("a") VALUES(1);
CREATE TABLE empty_one (a);
DELETE FROM sqlite_sequence;
INSERT INTO "sqlite_sequence" ("name","seq") VALUES('d1_migrations',2);
CREATE INDEX cohorts_name ON cohorts (name);
`;

describe('inspectDump', () => {
  it('counts each table’s rows, empty tables included, and reads the migrations applied', () => {
    const summary = inspectDump(bytes(DUMP));
    expect('problem' in summary).toBe(false);
    if ('problem' in summary) return;
    // A statement inside a value is part of its line, not a row; SQLite's own tables are not the program's.
    expect([...summary.tables]).toEqual([['d1_migrations', 2], ['cohorts', 1], ['odd "name"', 1], ['empty_one', 0]]);
    expect(summary.migrations).toEqual(['0001_create_program.sql', "0002_it's.sql"]);
    expect(totalRows(summary)).toBe(4);
  });

  it.each([
    ['a SQLite database file', bytes('SQLite format 3\0\x10\0\x01\x01'), /a SQLite database file, not a backup/],
    ['bytes that are not UTF-8', new Uint8Array([0x43, 0x52, 0xff, 0xfe]), /not a Tandem backup: it is not text/],
    ['text with NUL', bytes('CREATE TABLE t (a);\0'), /not text/],
    ['a CSV', bytes('name,email\nAda,ada@x.invalid\n'), /creates no tables/],
    ['an empty database’s export', bytes('PRAGMA defer_foreign_keys=TRUE;'), /creates no tables/],
    ['a dump without the migrations’ record', bytes('CREATE TABLE t (a);\nINSERT INTO "t" ("a") VALUES(1);\n'), /no record of the migrations/],
    ['a data-only dump', bytes('INSERT INTO "t" ("a") VALUES(1);\n'), /no record of the migrations/],
  ])('says why %s is not a backup', (_, input, problem) => {
    const summary = inspectDump(input);
    expect('problem' in summary && summary.problem).toMatch(problem);
  });
});
