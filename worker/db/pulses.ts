/** The relationship pulse and program feedback: plain submissions of one participant. */
import type { ProgramFeedbackInput } from '../forms/program-feedback.ts';
import type { PulseInput } from '../forms/pulse.ts';
import type { Participant } from './participants.ts';
import { owner, storeOnce, type Stored } from './submissions.ts';

export function storePulse(db: D1Database, participant: Participant, week: number, input: PulseInput): Promise<Stored> {
  return storeOnce(db, 'pulses', {
    ...owner(participant, week, new Date()),
    idempotency_key: input.idempotency_key,
    trust: input.trust,
    safety: input.safety,
    feedback_ease: input.feedback_ease,
    adaptability: input.adaptability,
    comment: input.comment,
    comment_consent: input.comment_consent,
  });
}

export function storeProgramFeedback(db: D1Database, participant: Participant, week: number, input: ProgramFeedbackInput): Promise<Stored> {
  return storeOnce(db, 'program_feedback', {
    ...owner(participant, week, new Date()),
    idempotency_key: input.idempotency_key,
    cadence_fit: input.cadence_fit,
    tools: input.tools,
    expectations: input.expectations,
    suggestion: input.suggestion,
  });
}

/** The week of the participant's latest pulse, or null before the first. */
export async function lastPulseWeek(db: D1Database, participantId: number): Promise<number | null> {
  const row = await db.prepare('SELECT MAX(week) AS week FROM pulses WHERE participant_id = ?1').bind(participantId).first<{ week: number | null }>();
  return row?.week ?? null;
}
