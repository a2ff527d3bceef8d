/** POST endpoints of the forms: parse → name the participant → validate → store once → respond. */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Participant } from '../db/participants.ts';
import type { Stored } from '../db/submissions.ts';
import { cycleAt } from '../domain/weeks.ts';
import type { FormPath } from '../http/pages.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseSubmission, readBody, requireParticipant, wantsHtml } from '../http/submission.ts';

export interface SubmissionForm<S extends z.ZodType> {
  schema: S;
  /** The form page a browser post came from (and returns to when something needs fixing). */
  page: FormPath;
  store(db: D1Database, participant: Participant, week: number, input: z.output<S>): Promise<Stored>;
}

export function submissionRoutes<S extends z.ZodType>(form: SubmissionForm<S>) {
  return new Hono<AppEnv>().post('/', readBody, requireParticipant, async (c) => {
    const input = parseSubmission(c, form.schema, form.page);
    const participant = c.get('participant');
    const stored = await form.store(c.env.DB, participant, cycleAt(participant.cohort, new Date()), input);
    if (stored.replayed) c.header('Idempotent-Replayed', 'true');
    if (wantsHtml(c)) return c.redirect(`/thanks/?sent=${form.page.replaceAll('/', '')}`, 303);
    return c.json({ id: stored.id, week: stored.week }, 201);
  });
}
