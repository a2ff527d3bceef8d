/**
 * The outcome metrics against a small fixture whose answers were worked out by hand (the sums are
 * written out beside each expectation). Six mentees in three pairs, a mentor, weeks 1–5 of a
 * weekly cohort that started on Monday 2026-01-05; "now" is Wednesday of week 5.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCohortBySlug, insertCohort, type Cohort } from '../../worker/db/cohorts.ts';
import { loadCohortMetrics, type CohortMetrics } from '../../worker/db/metrics.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { makeCohort } from './helpers.ts';

const NOW = new Date('2026-02-04T12:00:00Z');
let cohort: Cohort;
let ids: Record<string, number>;
let metrics: CohortMetrics;

async function checkin(who: string, week: number, lastAction: 'yes' | 'partly' | 'no' | null, options: { pause?: boolean; key?: string } = {}) {
  await env.DB.prepare(
    `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done, needs_pause)
     SELECT ?1, id, cohort_id, pair_id, ?3, 'p', 'n', 'c', ?4, ?5 FROM participants WHERE id = ?2`,
  )
    .bind(options.key ?? `${who}-${week}`, ids[who], week, lastAction, options.pause ? 1 : 0)
    .run();
}

async function pulse(who: string, week: number, trust: number, safety: number, ease: number, adapt: number) {
  await env.DB.prepare(
    `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability)
     SELECT ?1, id, cohort_id, pair_id, ?3, ?4, ?5, ?6, ?7 FROM participants WHERE id = ?2`,
  )
    .bind(`pulse-${who}-${week}`, ids[who], week, trust, safety, ease, adapt)
    .run();
}

async function feedback(from: string, to: string, week: number, usefulness: number | null, behaviour = 'You named the obstacle first.') {
  await env.DB.prepare(
    `INSERT INTO feedback (idempotency_key, participant_id, receiver_id, cohort_id, week, behaviour, impact, next_step, usefulness)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'We saved ten minutes.', 'Do it again next week.', ?7)`,
  )
    .bind(`fb-${from}-${to}-${week}`, ids[from], ids[to], cohort.id, week, behaviour, usefulness)
    .run();
}

async function goal(who: string, key: string, dueOn: string, status: 'active' | 'done' | 'dropped', replaces: string | null = null): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO goals (idempotency_key, participant_id, cohort_id, week, what, measure, target, due_on, status, replaces_goal_id)
     VALUES (?1, ?2, ?3, 1, 'w', 'm', 't', ?4, ?5, (SELECT id FROM goals WHERE idempotency_key = ?6))`,
  )
    .bind(key, ids[who], cohort.id, dueOn, status, replaces)
    .run();
}

beforeAll(async () => {
  cohort = (await insertCohort(env.DB, { slug: 'metrics', name: 'Metrics', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public' }))!;
  const people = ['A', 'B', 'C', 'D', 'E', 'F'].map((name, i) => ({ name, email: `${name}@m.invalid`, role: 'mentee' as const, pair: `P${Math.floor(i / 2) + 1}`, circle: 'C' }));
  await importRoster(env.DB, cohort.id, [...people, { name: 'M', email: 'm@m.invalid', role: 'mentor', pair: '', circle: '' }]);
  ids = Object.fromEntries((await listLinkRecipients(env.DB, cohort.id)).map((p) => [p.displayName, p.id]));

  for (const who of ['A', 'B', 'C', 'D', 'E', 'F', 'M']) await checkin(who, 1, null); // the mentor's is not counted
  for (const [who, done] of [['A', 'yes'], ['B', 'partly'], ['C', 'no'], ['D', 'yes']] as const) await checkin(who, 2, done);
  await checkin('E', 2, 'yes', { pause: true }); // pair P3 (E, F) pauses from week 3
  for (const who of ['A', 'B', 'C', 'D']) await checkin(who, 3, 'yes');
  await checkin('A', 4, 'no', { key: 'A-4-first' });
  await checkin('A', 4, 'yes', { key: 'A-4-second' }); // the latest answer of the week counts
  for (const [who, done] of [['B', 'yes'], ['C', 'partly'], ['D', 'no'], ['E', 'partly']] as const) await checkin(who, 4, done);
  await checkin('A', 5, 'yes');

  await pulse('A', 2, 4, 5, 3, 4);
  await pulse('B', 2, 4, 4, 3, 5);
  await pulse('C', 2, 5, 4, 4, 4);
  await pulse('D', 2, 3, 4, 4, 3);
  await pulse('E', 2, 4, 3, 4, 4);
  await pulse('A', 5, 1, 1, 1, 1);

  await feedback('A', 'B', 2, 4);
  await feedback('B', 'A', 2, 5);
  await feedback('C', 'D', 3, 3);
  await feedback('D', 'C', 3, 4);
  await feedback('E', 'F', 2, 2, 'Late.');
  await feedback('A', 'B', 5, 5);

  await goal('A', 'gA', '2026-01-31', 'done');
  await goal('B', 'gB', '2026-01-31', 'active');
  await goal('C', 'gC', '2026-03-01', 'done');
  await goal('D', 'gD', '2026-01-20', 'dropped');
  await goal('D', 'gD2', '2026-03-15', 'active', 'gD');
  await goal('E', 'gE', '2026-01-25', 'dropped');
  await goal('F', 'gF', '2026-02-01', 'active');

  metrics = await loadCohortMetrics(env.DB, cohort, NOW);
});

describe('engagement', () => {
  it('counts mentees who checked in of mentees expected, leaving paused pairs out', () => {
    expect(metrics.weeks.map((w) => w.engagement)).toEqual([
      { part: 6, whole: 6 }, // everyone; the mentor's check-in is not a mentee's
      { part: 5, whole: 6 }, // F missing
      null, // P3 paused: 4 expected, under five
      { part: 5, whole: 6 }, // A counted once though A sent two
      { part: 1, whole: 6 }, // week 5, still running
    ]);
    expect(metrics.weeks.map((w) => w.inProgress)).toEqual([false, false, false, false, true]);
    expect(metrics.weeks[2]!.startsOn).toBe('2026-01-19');
  });

  it('adds up the headline from the complete, shown weeks only', () => {
    // (6 + 5 + 5) ÷ (6 + 6 + 6): week 3 (hidden) and week 5 (running) are left out.
    expect(metrics.headlines.engagement.value).toBeCloseTo(16 / 18, 10);
    expect(metrics.headlines.engagement.previous).toBeNull(); // weeks 1–4 are one period
  });
});

describe('action completion', () => {
  it('scores yes 1, partly ½ and no 0 over the actions that came due', () => {
    // Week 1: nothing came due yet. Week 2: 1 + ½ + 0 + 1 + 1 = 3.5 of 5. Week 4: A's latest is yes: 1 + 1 + ½ + 0 + ½ = 3 of 5.
    expect(metrics.weeks.map((w) => w.actions)).toEqual([{ part: 0, whole: 0 }, { part: 3.5, whole: 5 }, null, { part: 3, whole: 5 }, null]);
    expect(metrics.headlines.actions.value).toBeCloseTo(6.5 / 10, 10);
  });
});

describe('relationship quality', () => {
  it('is the mean pulse per dimension, hidden for a period with under five people', () => {
    const [first, second] = metrics.pulses;
    expect(first).toMatchObject({ period: 1, fromWeek: 1, toWeek: 4 });
    // trust 4+4+5+3+4 = 20, safety 5+4+4+4+3 = 20, ease 3+3+4+4+4 = 18, adaptability 4+5+4+3+4 = 20, of 5.
    expect(first!.means).toEqual({ trust: { part: 20, whole: 5 }, safety: { part: 20, whole: 5 }, feedbackEase: { part: 18, whole: 5 }, adaptability: { part: 20, whole: 5 } });
    expect(second).toMatchObject({ period: 2, means: null });
    expect(metrics.headlines.pulse.value).toBeCloseTo(78 / 20, 10); // A's lone week-5 pulse is not in it
  });
});

describe('feedback quality', () => {
  it('is the mean usefulness rating and the share naming behaviour, impact and next step', () => {
    const [first, second] = metrics.feedback;
    expect(first!.usefulness).toEqual({ part: 4 + 5 + 3 + 4 + 2, whole: 5 });
    expect(first!.complete).toEqual({ part: 4, whole: 5 }); // "Late." is one word
    expect(second).toMatchObject({ usefulness: null, complete: null });
    expect(metrics.headlines.usefulness.value).toBeCloseTo(18 / 5, 10);
  });
});

describe('goals', () => {
  it('counts goals by status, a replaced goal as recalibrated', () => {
    expect(metrics.goals.byStatus).toEqual({ active: 3, done: 2, recalibrated: 1, dropped: 1 });
  });

  it('is goals done of goals that came due, early finishes included, recalibrated ones left out', () => {
    // Due: A (done), B, C (done early), E (dropped), F = 5; D's first goal was recalibrated.
    expect(metrics.goals.completion).toEqual({ part: 2, whole: 5 });
  });

  it('hides adaptability and milestones drawn from fewer than five people', () => {
    expect(metrics.goals.adaptability).toBeNull(); // D recalibrated, E dropped: two people
    expect(metrics.milestones).toBeNull();
  });
});

describe('small groups', () => {
  it('shows no aggregate at all for a cohort of four', async () => {
    const { cohortId } = await makeCohort();
    const small = (await env.DB.prepare('SELECT slug FROM cohorts WHERE id = ?1').bind(cohortId).first<{ slug: string }>())!;
    for (const [i, who] of (await listLinkRecipients(env.DB, cohortId)).entries()) {
      await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, last_action_done) VALUES (?1, ?2, ?3, 2, 'p', 'n', 'c', 'yes')`)
        .bind(`small-${i}`, who.id, cohortId)
        .run();
      await env.DB.prepare(`INSERT INTO goals (idempotency_key, participant_id, cohort_id, week, what, measure, target, due_on, status) VALUES (?1, ?2, ?3, 1, 'w', 'm', 't', '2026-01-20', ?4)`)
        .bind(`small-goal-${i}`, who.id, cohortId, i === 0 ? 'dropped' : 'done')
        .run();
    }
    const figures = await loadCohortMetrics(env.DB, (await getCohortBySlug(env.DB, small.slug))!, NOW);
    expect(figures.weeks.filter((w) => w.engagement !== null || (w.actions?.whole ?? 0) > 0)).toEqual([]); // 0 of 0 hides no one
    expect(Object.values(figures.headlines).every((h) => h.value === null)).toBe(true);
    expect(figures.goals).toEqual({ byStatus: null, completion: null, adaptability: null }); // 3 of 4 done, 1 dropped: all hidden
  });
});
