/**
 * Storing form submissions exactly once. Every submission carries the idempotency key of the form
 * it came from (unique per participant): sending the same form again — a network retry, a double
 * click, the back button and a resend — finds the row the first post stored, so nothing is stored
 * twice, and its answers replace the earlier ones, so an edit made before resending is not lost.
 */
import type { CheckinInput } from '../forms/checkin.ts';
import type { ReflectionInput } from '../forms/reflection.ts';
import { admissionSql, type Author, type PostTable } from './admission.ts';

export interface Stored {
  id: number;
  week: number;
  /** True when this post repeated a form already stored. */
  replayed: boolean;
}

export type Table = Exclude<PostTable, 'contracts' | 'milestones'>;
export type Row = Record<string, string | number | null>;

/** Columns that say when a submission was first made: never changed by a resend. */
const IDENTITY = new Set(['idempotency_key', 'week', 'submitted_at']);

/**
 * What else must hold for an upsert to store anything, checked in the same statement (so two posts
 * at once cannot both pass): `admit`, over `p` (the author's participant row), for the post
 * (its parameters numbered from `first`); `resend`, over the stored row (named by its table) and
 * `excluded` (the resend's answers), for a resend to change the row. When one fails, nothing is
 * stored and nothing returned, as for an author not admitted.
 */
export interface UpsertGuard {
  admit?: (first: number) => { where: string; params: (string | number | null)[] };
  resend?: string;
}

/**
 * The upsert of one submission row, keyed by (participant, idempotency key). Whose it is (the
 * participant, their cohort and pair) comes from the participant's own row, and only when the
 * author is admitted (worker/db/admission.ts): otherwise nothing is stored and nothing returned.
 */
export function upsertStatement(db: D1Database, author: Author, table: Table, row: Row, guard: UpsertGuard = {}): D1PreparedStatement {
  // Column names come from the typed row builders below, never from the request.
  const columns = Object.keys(row);
  const values = columns.map((_, i) => `?${i + 1}`);
  const answers = columns.filter((c) => !IDENTITY.has(c)).map((c) => `${c} = excluded.${c}`);
  const admission = admissionSql(author, table, columns.length + 1);
  const admit = guard.admit?.(columns.length + admission.params.length + 1) ?? { where: 'TRUE', params: [] };
  return db
    .prepare(
      `INSERT INTO ${table} (participant_id, cohort_id, pair_id, ${columns.join(', ')})
       SELECT p.id, p.cohort_id, p.pair_id, ${values.join(', ')} FROM participants p
       WHERE ${admission.where} AND ${admit.where}
       ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${answers.join(', ')}, revision = revision + 1
       WHERE ${guard.resend ?? 'TRUE'}
       RETURNING id, week, revision`,
    )
    .bind(...Object.values(row), ...admission.params, ...admit.params);
}

/**
 * Stores a submission row once per (participant, idempotency key); a resend replaces its answers.
 * Null when the author was not admitted (see `admit` for why) or a guard did not hold.
 */
export async function storeOnce(db: D1Database, author: Author, table: Table, row: Row, guard?: UpsertGuard): Promise<Stored | null> {
  const stored = await upsertStatement(db, author, table, row, guard).first<{ id: number; week: number; revision: number }>();
  return stored && { id: stored.id, week: stored.week, replayed: stored.revision > 1 };
}

/** For the mentor's own tools (the demo, tests), whose posts are always admitted: one that was not is a bug. */
export function expectStored(stored: Stored | null): Stored {
  if (!stored) throw new Error('The post was not stored: its participant or cohort changed while it was being sent.');
  return stored;
}

/** The columns every submission has besides whose it is: which week, when. */
export function postedIn(week: number, submittedAt: Date): Row {
  return { week, submitted_at: submittedAt.toISOString() };
}

export function storeCheckin(db: D1Database, author: Author, week: number, input: CheckinInput, submittedAt = new Date()): Promise<Stored | null> {
  return storeOnce(db, author, 'checkins', checkinRow(week, input, submittedAt));
}

export function checkinRow(week: number, input: CheckinInput, submittedAt: Date): Row {
  return {
    idempotency_key: input.idempotency_key,
    ...postedIn(week, submittedAt),
    progress: input.progress,
    obstacles: input.obstacles,
    next_step: input.next_step,
    committed_action: input.committed_action,
    carried_forward: input.carry_forward ? 1 : 0,
    last_action_done: input.last_action_done ?? null,
    win: input.win,
    win_consent: input.win_consent,
    challenge: input.challenge,
    challenge_to_circle: input.challenge_to_circle ? 1 : 0,
    decision_reason: input.decision_reason,
    energy: input.energy ?? null,
    needs_pause: input.needs_pause ? 1 : 0,
  };
}

/** Tags as stored: lower case, trimmed, unique, comma-separated. */
export function normalizeTags(tags: string): string {
  const unique = new Set(tags.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
  return [...unique].join(',');
}

export function storeReflection(db: D1Database, author: Author, week: number, input: ReflectionInput, submittedAt = new Date()): Promise<Stored | null> {
  return storeOnce(db, author, 'reflections', reflectionRow(week, input, submittedAt));
}

export function reflectionRow(week: number, input: ReflectionInput, submittedAt: Date): Row {
  return {
    idempotency_key: input.idempotency_key,
    ...postedIn(week, submittedAt),
    working: input.working,
    not_working: input.not_working,
    why: input.why,
    assumption: input.assumption,
    insight: input.insight,
    strategy_title: input.strategy_title,
    strategy_body: input.strategy_body,
    strategy_tags: normalizeTags(input.strategy_tags),
    consent: input.consent,
  };
}

/** What a participant's latest check-in before `week` said, if there is one. */
export interface LastCheckin {
  week: number;
  action: string;
  needsPause: boolean;
  lastActionDone: 'yes' | 'partly' | 'no' | null;
  obstacles: string;
}

export async function lastCheckinBefore(db: D1Database, participantId: number, week: number): Promise<LastCheckin | null> {
  const row = await db
    .prepare('SELECT week, committed_action, needs_pause, last_action_done, obstacles FROM checkins WHERE participant_id = ?1 AND week < ?2 ORDER BY week DESC, id DESC LIMIT 1')
    .bind(participantId, week)
    .first<{ week: number; committed_action: string; needs_pause: number; last_action_done: LastCheckin['lastActionDone']; obstacles: string }>();
  return row && { week: row.week, action: row.committed_action, needsPause: row.needs_pause === 1, lastActionDone: row.last_action_done, obstacles: row.obstacles };
}
