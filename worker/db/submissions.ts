/**
 * Storing form submissions exactly once. Every submission carries an idempotency key (UNIQUE):
 * a retried post finds the row the first one stored and answers with it.
 */
import type { CheckinInput } from '../forms/checkin.ts';
import type { ReflectionInput } from '../forms/reflection.ts';
import type { Participant } from './participants.ts';

export interface Stored {
  id: number;
  week: number;
  /** True when this post repeated one already stored. */
  replayed: boolean;
}

export type Table = 'checkins' | 'reflections';
export type Row = Record<string, string | number | null>;

/** The INSERT of one submission row, doing nothing when its idempotency key is stored already. */
export function insertStatement(db: D1Database, table: Table, row: Row): D1PreparedStatement {
  // Column names come from the typed row builders below, never from the request.
  const columns = Object.keys(row);
  const placeholders = columns.map((_, i) => `?${i + 1}`).join(', ');
  return db
    .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, week`)
    .bind(...Object.values(row));
}

/**
 * Inserts a row unless its idempotency key is stored already. Returns null when the key belongs
 * to someone else's submission, which the caller reports as a conflict.
 */
async function insertOnce(db: D1Database, table: Table, row: Row): Promise<Stored | null> {
  const inserted = await insertStatement(db, table, row).first<{ id: number; week: number }>();
  if (inserted) return { ...inserted, replayed: false };
  const existing = await db
    .prepare(`SELECT id, week, participant_id FROM ${table} WHERE idempotency_key = ?1`)
    .bind(row.idempotency_key)
    .first<{ id: number; week: number; participant_id: number }>();
  if (!existing || existing.participant_id !== row.participant_id) return null;
  return { id: existing.id, week: existing.week, replayed: true };
}

function owner(participant: Participant, week: number, submittedAt: Date): Row {
  return { participant_id: participant.id, cohort_id: participant.cohortId, pair_id: participant.pairId, week, submitted_at: submittedAt.toISOString() };
}

export function insertCheckin(db: D1Database, participant: Participant, week: number, input: CheckinInput, submittedAt = new Date()): Promise<Stored | null> {
  return insertOnce(db, 'checkins', checkinRow(participant, week, input, submittedAt));
}

export function checkinRow(participant: Participant, week: number, input: CheckinInput, submittedAt: Date): Row {
  return {
    idempotency_key: input.idempotency_key,
    ...owner(participant, week, submittedAt),
    progress: input.progress,
    obstacles: input.obstacles,
    next_step: input.next_step,
    committed_action: input.committed_action,
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

export function insertReflection(db: D1Database, participant: Participant, week: number, input: ReflectionInput, submittedAt = new Date()): Promise<Stored | null> {
  return insertOnce(db, 'reflections', reflectionRow(participant, week, input, submittedAt));
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
