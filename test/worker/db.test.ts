/** Query functions against the real D1 inside workerd. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { deleteCohort } from '../../worker/db/cohorts.ts';
import { importRoster, listRoster } from '../../worker/db/roster.ts';
import { makeCohort } from './helpers.ts';

const count = async (sql: string, id: number) => (await env.DB.prepare(sql).bind(id).first<{ n: number }>())!.n;

describe('cohorts', () => {
  it('deleting a cohort deletes its people, pairs, circles and submissions', async () => {
    const { cohortId, ada } = await makeCohort();
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action) VALUES ('db-1', ?1, ?2, 1, 'p', 'n', 'c')`).bind(ada.id, cohortId).run();
    await deleteCohort(env.DB, cohortId);
    for (const table of ['participants', 'pairs', 'circles', 'checkins']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table} WHERE cohort_id = ?1`, cohortId)).toBe(0);
    }
  });
});

describe('roster', () => {
  it('moves a participant to another pair on re-import and keeps their check-ins', async () => {
    const { cohortId, ada } = await makeCohort();
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action) VALUES ('db-2', ?1, ?2, 1, 'p', 'n', 'c')`).bind(ada.id, cohortId).run();
    const roster = await listRoster(env.DB, cohortId);
    await importRoster(env.DB, cohortId, roster.map((e) => (e.name === 'Ada' || e.name === 'Cy' ? { ...e, pair: 'P9', circle: 'C2' } : e)));
    const moved = await listRoster(env.DB, cohortId);
    expect(moved.find((e) => e.name === 'Ada')).toMatchObject({ pair: 'P9', circle: 'C2' });
    expect(await count('SELECT COUNT(*) AS n FROM checkins WHERE participant_id = ?1', ada.id)).toBe(1);
  });

  it('writes all of a roster or none of it', async () => {
    const { cohortId } = await makeCohort();
    const before = await listRoster(env.DB, cohortId);
    // The second row breaks the role CHECK constraint: the first must not be written either.
    await expect(
      importRoster(env.DB, cohortId, [
        { name: 'New', email: 'new@x.invalid', role: 'mentee', pair: 'P7', circle: '' },
        { name: 'Bad', email: 'bad@x.invalid', role: 'coach' as 'mentee', pair: 'P7', circle: '' },
      ]),
    ).rejects.toThrow(/CHECK constraint/);
    expect(await listRoster(env.DB, cohortId)).toEqual(before);
  });

  it('stores no name or label with contact details or control characters, whoever calls it', async () => {
    const { cohortId } = await makeCohort();
    const before = await listRoster(env.DB, cohortId);
    await expect(
      importRoster(env.DB, cohortId, [
        { name: 'Ada', email: before[0]!.email, role: 'mentee', pair: 'P1', circle: 'call 07700 900123' },
        { name: 'Ben\u001b[2J', email: before[1]!.email, role: 'mentee', pair: 'P1', circle: '' },
      ]),
    ).rejects.toThrow(/entry 1: the circle has a phone number in it[^]*entry 2: the name has an invisible control character in it \(U\+001B\)/);
    expect(await listRoster(env.DB, cohortId)).toEqual(before);
  });
});
