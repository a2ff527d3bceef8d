/**
 * The outcome figures of a cohort whose rhythm changed: weekly from Monday 2026-01-05 (UTC), every
 * 14 days from cycle 4, as planned on Thursday 2026-01-22. Weeks: 1 01-05, 2 01-12, 3 01-19,
 * 4 01-26, 5 02-09, 6 02-23. "Now" is 2026-03-04, in week 6 (it would be week 9 by the weekly
 * calendar), so weeks 1–5 are complete. Six mentees A–F from the start, G from 2026-02-10.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCohortBySlug, insertCohort, setCadence, type Cohort } from '../../worker/db/cohorts.ts';
import { loadDashboard } from '../../worker/db/mentor.ts';
import { translator } from '../../worker/domain/i18n.ts';
import { sayRisk } from '../../worker/domain/risks.ts';
import { loadCohortMetrics } from '../../worker/db/metrics.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { planCadence } from '../../worker/domain/cadence.ts';
import type { CohortMetrics } from '../../worker/domain/cohort-metrics.ts';

const NOW = new Date('2026-03-04T12:00:00Z');
const BEFORE = new Date('2026-01-22T12:00:00Z');
const mentee = (name: string, pair: string) => ({ name, email: `${name}@rhythm.invalid`, role: 'mentee' as const, pair, circle: '' });

let cohort: Cohort;
let ids: Record<string, number>;
let before: CohortMetrics;
let after: CohortMetrics;

async function checkin(who: string, week: number) {
  await env.DB.prepare(
    `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done)
     SELECT ?1, id, cohort_id, pair_id, ?3, 'p', 'n', 'c', ?4 FROM participants WHERE id = ?2`,
  )
    .bind(`${who}-${week}`, ids[who], week, week === 1 ? null : 'yes')
    .run();
}

/** Feedback given in week 2, rated on `ratedOn`. */
async function feedback(from: string, to: string, ratedOn: string) {
  await env.DB.prepare(
    `INSERT INTO feedback (idempotency_key, participant_id, receiver_id, cohort_id, week, behaviour, impact, next_step, usefulness, rated_at)
     VALUES (?1, ?2, ?3, ?4, 2, 'You named the obstacle first.', 'We saved ten minutes.', 'Do it again next week.', 4, ?5)`,
  )
    .bind(`fb-${from}-${to}`, ids[from], ids[to], cohort.id, `${ratedOn}T10:00:00.000Z`)
    .run();
}

beforeAll(async () => {
  const weekly = (await insertCohort(env.DB, { slug: 'rhythm', name: 'Rhythm', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
  await importRoster(env.DB, weekly.id, ['A', 'B', 'C', 'D', 'E', 'F'].map((name, i) => mentee(name, `P${Math.floor(i / 2) + 1}`)), '2026-01-05');
  ids = Object.fromEntries((await listLinkRecipients(env.DB, weekly.id)).map((p) => [p.displayName, p.id]));
  cohort = weekly;
  for (let week = 1; week <= 5; week++) for (const who of ['A', 'B', 'C', 'D', 'E', 'F']) await checkin(who, week);
  // Rated on Thursday 02-05: week 4 (period 1) now; week 5 (period 2) by the weekly calendar.
  for (const [from, to] of [['A', 'B'], ['B', 'A'], ['C', 'D'], ['D', 'C'], ['E', 'F']]) await feedback(from!, to!, '2026-02-05');
  before = await loadCohortMetrics(env.DB, weekly, BEFORE);

  const plan = planCadence(weekly, 14, '2026-01-22');
  expect([plan.fromCycle, plan.startsOn]).toEqual([4, '2026-01-26']);
  expect(await setCadence(env.DB, weekly, plan.rhythm)).not.toBeNull();
  // G joins pair P3 on Tuesday 02-10, in week 5 (week 6 by the weekly calendar), and never checks in.
  await importRoster(env.DB, weekly.id, [mentee('G', 'P3')], '2026-02-10');
  cohort = (await getCohortBySlug(env.DB, 'rhythm'))!;
  after = await loadCohortMetrics(env.DB, cohort, NOW);
});

describe('weekly figures across a change of cadence', () => {
  it('publish the complete weeks of the new calendar, each from its first day', () => {
    expect(after.weeks.map((w) => [w.week, w.startsOn])).toEqual([
      [1, '2026-01-05'],
      [2, '2026-01-12'],
      [3, '2026-01-19'],
      [4, '2026-01-26'],
      [5, '2026-02-09'],
    ]);
  });

  it('expect a late joiner from the week the new calendar puts their first day in', () => {
    expect(after.weeks.map((w) => w.engagement)).toEqual([
      { part: 6, whole: 6 },
      { part: 6, whole: 6 },
      { part: 6, whole: 6 },
      { part: 6, whole: 6 },
      { part: 6, whole: 7 }, // G expected from week 5, where their first day falls
    ]);
    expect(after.weeks.map((w) => w.actions)).toEqual([{ part: 0, whole: 0 }, ...Array(4).fill({ part: 6, whole: 6 })]);
  });

  it('keep the figures of the weeks before the change', () => {
    expect(before.weeks.map((w) => w.week)).toEqual([1, 2]);
    expect(after.weeks.slice(0, 2)).toEqual(before.weeks);
  });

  it('count a rating in the period of its week by the new calendar', () => {
    expect(after.feedback.map((p) => [p.period, p.fromWeek, p.toWeek, p.usefulness])).toEqual([[1, 1, 4, { part: 20, whole: 5 }]]);
  });

  it('give the mentor’s dashboard this week, and the late joiner’s first week, by the new calendar', async () => {
    const dashboard = await loadDashboard(env.DB, cohort, NOW);
    expect(dashboard.week).toBe(6);
    const risks = Object.fromEntries(dashboard.pairs.map((p) => [p.pair, p.risks.map((r) => sayRisk(translator('en'), r))]));
    // Every pair checked in in weeks 4 and 5, the last two complete ones.
    expect(Object.values(risks).flat().filter((r) => r.startsWith('No check-in'))).toEqual([]);
    // G is in P3 from week 5 (by the weekly calendar, from week 6: not yet expected), and silent in it.
    expect(risks.P3!.filter((r) => r.startsWith('G has not checked in'))).toEqual([expect.stringMatching(/\b5\b.*while E did/)]);
  });
});
