/** POST endpoints of the forms: parse → name the participant → validate → check → store once → respond. */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { Participant } from '../db/participants.ts';
import type { Stored } from '../db/submissions.ts';
import { cycleAt } from '../domain/weeks.ts';
import type { AppEnv } from '../http/app-env.ts';
import { fail } from '../http/errors.ts';
import type { FormPath } from '../http/pages.ts';
import { formState, parseSubmission, readBody, refuseHoneypot, requireParticipant, wantsHtml } from '../http/submission.ts';

/** What a check against stored data decides: the input to store, or problems per field. */
export type Checked<T> = { input: T } | { errors: Record<string, string> };

export interface SubmissionForm<S extends z.ZodType> {
  schema: S;
  /** The form page a browser post came from (and returns to when something needs fixing). */
  page: FormPath;
  /** Checks that need the database (whose goal, which partner); may complete the input. */
  check?(db: D1Database, participant: Participant, week: number, input: z.output<S>): Promise<Checked<z.output<S>>>;
  store(db: D1Database, participant: Participant, week: number, input: z.output<S>): Promise<Stored>;
  /** What the thank-you page should offer after this submission (its `need` parameter). */
  needs?(input: z.output<S>): readonly string[];
}

export function submissionRoutes<S extends z.ZodType>(form: SubmissionForm<S>) {
  const fromPage = createMiddleware<AppEnv>(async (c, next) => {
    c.set('formPage', form.page);
    await next();
  });
  return new Hono<AppEnv>().post('/', fromPage, readBody, refuseHoneypot, requireParticipant, async (c) => {
    const parsed = parseSubmission(c, form.schema, form.page);
    const participant = c.get('participant');
    const week = cycleAt(participant.cohort, new Date());
    const checked = form.check ? await form.check(c.env.DB, participant, week, parsed) : { input: parsed };
    if ('errors' in checked) fail(400, 'invalid_input', 'Some answers need another look.', { fields: checked.errors, form: formState(c, form.page) });
    const stored = await form.store(c.env.DB, participant, week, checked.input);
    if (stored.replayed) c.header('Idempotent-Replayed', 'true');
    if (wantsHtml(c)) {
      const needs = form.needs?.(checked.input) ?? [];
      return c.redirect(`/thanks/?sent=${form.page.replaceAll('/', '')}${needs.length ? `&need=${needs.join(',')}` : ''}`, 303);
    }
    return c.json({ id: stored.id, week: stored.week }, 201);
  });
}
