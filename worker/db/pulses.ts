/** The relationship pulse and program feedback: plain submissions of one participant. */
import type { ProgramFeedbackInput } from '../forms/program-feedback.ts';
import type { PulseInput } from '../forms/pulse.ts';
import type { Author } from './admission.ts';
import { postedIn, storeOnce, type Stored } from './submissions.ts';

export function storePulse(db: D1Database, author: Author, week: number, input: PulseInput): Promise<Stored | null> {
  return storeOnce(db, author, 'pulses', {
    ...postedIn(week, new Date()),
    idempotency_key: input.idempotency_key,
    trust: input.trust,
    safety: input.safety,
    feedback_ease: input.feedback_ease,
    adaptability: input.adaptability,
    comment: input.comment,
  });
}

export function storeProgramFeedback(db: D1Database, author: Author, week: number, input: ProgramFeedbackInput): Promise<Stored | null> {
  return storeOnce(db, author, 'program_feedback', {
    ...postedIn(week, new Date()),
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

export interface ProgramVoice {
  name: string;
  week: number;
  cadenceFit: 'too-often' | 'about-right' | 'too-rare';
  tools: string;
  expectations: string;
  suggestion: string;
}

/** What participants said about the program, newest first (mentor-only: private text). */
export async function listProgramFeedback(db: D1Database, cohortId: number): Promise<ProgramVoice[]> {
  const { results } = await db
    .prepare(
      `SELECT p.display_name AS name, f.week, f.cadence_fit, f.tools, f.expectations, f.suggestion
       FROM program_feedback f JOIN participants p ON p.id = f.participant_id WHERE f.cohort_id = ?1 ORDER BY f.week DESC, f.id DESC`,
    )
    .bind(cohortId)
    .all<{ name: string; week: number; cadence_fit: ProgramVoice['cadenceFit']; tools: string; expectations: string; suggestion: string }>();
  return results.map((r) => ({ name: r.name, week: r.week, cadenceFit: r.cadence_fit, tools: r.tools, expectations: r.expectations, suggestion: r.suggestion }));
}

/** Pulse comments, newest first (mentor-only: private text). */
export async function listPulseComments(db: D1Database, cohortId: number): Promise<{ name: string; week: number; comment: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT p.display_name AS name, s.week, s.comment FROM pulses s JOIN participants p ON p.id = s.participant_id
       WHERE s.cohort_id = ?1 AND s.comment <> '' ORDER BY s.week DESC, s.id DESC`,
    )
    .bind(cohortId)
    .all<{ name: string; week: number; comment: string }>();
  return results;
}
