/**
 * Storing form submissions exactly once. Every submission carries the idempotency key of the form
 * it came from (unique per participant): sending the same form again — a network retry, a double
 * click, the back button and a resend — finds the row the first post stored, so nothing is stored
 * twice, and its answers replace the earlier ones, so an edit made before resending is not lost.
 */
import type { CheckinInput } from '../forms/checkin.ts';
import type { ReflectionInput } from '../forms/reflection.ts';
import type { Participant } from './participants.ts';

export interface Stored {
  id: number;
  week: number;
  /** True when this post repeated a form already stored. */
  replayed: boolean;
}

export type Table = 'checkins' | 'reflections' | 'goals' | 'feedback' | 'pulses' | 'program_feedback';
export type Row = Record<string, string | number | null>;

/** Columns that say whose submission it is and when it was first made: never changed by a resend. */
const IDENTITY = new Set(['idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'submitted_at']);

/** The upsert of one submission row, keyed by (participant, idempotency key). */
export function upsertStatement(db: D1Database, table: Table, row: Row): D1PreparedStatement {
  // Column names come from the typed row builders below, never from the request.
  const columns = Object.keys(row);
  const placeholders = columns.map((_, i) => `?${i + 1}`).join(', ');
  const answers = columns.filter((c) => !IDENTITY.has(c)).map((c) => `${c} = excluded.${c}`);
  return db
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})
       ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${answers.join(', ')}, revision = revision + 1
       RETURNING id, week, revision`,
    )
    .bind(...Object.values(row));
}

/** Stores a submission row once per (participant, idempotency key); a resend replaces its answers. */
export async function storeOnce(db: D1Database, table: Table, row: Row): Promise<Stored> {
  const stored = (await upsertStatement(db, table, row).first<{ id: number; week: number; revision: number }>())!;
  return { id: stored.id, week: stored.week, replayed: stored.revision > 1 };
}

/** The columns every submission has: whose, which pair, which week, when. */
export function owner(participant: Participant, week: number, submittedAt: Date): Row {
  return { participant_id: participant.id, cohort_id: participant.cohortId, pair_id: participant.pairId, week, submitted_at: submittedAt.toISOString() };
}

export function storeCheckin(db: D1Database, participant: Participant, week: number, input: CheckinInput, submittedAt = new Date()): Promise<Stored> {
  return storeOnce(db, 'checkins', checkinRow(participant, week, input, submittedAt));
}

export function checkinRow(participant: Participant, week: number, input: CheckinInput, submittedAt: Date): Row {
  return {
    idempotency_key: input.idempotency_key,
    ...owner(participant, week, submittedAt),
    progress: input.progress,
    obstacles: input.obstacles,
    next_step: input.next_step,
    committed_action: input.committed_action,
    carried_forward: input.carry_forward ? 1 : 0,
    last_action_done: input.last_action_done ?? null,
    win: input.win,
    win_consent: input.win_consent,
    challenge: input.challenge,
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

export function storeReflection(db: D1Database, participant: Participant, week: number, input: ReflectionInput, submittedAt = new Date()): Promise<Stored> {
  return storeOnce(db, 'reflections', reflectionRow(participant, week, input, submittedAt));
}

export function reflectionRow(participant: Participant, week: number, input: ReflectionInput, submittedAt: Date): Row {
  return {
    idempotency_key: input.idempotency_key,
    ...owner(participant, week, submittedAt),
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
