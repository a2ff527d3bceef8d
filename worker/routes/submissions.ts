/** POST endpoints of the forms: parse → name the author from their link → validate → check → store once, if admitted → respond. */
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { Author, PostTable } from '../db/admission.ts';
import type { Stored } from '../db/submissions.ts';
import { cycleAt } from '../domain/weeks.ts';
import type { AppEnv, AuthorEnv } from '../app-env.ts';
import { message } from '../domain/i18n.ts';
import { localePath } from '../domain/locales.ts';
import { fail, type ErrorText } from '../errors.ts';
import type { FormEntry } from '../forms/registry.ts';
import { admittedParticipant, postingParticipant, requireAuthor } from '../middleware/auth.ts';
import { readBody, wantsHtml } from '../middleware/body.ts';
import { countPosts } from '../middleware/rate-limit.ts';
import { answers, formState, refuseAnswers, refuseHoneypot } from '../middleware/validation.ts';
import { speak } from '../middleware/locale.ts';

/** What a check against stored data decides: the input to store, or problems per field. */
export type Checked<T> = { input: T } | { errors: Record<string, ErrorText> };

export interface SubmissionForm<S extends z.ZodType> {
  /**
   * The form's registry entry (worker/forms/registry.ts): its schema; the table its posts are
   * stored in, which the rate limit counts; the page a browser post came from and returns to.
   */
  entry: { schema: S; table: PostTable; page: FormEntry['page'] };
  /** Checks that need the database (whose goal, which partner); may complete the input. */
  check?(db: D1Database, author: Author, week: number, input: z.output<S>): Promise<Checked<z.output<S>>>;
  /** Stores the post if its author is admitted (worker/db/admission.ts) and the store's own rules hold; null when not. */
  store(db: D1Database, author: Author, week: number, input: z.output<S>): Promise<Stored | null>;
  /**
   * Why the store stored nothing for an admitted author, when one of its own rules refused the post
   * (a resend that may not change what it would change): a message for a 409. Null otherwise.
   */
  conflict?(db: D1Database, author: Author, input: z.output<S>): Promise<ErrorText | null>;
  /** What the thank-you page should offer after this submission (its `need` parameter). */
  needs?(input: z.output<S>): readonly string[];
}

/**
 * Answers from now on in the language of whoever sent the post, once their link is checked, so the
 * form shown again, the JSON of its errors or the thank-you page speak as their form did. Read only
 * when the answer needs the language: storing a post does not.
 */
async function speakAsPoster(c: Context<AuthorEnv>): Promise<void> {
  // postingParticipant reads only the author, which requireAuthor has set.
  const participant = await postingParticipant(c);
  if (!participant) return;
  c.set('participant', participant);
  speak(c, participant.language);
}

/** Validates a post with the form's schema: a failure names each bad field in the poster's language. */
async function parseFormPost<S extends z.ZodType>(c: Context<AuthorEnv>, schema: S, formPath: string): Promise<z.output<S>> {
  const result = schema.safeParse(answers(c));
  if (result.success) return result.data;
  await speakAsPoster(c);
  refuseAnswers(c, result.error, formPath);
}

/** A stored post, and its input as checked (a check may complete it). */
type Outcome<S extends z.ZodType> = { stored: Stored; input: z.output<S> };

/**
 * Checks and stores a post; the statement that stores it also admits it (worker/db/admission.ts).
 * When nothing was stored, reads why: a refusal (401, 429) or a conflict with what is stored (409)
 * ends it; otherwise the cohort's calendar changed since this isolate cached it, and the post is
 * checked and stored once more, its week worked out from the calendar as it is now.
 */
async function checkAndStore<S extends z.ZodType>(c: Context<AuthorEnv>, form: SubmissionForm<S>, parsed: z.output<S>, now: Date): Promise<Outcome<S>> {
  const author = c.get('author');
  const first = await checkThenStore(c, form, author, parsed, now);
  if (first) return first;
  const { cohort } = await admittedParticipant(c.env.DB, author, form.entry.table);
  await refuseConflict(c, form, author, parsed);
  const second = await checkThenStore(c, form, { ...author, cohort }, parsed, now);
  if (second) return second;
  // Refused in the meantime (another post reached the limit, the link was revoked, a parallel post
  // changed what this one would change), or a bug.
  await admittedParticipant(c.env.DB, author, form.entry.table);
  await refuseConflict(c, form, author, parsed);
  throw new Error(`a post by participant ${author.id} was admitted but not stored`);
}

/** A 409 when the form's store refused the post for a rule of its own; for an admitted author only. */
async function refuseConflict<S extends z.ZodType>(c: Context<AuthorEnv>, form: SubmissionForm<S>, author: Author, parsed: z.output<S>): Promise<void> {
  const conflict = form.conflict ? await form.conflict(c.env.DB, author, parsed) : null;
  if (conflict) fail(409, 'conflict', conflict);
}

/** The form's checks, then its store, in the week of the author's calendar; null when the store did not admit the post. */
async function checkThenStore<S extends z.ZodType>(c: Context<AuthorEnv>, form: SubmissionForm<S>, author: Author, parsed: z.output<S>, now: Date): Promise<Outcome<S> | null> {
  const week = cycleAt(author.cohort, now);
  const checked = form.check ? await form.check(c.env.DB, author, week, parsed) : { input: parsed };
  if ('errors' in checked) {
    // The check read stored data: its answer is for an admitted author only (a revoked link must
    // not learn, say, who is in the pair).
    const participant = await admittedParticipant(c.env.DB, author, form.entry.table);
    c.set('participant', participant);
    speak(c, participant.language);
    fail(400, 'invalid_input', message('form.errors.invalid'), { fields: checked.errors, form: formState(c, form.entry.page) });
  }
  const stored = await form.store(c.env.DB, author, week, checked.input);
  return stored && { stored, input: checked.input };
}

export function submissionRoutes<S extends z.ZodType>(form: SubmissionForm<S>) {
  const fromPage = createMiddleware<AppEnv>(async (c, next) => {
    c.set('formPage', form.entry.page);
    await next();
  });
  return new Hono<AppEnv>().post('/', fromPage, countPosts, readBody, refuseHoneypot, requireAuthor, async (c) => {
    const parsed = await parseFormPost(c, form.entry.schema, form.entry.page);
    const { stored, input } = await checkAndStore(c, form, parsed, new Date());
    if (stored.replayed) c.header('Idempotent-Replayed', 'true');
    else c.set('storedNew', true);
    if (wantsHtml(c)) {
      const needs = form.needs?.(input) ?? [];
      // The thank-you page of the poster's language, as their form was.
      await speakAsPoster(c);
      const thanks = localePath(c.get('t').locale, '/thanks/');
      return c.redirect(`${thanks}?sent=${form.entry.page.replaceAll('/', '')}${needs.length ? `&need=${needs.join(',')}` : ''}`, 303);
    }
    return c.json({ id: stored.id, week: stored.week }, 201);
  });
}
