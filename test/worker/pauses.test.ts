/**
 * The pause rule is written once in SQL (pausedIn in worker/db/rules.ts, which the cohort's figures
 * and the dashboard use) and once in TypeScript (pausedWeeks, which roles and the participant's page
 * use through pausesByPair). For any pattern of check-ins the two name the same paused weeks.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from '../../worker/db/pauses.ts';
import { ONE_COHORT, pairWeeks, pausedIn } from '../../worker/db/rules.ts';
import { makeCohort } from './helpers.ts';

const WEEKS = 8;
let cohortId: number;
let pairs: [number, number][];

beforeAll(async () => {
  const cohort = await makeCohort();
  cohortId = cohort.cohortId;
  pairs = [
    [cohort.ada.id, cohort.ben.id],
    [cohort.cy.id, cohort.di.id],
  ];
});

/** Per member and week: no check-in, a check-in, or a check-in asking for a pause. */
const member = fc.array(fc.constantFrom('none', 'checkin', 'pause'), { minLength: WEEKS, maxLength: WEEKS });

async function store(pattern: string[][]): Promise<void> {
  const writes = [env.DB.prepare('DELETE FROM checkins WHERE cohort_id = ?1').bind(cohortId)];
  pairs.flat().forEach((id, i) =>
    pattern[i]!.forEach((answer, w) => {
      if (answer === 'none') return;
      writes.push(
        env.DB.prepare(
          `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, needs_pause)
           SELECT ?1, id, cohort_id, pair_id, ?2, 'p', 'n', 'c', ?3 FROM participants WHERE id = ?4`,
        ).bind(`pause-${id}-${w}`, w + 1, answer === 'pause' ? 1 : 0, id),
      );
    }),
  );
  await env.DB.batch(writes);
}

async function pausedBySql(lastWeek: number): Promise<Map<number, Set<number>>> {
  const { results } = await env.DB.prepare(
    `WITH RECURSIVE weeks(week) AS (SELECT 1 UNION ALL SELECT week + 1 FROM weeks WHERE week < ?2), ${pairWeeks(ONE_COHORT)}
     SELECT pr.id AS pair_id, w.week FROM pairs pr JOIN weeks w WHERE pr.cohort_id = ?1 AND ${pausedIn('pr.id', 'w.week')}`,
  )
    .bind(cohortId, lastWeek)
    .all<{ pair_id: number; week: number }>();
  const paused = new Map<number, Set<number>>();
  for (const r of results) paused.set(r.pair_id, (paused.get(r.pair_id) ?? new Set()).add(r.week));
  return paused;
}

describe('the pause rule', () => {
  it('names the same paused weeks in SQL as in worker/domain/pauses.ts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(member, { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: WEEKS + 2 }), async (pattern, lastWeek) => {
        await store(pattern);
        const { results } = await pairWeeksStatement(env.DB, cohortId, lastWeek).all<PairWeekRow>();
        expect(await pausedBySql(lastWeek)).toEqual(pausesByPair(results, lastWeek));
      }),
      { numRuns: 40 },
    );
  });
});
