/**
 * Every report query uses an index, and so do the statements of a form post. The build's whole
 * read (loadPublishedProgram, which the build's reader runs in workerd), the mentor's dashboard
 * (loadDashboard, which the Worker renders live), the circles (loadCircles, `tandem circles`), a
 * participant's published items (listPublished, on their page) and a check-in post (its admitted
 * upsert, and the read that explains a refusal) run against a small synthetic program — the benchmarks' generator fills every table in one batch,
 * where seeding the demo statement by statement takes seconds — through a database wrapper that
 * records every statement prepared, batched ones included, so a query added to the reports later
 * is checked without touching this test. Each is then run again as EXPLAIN QUERY PLAN with the
 * same parameters, and a full scan of a table that grows with the program fails the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, PROJECT_ROOT } from '../../worker/db/connection.ts';
import { generateProgram } from '../../bench/generate.ts';
import { admit, postLimit } from '../../worker/db/admission.ts';
import { loadCircles } from '../../worker/db/circles.ts';
import { loadDashboard } from '../../worker/db/mentor.ts';
import { getParticipant } from '../../worker/db/participants.ts';
import { getPublishable, hasPublished, listPublished } from '../../worker/db/published.ts';
import { storeCheckin } from '../../worker/db/submissions.ts';
import { loadCircle } from '../../worker/db/circle.ts';
import { listMembersMoments } from '../../worker/db/moments.ts';
import { loadHistory } from '../../worker/db/history.ts';
import { loadMyWeek } from '../../worker/db/me.ts';
import { loadPartnership } from '../../worker/db/partnership.ts';
import { cycleAt } from '../../worker/domain/weeks.ts';
import { loadPublishedProgram } from '../../worker/db/story.ts';

/**
 * Tables a report may scan: one row per cohort (a program has tens to hundreds), and the single
 * row of publish_state. Listing the published cohorts is such a scan, and cheaper than an index.
 */
const SMALL_TABLES = new Set(['cohorts', 'publish_state']);

interface Recorded {
  sql: string;
  params: unknown[];
}

