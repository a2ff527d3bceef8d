/** Peer feedback between members of a pair or circle, and its one-time rating by the receiver. */
import type { FeedbackInput } from '../forms/feedback.ts';
import type { Participant } from './participants.ts';
import type { Author } from './admission.ts';
import { postedIn, storeOnce, type Stored } from './submissions.ts';

export interface Peer {
  id: number;
  displayName: string;
  /** 'partner' for the participant's pair, 'circle' for the rest of their circle. */
  relation: 'partner' | 'circle';
}

/** Everyone the participant may give feedback to: their partner(s), then their circle. */
export async function listPeers(db: D1Database, participantId: number): Promise<Peer[]> {
  const { results } = await db
    .prepare(
      `WITH mine AS (SELECT pair_id FROM participants WHERE id = ?1)
       SELECT p.id, p.display_name, CASE WHEN p.pair_id = (SELECT pair_id FROM mine) THEN 'partner' ELSE 'circle' END AS relation
       FROM participants p JOIN pairs pr ON pr.id = p.pair_id
       WHERE p.id <> ?1 AND (p.pair_id = (SELECT pair_id FROM mine)
         OR pr.circle_id = (SELECT circle_id FROM pairs WHERE id = (SELECT pair_id FROM mine) AND circle_id IS NOT NULL))
       ORDER BY relation DESC, p.display_name`,
    )
    .bind(participantId)
    .all<{ id: number; display_name: string; relation: Peer['relation'] }>();
  return results.map((r) => ({ id: r.id, displayName: r.display_name, relation: r.relation }));
}

/**
 * A resend of feedback (same idempotency key) may change its words until its receiver rates it, and
 * never whom it is for: a retry must not re-address feedback, nor rewrite what was rated.
 */
const RESEND_KEEPS_RECEIVER_AND_RATED_WORDS = `feedback.receiver_id = excluded.receiver_id
  AND (feedback.usefulness IS NULL OR (feedback.behaviour, feedback.impact, feedback.next_step) = (excluded.behaviour, excluded.impact, excluded.next_step))`;

/** Stores peer feedback once; null when not admitted, or when a resend would re-address it or change it after it was rated. */
export function storeFeedback(db: D1Database, author: Author, week: number, input: FeedbackInput): Promise<Stored | null> {
  const row = {
    ...postedIn(week, new Date()),
    idempotency_key: input.idempotency_key,
    receiver_id: input.receiver_id,
    behaviour: input.behaviour,
    impact: input.impact,
    next_step: input.next_step,
  };
  return storeOnce(db, author, 'feedback', row, { resend: RESEND_KEEPS_RECEIVER_AND_RATED_WORDS });
}

/** The feedback a participant already sent with this idempotency key: to whom, and whether it was rated. */
export async function sentFeedback(db: D1Database, participantId: number, idempotencyKey: string): Promise<{ receiverId: number; rated: boolean } | null> {
  const row = await db
    .prepare('SELECT receiver_id, usefulness FROM feedback WHERE participant_id = ?1 AND idempotency_key = ?2')
    .bind(participantId, idempotencyKey)
    .first<{ receiver_id: number; usefulness: number | null }>();
  return row && { receiverId: row.receiver_id, rated: row.usefulness !== null };
}

export type RateOutcome = 'rated' | 'not-found' | 'already-rated';

/**
 * The receiver rates a piece of feedback, once. Sending the same rating again (a double click, a
 * resend) is answered as the first; a different one is refused.
 */
export async function rateFeedback(db: D1Database, participant: Participant, feedbackId: number, usefulness: number, at = new Date()): Promise<RateOutcome> {
  const result = await db
    .prepare(`UPDATE feedback SET usefulness = ?3, rated_at = ?4 WHERE id = ?1 AND receiver_id = ?2 AND usefulness IS NULL`)
    .bind(feedbackId, participant.id, usefulness, at.toISOString())
    .run();
  if (result.meta.changes > 0) return 'rated';
  const rated = await db.prepare('SELECT usefulness FROM feedback WHERE id = ?1 AND receiver_id = ?2').bind(feedbackId, participant.id).first<{ usefulness: number | null }>();
  if (!rated) return 'not-found';
  return rated.usefulness === usefulness ? 'rated' : 'already-rated';
}

export interface FeedbackToRate {
  id: number;
  from: string;
  behaviour: string;
  impact: string;
  nextStep: string;
}

/** Feedback the participant received and has not rated yet, oldest first. */
export async function listFeedbackToRate(db: D1Database, participantId: number): Promise<FeedbackToRate[]> {
  const { results } = await db
    .prepare(
      `SELECT f.id, p.display_name AS giver, f.behaviour, f.impact, f.next_step FROM feedback f JOIN participants p ON p.id = f.participant_id
       WHERE f.receiver_id = ?1 AND f.usefulness IS NULL ORDER BY f.id`,
    )
    .bind(participantId)
    .all<{ id: number; giver: string; behaviour: string; impact: string; next_step: string }>();
  return results.map((r) => ({ id: r.id, from: r.giver, behaviour: r.behaviour, impact: r.impact, nextStep: r.next_step }));
}
