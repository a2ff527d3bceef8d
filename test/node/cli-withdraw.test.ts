/** `tandem withdraw`: the mentor makes one published item private, as the participant's button does. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { getCohortBySlug } from '../../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../../worker/db/participants.ts';
import { listPublished } from '../../worker/db/published.ts';
import { expectStored, storeCheckin, storeReflection } from '../../worker/db/submissions.ts';
import { Program, ROSTER_CSV } from '../support/program.ts';

const program = new Program();
let ada = 0;
let win = 0;
let reflection = 0;

async function withDb<T>(work: (db: D1Database) => Promise<T>): Promise<T> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    return await work(conn.db);
  } finally {
    await conn.close();
  }
}

beforeAll(async () => {
  program.setup();
  expect(program.tandem('cohort', 'add', '--slug', 'withdraw-test', '--name', 'Withdraw test', '--timezone', 'UTC', '--starts', '2026-09-07').status).toBe(0);
  const roster = join(program.outDir, 'roster.csv');
  writeFileSync(roster, ROSTER_CSV);
  expect(program.tandem('roster', 'import', roster, '--cohort', 'withdraw-test').status).toBe(0);
  await withDb(async (db) => {
    const cohort = (await getCohortBySlug(db, 'withdraw-test'))!;
    const person = (await listLinkRecipients(db, cohort.id)).find((p) => p.displayName === 'Ada')!;
    const participant = (await getParticipant(db, person.id))!;
    ada = participant.id;
    win = expectStored(
      await storeCheckin(db, participant, 1, {
        idempotency_key: 'withdraw-win', progress: 'p', obstacles: '', next_step: 'n', committed_action: 'c', last_action_done: undefined,
        win: 'Finished the first draft', win_consent: 'cohort', challenge: '', decision_reason: '', energy: 3, needs_pause: false, carry_forward: false, challenge_to_circle: false,
      }),
    ).id;
    reflection = expectStored(
      await storeReflection(db, participant, 1, {
        idempotency_key: 'withdraw-reflection', working: 'w', not_working: 'n', why: 'y', assumption: '', insight: 'Start small',
        strategy_title: 'Two-minute start', strategy_body: 'Begin with two minutes.', strategy_tags: '', consent: 'public',
      }),
    ).id;
  });
});

describe('tandem withdraw', () => {
  it('makes one item private, says what it was and that the next build drops it', async () => {
    const run = program.tandem('withdraw', '--kind', 'win', '--id', String(win));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Withdrew win ${win} by Ada (withdraw-test, week 1): “Finished the first draft”.`);
    expect(run.stdout).toMatch(/next build .* drops it/);
    // Only that item: the reflection is still published.
    expect(await withDb((db) => listPublished(db, ada))).toEqual([expect.objectContaining({ kind: 'reflection', id: reflection })]);
  });

  it('says so when the item is private already, and changes nothing', () => {
    const run = program.tandem('withdraw', '--kind', 'win', '--id', String(win));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('is private already');
  });

  it.each([
    [['--kind', 'win', '--id', '99999'], /There is no win 99999/],
    [['--kind', 'milestone', '--id', '1'], /There is no milestone 1/],
    [['--kind', 'goal', '--id', '1'], /--kind must be win, reflection or milestone/],
    [['--kind', 'win', '--id', 'abc'], /--id must be the item's number/],
    [['--kind', 'reflection'], /--id/],
  ])('refuses %j with a message that says what to do, and changes nothing', async (args, message) => {
    const run = program.tandem('withdraw', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(await withDb((db) => listPublished(db, ada))).toHaveLength(1);
  });
});