/** A D1Database that records what is prepared on it and bound, and otherwise is the real one. */
function recording(db: D1Database, log: Recorded[]): D1Database {
  const passThrough = <T extends object>(target: T, key: string | symbol) => {
    const value = Reflect.get(target, key);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  const statement = (sql: string, real: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(real, {
      get: (target, key) =>
        key === 'bind'
          ? (...params: unknown[]) => {
              log.push({ sql, params });
              return target.bind(...params);
            }
          : passThrough(target, key),
    });
  return new Proxy(db, {
    get: (target, key) =>
      key === 'prepare'
        ? (sql: string) => {
            log.push({ sql, params: [] });
            return statement(sql, target.prepare(sql));
          }
        : passThrough(target, key),
  });
}

/** Which names in a query stand for which tables or CTEs: `FROM checkins c` makes c → checkins. */
function sourcesOf(sql: string): Map<string, Set<string>> {
  const sources = new Map<string, Set<string>>();
  const note = (name: string, source: string) => sources.set(name, (sources.get(name) ?? new Set()).add(source));
  const keywords = /^(?:on|where|join|left|inner|cross|group|order|limit|union|natural|using|as|and|or|set|values|select)$/i;
  for (const [, source, alias] of sql.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/gi)) {
    note(source!.toLowerCase(), source!.toLowerCase());
    if (alias && !keywords.test(alias)) note(alias.toLowerCase(), source!.toLowerCase());
  }
  return sources;
}

interface Finding {
  sql: string;
  step: string;
  tables: string[];
}

let statements: Recorded[] = [];
let plans: { sql: string; steps: string[] }[] = [];
let tables = new Set<string>();
const stateDir = mkdtempSync(join(tmpdir(), 'tandem-plans-'));

beforeAll(async () => {
  process.env.TANDEM_STATE_DIR = stateDir;
  const conn = await openDatabase();
  try {
    // The same split migrations the Worker tests apply; then a program of three cohorts.
    for (const migration of await readD1Migrations(join(PROJECT_ROOT, 'worker', 'migrations'))) {
      await conn.db.batch(migration.queries.map((query) => conn.db.prepare(query)));
    }
    await generateProgram(conn.db, { cohorts: 3, mentees: 12, weeks: 6 });
    const log: Recorded[] = [];
    const recorder = recording(conn.db, log);
    const program = await loadPublishedProgram(recorder);
    expect(program.stories.length).toBeGreaterThan(0);
    const { cohort } = program.stories[0]!;
    await loadDashboard(recorder, cohort);
    await loadCircles(recorder, cohort, cycleAt(cohort, new Date()));
    const { id } = (await conn.db.prepare(`SELECT id FROM participants WHERE role = 'mentee' LIMIT 1`).first<{ id: number }>())!;
    const author = { ...(await getParticipant(conn.db, id))!, limit: postLimit(new Date()) };
    const checkin = { idempotency_key: 'query-plan-post', progress: 'p', obstacles: '', next_step: 'n', committed_action: 'c', last_action_done: undefined, win: '', win_consent: 'private', challenge: '', decision_reason: '', energy: undefined, needs_pause: false, carry_forward: false, challenge_to_circle: false } as const;
    expect(await storeCheckin(recorder, author, cycleAt(author.cohort, new Date()), checkin)).not.toBeNull();
    expect(await admit(recorder, author, new Date(), 'checkins')).toHaveProperty('participant');
    await listPublished(recorder, author.id);
    // What keeps an ended cohort's link open for withdrawing, and the mentor's `withdraw`.
    await hasPublished(recorder, author.id);
    for (const kind of ['win', 'reflection', 'milestone'] as const) await getPublishable(recorder, kind, 1);
    // The pages a participant reads: their week, their pair, their history, their circle, their cohort's members-only page.
    const week = cycleAt(author.cohort, new Date());
    await loadMyWeek(recorder, author, week);
    await loadPartnership(recorder, author);
    await loadHistory(recorder, author.id, 1);
    await loadCircle(recorder, author, week);
    await listMembersMoments(recorder, author.cohortId);
    // One plan per distinct statement, with the parameters it was last bound to.
    const bySql = new Map<string, Recorded>();
    for (const entry of log) if (entry.params.length || !bySql.has(entry.sql)) bySql.set(entry.sql, entry);
    statements = [...bySql.values()];
    const { results } = await conn.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all<{ name: string }>();
    tables = new Set(results.map((r) => r.name.toLowerCase()));
    plans = [];
    for (const { sql, params } of statements) {
      const { results } = await conn.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
      plans.push({ sql, steps: results.map((r) => r.detail) });
    }
  } finally {
    await conn.close();
  }
}, 60_000);

afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('report queries and a post’s statements', () => {
  it('are recorded from the build’s read, the dashboard and a post, batched statements included', () => {
    expect(statements.length).toBeGreaterThanOrEqual(8);
    expect(statements.some((s) => /^\s*INSERT INTO checkins\b/.test(s.sql))).toBe(true);
    expect(statements.some((s) => /\bFROM checkins\b/.test(s.sql))).toBe(true);
    expect(statements.some((s) => /\bFROM pairs pr\b/.test(s.sql))).toBe(true);
  });

  it('never scan a table that grows with the program', () => {
    const findings: Finding[] = [];
    for (const { sql, steps } of plans) {
      const sources = sourcesOf(sql);
      for (const step of steps) {
        // A full scan, or an automatic index (which SQLite builds by scanning the table first).
        const scanned = /^SCAN (\S+)(?! USING (?:COVERING )?INDEX)/.exec(step)?.[1] ?? /^SEARCH (\S+) USING AUTOMATIC/.exec(step)?.[1];
        if (!scanned) continue;
        const big = [...(sources.get(scanned.toLowerCase()) ?? [scanned.toLowerCase()])].filter((t) => tables.has(t) && !SMALL_TABLES.has(t));
        if (big.length) findings.push({ sql: sql.replace(/\s+/g, ' ').trim(), step, tables: big });
      }
    }
    const report = findings.map((f) => `${f.step}  (table ${f.tables.join(' or ')})\n    in: ${f.sql.slice(0, 300)}`).join('\n');
    expect(findings, `full scans in report queries — add an index in worker/migrations/:\n${report}`).toEqual([]);
  });
});
