/**
 * The outcome metrics against a small fixture whose answers were worked out by hand (the sums are
 * written out beside each expectation). Six mentees in three pairs, a mentor, weeks 1–5 of a
 * weekly cohort that started on Monday 2026-01-05; "now" is Wednesday of week 5.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCohortBySlug, insertCohort, type Cohort } from '../../worker/db/cohorts.ts';
import { loadCohortMetrics } from '../../worker/db/metrics.ts';
import type { CohortMetrics } from '../../worker/domain/cohort-metrics.ts';
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

/** Feedback given in `week`, rated (when it is) on `ratedOn`. */
async function feedback(from: string, to: string, week: number, usefulness: number | null, ratedOn: string, behaviour = 'You named the obstacle first.') {
  await env.DB.prepare(
    `INSERT INTO feedback (idempotency_key, participant_id, receiver_id, cohort_id, week, behaviour, impact, next_step, usefulness, rated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'We saved ten minutes.', 'Do it again next week.', ?7, ?8)`,
  )
    .bind(`fb-${from}-${to}-${week}`, ids[from], ids[to], cohort.id, week, behaviour, usefulness, `${ratedOn}T10:00:00.000Z`)
    .run();
}

async function goal(who: string, key: string, dueOn: string, status: 'active' | 'done' | 'dropped', replaces: string | null = null, cohortId = cohort.id): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO goals (idempotency_key, participant_id, cohort_id, week, what, measure, target, due_on, status, replaces_goal_id)
     VALUES (?1, ?2, ?3, 1, 'w', 'm', 't', ?4, ?5, (SELECT id FROM goals WHERE idempotency_key = ?6))`,
  )
    .bind(key, ids[who], cohortId, dueOn, status, replaces)
    .run();
}

beforeAll(async () => {
  cohort = (await insertCohort(env.DB, { slug: 'metrics', name: 'Metrics', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
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

  await feedback('A', 'B', 2, 4, '2026-01-14', 'You\r\nnamed   it first.'); // line breaks and runs of spaces: 4 words
  await feedback('B', 'A', 2, 5, '2026-01-15');
  await feedback('C', 'D', 3, 3, '2026-01-21', 'Good  job'); // 2 words
  await feedback('D', 'C', 3, 4, '2026-01-22');
  await feedback('E', 'F', 2, 2, '2026-01-30', 'Late.');
  await feedback('A', 'B', 4, 5, '2026-02-03'); // given in week 4, rated in week 5: a period still open

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
    ]);
    expect(metrics.weeks[2]!.startsOn).toBe('2026-01-19');
  });

  it('publishes no figure of the week under way, which a later build would single out', () => {
    expect(metrics.weeks.map((w) => w.week)).toEqual([1, 2, 3, 4]); // A's week-5 check-in is not in it
  });

  it('adds up the headline from the complete, shown weeks only', () => {
    // (6 + 5 + 5) ÷ (6 + 6 + 6): week 3 (hidden) is left out.
    expect(metrics.headlines.engagement.value).toBeCloseTo(16 / 18, 10);
    expect(metrics.headlines.engagement.previous).toBeNull(); // weeks 1–4 are one period
  });
});

describe('action completion', () => {
  it('scores yes 1, partly ½ and no 0 over the actions that came due', () => {
    // Week 1: nothing came due yet. Week 2: 1 + ½ + 0 + 1 + 1 = 3.5 of 5. Week 4: A's latest is yes: 1 + 1 + ½ + 0 + ½ = 3 of 5.
    expect(metrics.weeks.map((w) => w.actions)).toEqual([{ part: 0, whole: 0 }, { part: 3.5, whole: 5 }, null, { part: 3, whole: 5 }]);
    expect(metrics.headlines.actions.value).toBeCloseTo(6.5 / 10, 10);
  });
});

describe('relationship quality', () => {
  it('is the mean pulse per dimension of each closed period', () => {
    expect(metrics.pulses).toHaveLength(1); // weeks 5–8 are under way: A's week-5 pulse is not published
    const [first] = metrics.pulses;
    expect(first).toMatchObject({ period: 1, fromWeek: 1, toWeek: 4 });
    // trust 4+4+5+3+4 = 20, safety 5+4+4+4+3 = 20, ease 3+3+4+4+4 = 18, adaptability 4+5+4+3+4 = 20, of 5.
    expect(first!.means).toEqual({ trust: { part: 20, whole: 5 }, safety: { part: 20, whole: 5 }, feedbackEase: { part: 18, whole: 5 }, adaptability: { part: 20, whole: 5 } });
    expect(metrics.headlines.pulse.value).toBeCloseTo(78 / 20, 10);
  });
});

describe('feedback quality', () => {
  it('is the mean usefulness rating and the share naming behaviour, impact and next step', () => {
    expect(metrics.feedback).toHaveLength(1);
    const [first] = metrics.feedback;
    // Ratings given in weeks 2–4; the week-5 rating belongs to the open period.
    expect(first!.usefulness).toEqual({ part: 4 + 5 + 3 + 4 + 2, whole: 5 });
    // Six pieces in weeks 1–4; "Good  job" has 2 words and "Late." 1, so 4 name all three parts.
    expect(first!.complete).toEqual({ part: 4, whole: 6 });
    expect(metrics.headlines.usefulness.value).toBeCloseTo(18 / 5, 10);
  });
});

describe('goals', () => {
  it('hides goals by status when a status has fewer than five people', () => {
    // active 3 (B, D's new goal, F), done 2, recalibrated 1, dropped 1: recalibrated ÷ (recalibrated
    // + dropped) would give away the hidden adaptability.
    expect(metrics.goals.byStatus).toBeNull();
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
    expect(figures.weeks.filter((w) => (w.engagement?.whole ?? 0) > 0 || (w.actions?.whole ?? 0) > 0)).toEqual([]); // 0 of 0 hides no one
    expect(Object.values(figures.headlines).every((h) => h.value === null)).toBe(true);
    expect(figures.goals).toEqual({ byStatus: null, completion: null, adaptability: null }); // 3 of 4 done, 1 dropped: all hidden
  });
});

/**
 * A bigger cohort, K1–K12 in six pairs: K12 joins in week 3; pair K9 & K10 pauses in week 2 and
 * K9 comes back in week 4; K1–K5 finish their goals, K6–K10 recalibrate theirs.
 */
describe('a bigger cohort', () => {
  let big: Cohort;
  const people = Array.from({ length: 12 }, (_, i) => `K${i + 1}`);

  beforeAll(async () => {
    big = (await insertCohort(env.DB, { slug: 'metrics-big', name: 'Big', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
    await importRoster(env.DB, big.id, people.map((name, i) => ({ name, email: `${name}@big.invalid`, role: 'mentee' as const, pair: `Q${Math.floor(i / 2) + 1}`, circle: '' })));
    for (const p of await listLinkRecipients(env.DB, big.id)) ids[p.displayName] = p.id;
    await env.DB.prepare(`UPDATE participants SET joined_on = '2026-01-19' WHERE id = ?1`).bind(ids.K12).run();
    const everyone = (but: string[]) => people.filter((p) => !but.includes(p));
    for (const who of everyone(['K12'])) await checkin(who, 1, null);
    for (const who of everyone(['K12'])) await checkin(who, 2, 'yes', { pause: who === 'K9' });
    for (const who of everyone(['K9', 'K10'])) await checkin(who, 3, 'yes');
    for (const who of everyone(['K10'])) await checkin(who, 4, 'yes');
    for (const who of people.slice(0, 5)) await goal(who, `big-${who}`, '2026-01-20', 'done', null, big.id);
    for (const who of people.slice(5, 10)) {
      await goal(who, `big-${who}`, '2026-01-25', 'dropped', null, big.id);
      await goal(who, `big-${who}-2`, '2026-03-01', 'active', `big-${who}`, big.id);
    }
    for (const who of [...people.slice(0, 5), 'K1']) {
      await env.DB.prepare(`INSERT INTO milestones (idempotency_key, participant_id, cohort_id, goal_id, week, title, reached_on) SELECT ?1, ?2, ?3, id, 2, 't', '2026-01-14' FROM goals WHERE idempotency_key = ?4`)
        .bind(`ms-${who}-${crypto.randomUUID()}`, ids[who], big.id, `big-${who}`)
        .run();
    }
  });

  it('expects a late joiner only from the week they joined, and hides a week with a small pause', async () => {
    const figures = await loadCohortMetrics(env.DB, big, NOW);
    expect(figures.weeks.map((w) => w.engagement)).toEqual([
      { part: 11, whole: 11 }, // K12 not yet in the cohort
      { part: 11, whole: 11 },
      null, // 10 of 10 expected, but "12 − 10" would show that two mentees paused
      { part: 11, whole: 12 }, // K9 back, K10 missing
    ]);
  });

  it('shows goals by status, goal completion, adaptability and milestones worked out from five or more people', async () => {
    const figures = await loadCohortMetrics(env.DB, big, NOW);
    expect(figures.goals).toEqual({
      byStatus: { active: 5, done: 5, recalibrated: 5, dropped: 0 },
      completion: { part: 5, whole: 5 }, // the recalibrated goals are not counted; their successors are not due
      adaptability: { part: 5, whole: 5 },
    });
    expect(figures.milestones).toBe(6); // K1 reached two
  });

  it('hides the statuses once one has fewer than five people, keeping adaptability', async () => {
    await goal('K11', 'big-K11', '2026-01-25', 'dropped', null, big.id);
    const figures = await loadCohortMetrics(env.DB, big, NOW);
    expect(figures.goals.byStatus).toBeNull(); // dropped: one person
    expect(figures.goals.adaptability).toEqual({ part: 5, whole: 6 }); // six people gave up a goal
  });
});

/**
 * A rating is counted in the week of its local date: five ratings made early on Monday of week 5 in
 * the cohort's timezone, still Sunday in UTC, belong to period 2 (weeks 5–8), not period 1.
 */
describe('ratings in the cohort’s timezone', () => {
  async function ratedOnMonday(slug: string, timezone: string, startsOn: string, ratedAt: string, now: Date): Promise<CohortMetrics> {
    const local = (await insertCohort(env.DB, { slug, name: slug, timezone, cadenceDays: 7, startsOn, endsOn: null, publication: 'public', language: 'en' }))!;
    const names = Array.from({ length: 6 }, (_, i) => `${slug}-${i + 1}`);
    await importRoster(env.DB, local.id, names.map((name, i) => ({ name, email: `${name}@tz.invalid`, role: 'mentee' as const, pair: `R${Math.floor(i / 2) + 1}`, circle: '' })));
    const people = Object.fromEntries((await listLinkRecipients(env.DB, local.id)).map((p) => [p.displayName, p.id]));
    for (let i = 0; i < 5; i++) {
      await env.DB.prepare(
        `INSERT INTO feedback (idempotency_key, participant_id, receiver_id, cohort_id, week, behaviour, impact, next_step, usefulness, rated_at)
         VALUES (?1, ?2, ?3, ?4, 4, 'You named the obstacle first.', 'We saved ten minutes.', 'Do it again next week.', 4, ?5)`,
      )
        .bind(`${slug}-fb-${i}`, people[names[i]!], people[names[i + 1]!], local.id, ratedAt)
        .run();
    }
    return loadCohortMetrics(env.DB, local, now);
  }

  it('counts a rating on Monday morning in Auckland, Sunday in UTC, in the local week', async () => {
    // Week 5 starts Monday 2026-02-02 at 00:00 NZDT = 2026-02-01T11:00Z; rated at 08:00 local. Now: week 9.
    const figures = await ratedOnMonday('tz-auckland', 'Pacific/Auckland', '2026-01-05', '2026-02-01T19:00:00.000Z', new Date('2026-03-04T00:00:00Z'));
    expect(figures.feedback.map((p) => [p.period, p.usefulness])).toEqual([
      [1, { part: 0, whole: 0 }], // no rating in weeks 1–4
      [2, { part: 20, whole: 5 }],
    ]);
  });

  it('counts a rating just after local midnight in Berlin, the night daylight saving began, in the local week', async () => {
    // Weeks start at 23:00Z in CET; week 5 (Monday 2026-03-30) at 22:00Z, after the change on 03-29.
    // Rated at 00:30 CEST: a fixed CET offset, or the UTC date, would put it in week 4.
    const figures = await ratedOnMonday('tz-berlin', 'Europe/Berlin', '2026-03-02', '2026-03-29T22:30:00.000Z', new Date('2026-04-29T12:00:00Z'));
    expect(figures.feedback.map((p) => [p.period, p.usefulness])).toEqual([
      [1, { part: 0, whole: 0 }], // no rating in weeks 1–4
      [2, { part: 20, whole: 5 }],
    ]);
  });
});
