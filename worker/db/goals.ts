/** Micro-goals and their milestones. A participant only ever touches their own goals. */
import type { Consent } from '../domain/consent.ts';
import { localDate } from '../domain/weeks.ts';
import type { GoalInput } from '../forms/goal.ts';
import type { Participant } from './participants.ts';
import type { Author } from './admission.ts';
import { postedIn, storeOnce, upsertStatement, type Stored } from './submissions.ts';

export interface Goal {
  id: number;
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  status: 'active' | 'done' | 'dropped';
  replacesGoalId: number | null;
  milestones: { title: string; reachedOn: string }[];
}

/** Whether a goal is one of this participant's own. */
export async function ownsGoal(db: D1Database, participantId: number, goalId: number): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS yes FROM goals WHERE id = ?1 AND participant_id = ?2').bind(goalId, participantId).first()) !== null;
}

/**
 * Recalibrating replaces an active goal, once: goal `?goal` is the author's, active, and no other
 * post replaced it — or this post (`?key`) is the one that did, sent again. Checked in the
 * statement that stores the new goal, so of several posts at once only one replaces it.
 */
const replaceable = (goal: string, key: string) => `(
  EXISTS (SELECT 1 FROM goals g WHERE g.id = ${goal} AND g.participant_id = p.id AND g.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM goals r WHERE r.replaces_goal_id = g.id AND r.idempotency_key <> ${key}))
  OR EXISTS (SELECT 1 FROM goals r WHERE r.participant_id = p.id AND r.idempotency_key = ${key} AND r.replaces_goal_id = ${goal}))`;

/**
 * Stores a goal. Recalibrating (replaces_goal_id) creates the new goal and drops the one it
 * replaces in the same transaction, so the pair's history shows what changed and why; null when
 * the goal it names cannot be replaced (done, dropped, replaced already: see whyNotReplaceable).
 */
export async function storeGoal(db: D1Database, author: Author, week: number, input: GoalInput): Promise<Stored | null> {
  const today = localDate(new Date(), author.cohort.timezone);
  const row = { ...postedIn(week, new Date()), idempotency_key: input.idempotency_key, what: input.what, measure: input.measure, target: input.target, due_on: input.due_on, replaces_goal_id: input.replaces_goal_id ?? null };
  const replaces = input.replaces_goal_id;
  if (replaces === undefined) return storeOnce(db, author, 'goals', row);
  const guard = { admit: (n: number) => ({ where: replaceable(`?${n}`, `?${n + 1}`), params: [replaces, input.idempotency_key] }) };
  const [stored] = await db.batch([
    upsertStatement(db, author, 'goals', row, guard),
    // Only once a goal stored by an admitted post says it replaces this one: a post that was not
    // admitted (even a resend of a stored goal, now naming a goal to replace) changes nothing.
    db
      .prepare(
        `UPDATE goals SET status = 'dropped', status_changed_on = ?3 WHERE id = ?1 AND participant_id = ?2 AND status = 'active'
         AND EXISTS (SELECT 1 FROM goals n WHERE n.participant_id = ?2 AND n.idempotency_key = ?4 AND n.replaces_goal_id = ?1)`,
      )
      .bind(replaces, author.id, today, input.idempotency_key),
  ]);
  const result = stored!.results[0] as { id: number; week: number; revision: number } | undefined;
  return result ? { id: result.id, week: result.week, replayed: result.revision > 1 } : null;
}

/** Why one of the participant's goals cannot be replaced now (done, dropped, or replaced by another goal); null when it can, or is not theirs. */
export async function whyNotReplaceable(db: D1Database, participantId: number, goalId: number, idempotencyKey: string): Promise<'done' | 'dropped' | 'replaced' | null> {
  const row = await db
    .prepare(
      `SELECT g.status, EXISTS (SELECT 1 FROM goals r WHERE r.replaces_goal_id = g.id AND r.idempotency_key <> ?3) AS replaced
       FROM goals g WHERE g.id = ?1 AND g.participant_id = ?2`,
    )
    .bind(goalId, participantId, idempotencyKey)
    .first<{ status: Goal['status']; replaced: number }>();
  if (!row) return null;
  if (row.replaced) return 'replaced';
  return row.status === 'active' ? null : row.status;
}

/**
 * Settles one of the participant's active goals as done or dropped. A goal is settled once: the
 * same mark sent again is answered as before ('settled'), and a goal already done, dropped or
 * replaced keeps its status ('already', with it); 'missing' when the goal is not theirs.
 */
export async function setGoalStatus(
  db: D1Database,
  participant: Participant,
  goalId: number,
  status: 'done' | 'dropped',
  today: string,
): Promise<{ outcome: 'settled' } | { outcome: 'already'; status: Goal['status'] } | { outcome: 'missing' }> {
  const row = await db
    .prepare(
      `UPDATE goals SET status = ?3, status_changed_on = CASE WHEN status = ?3 THEN status_changed_on ELSE ?4 END
       WHERE id = ?1 AND participant_id = ?2 AND (status = 'active' OR status = ?3) RETURNING status`,
    )
    .bind(goalId, participant.id, status, today)
    .first<{ status: Goal['status'] }>();
  if (row) return { outcome: 'settled' };
  const current = await db.prepare('SELECT status FROM goals WHERE id = ?1 AND participant_id = ?2').bind(goalId, participant.id).first<{ status: Goal['status'] }>();
  return current ? { outcome: 'already', status: current.status } : { outcome: 'missing' };
}

/** Records a milestone on one of the participant's goals; false when the goal is not theirs. */
export async function storeMilestone(
  db: D1Database,
  participant: Participant,
  week: number,
  milestone: { idempotency_key: string; goal_id: number; title: string; reached_on: string; consent: Consent },
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO milestones (idempotency_key, participant_id, cohort_id, goal_id, week, title, reached_on, consent)
       SELECT ?1, ?2, ?3, id, ?5, ?6, ?7, ?8 FROM goals WHERE id = ?4 AND participant_id = ?2
       ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET title = excluded.title, reached_on = excluded.reached_on, consent = excluded.consent, revision = revision + 1`,
    )
    .bind(milestone.idempotency_key, participant.id, participant.cohortId, milestone.goal_id, week, milestone.title, milestone.reached_on, milestone.consent)
    .run();
  return result.meta.changes > 0;
}

/** The participant's active goals with their milestones, soonest due first. */
export async function listActiveGoals(db: D1Database, participantId: number): Promise<Goal[]> {
  const { results } = await db
    .prepare(
      `SELECT g.id, g.what, g.measure, g.target, g.due_on, g.status, g.replaces_goal_id,
              (SELECT json_group_array(json_object('title', m.title, 'reachedOn', m.reached_on))
               FROM (SELECT title, reached_on FROM milestones WHERE goal_id = g.id ORDER BY reached_on) m) AS milestones
       FROM goals g WHERE g.participant_id = ?1 AND g.status = 'active' ORDER BY g.due_on, g.id`,
    )
    .bind(participantId)
    .all<{ id: number; what: string; measure: string; target: string; due_on: string; status: Goal['status']; replaces_goal_id: number | null; milestones: string }>();
  return results.map((r) => ({
    id: r.id,
    what: r.what,
    measure: r.measure,
    target: r.target,
    dueOn: r.due_on,
    status: r.status,
    replacesGoalId: r.replaces_goal_id,
    milestones: JSON.parse(r.milestones) as Goal['milestones'],
  }));
}
