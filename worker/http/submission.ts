/**
 * The middleware chain every form endpoint shares: read the body (form or JSON), name the
 * participant from their signed link, validate the fields with the form's zod schema.
 *
 * Not @hono/zod-validator: one route takes a form post *or* JSON (the validator binds one target),
 * the token must be checked before the fields (a bad token is a 401, not a 400), and a failed
 * browser post must carry what was typed back to the form page.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import { fieldErrors } from '../forms/fields.ts';
import { cohortLinksExpired, LINK_GRACE_DAYS, readToken, verifyClaim, type TokenClaim } from '../auth.ts';
import { admit, calendarOf, postLimit, POSTS_PER_MINUTE, type Admission, type Author, type PostTable } from '../db/admission.ts';
import { checkLink, type Participant } from '../db/participants.ts';
import type { AppEnv, Body } from './app-env.ts';
import { fail, type FormState } from './errors.ts';
import { messagePage } from './pages.ts';
import { isHeldBack } from './rate-limit.ts';
import { checkTurnstile, TURNSTILE_FIELD } from './turnstile.ts';
import { decodeUtf8, isStorableText, isUtf8, parseMediaType, parseUrlEncoded } from './body.ts';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const FORM_OR_JSON = 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json, in UTF-8.';

function mediaType(c: Context): string {
  return parseMediaType(c.req.header('content-type')).type;
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Whether to answer with HTML (a browser's form post) rather than JSON. */
export function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('application/json')) return false;
  return FORM_TYPES.has(mediaType(c)) || accept.includes('text/html');
}

/**
 * Parses a form or JSON body, sent as UTF-8, into a plain object. Another content type or charset
 * is a 415; a body that is not what its type says (bytes that are not UTF-8, a broken %-escape,
 * bad JSON, a field sent twice, a file, a control character) is a 400, and nothing is stored.
 */
export const readBody = createMiddleware<AppEnv>(async (c, next) => {
  const media = parseMediaType(c.req.header('content-type'));
  if (media.type === '') fail(415, 'unsupported_media_type', `The request has no Content-Type. ${FORM_OR_JSON}`);
  if (!FORM_TYPES.has(media.type) && !isJson(media.type)) fail(415, 'unsupported_media_type', FORM_OR_JSON);
  if (!isUtf8(media.charset)) fail(415, 'unsupported_media_type', `The form was sent as ${media.charset}; send it as UTF-8 (charset=utf-8).`);
  const bytes = await c.req.arrayBuffer();
  const text = decodeUtf8(bytes);
  if (text === null) fail(400, 'invalid_encoding', 'The form is not valid UTF-8 text, so nothing was saved. Please send it again from the form page.');

  let entries: [string, unknown][];
  if (isJson(media.type)) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      fail(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(400, 'invalid_json', 'The request body must be a JSON object.');
    entries = Object.entries(body);
  } else if (media.type === 'application/x-www-form-urlencoded') {
    entries = parseUrlEncoded(text) ?? fail(400, 'invalid_encoding', 'The form has a broken %-escape, so nothing was saved. Please send it again from the form page.');
  } else {
    entries = await readMultipart(bytes, c.req.header('content-type')!);
  }
  c.set('body', toBody(entries));
  await next();
});

async function readMultipart(bytes: ArrayBuffer, contentType: string): Promise<[string, unknown][]> {
  try {
    return [...(await new Response(bytes, { headers: { 'content-type': contentType } }).formData())];
  } catch {
    fail(400, 'invalid_input', 'The form data could not be read. Please send the form again.');
  }
}

function toBody(entries: [string, unknown][]): Body {
  // No prototype, so a field named __proto__ is a field like any other.
  const body: Body = Object.create(null);
  for (const [name, value] of entries) {
    if (value instanceof File) fail(400, 'invalid_input', `The field “${name}” must be text, not a file.`, { fields: { [name]: 'Files are not accepted.' } });
    if (Object.hasOwn(body, name)) fail(400, 'invalid_input', `The field “${name}” was sent twice.`, { fields: { [name]: 'Send this field once.' } });
    if (typeof value === 'string' && !isStorableText(value)) {
      fail(400, 'invalid_input', `The field “${name}” has a control character or a broken character in it.`, { fields: { [name]: 'Remove the invisible control character (or broken character) from this answer.' } });
    }
    body[name] = value;
  }
  return body;
}

function tokenFrom(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const field = c.get('body').token;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** Why a link that does not work was refused, in words a participant can act on. */
function endedMessage(endsOn: string): string {
  return `This link stopped working: your cohort ended on ${endsOn}, and links work for ${LINK_GRACE_DAYS} days after the end. If you still need to send something, ask your mentor.`;
}

const TOO_MANY = 'That was a lot of sending in a short time: wait a minute, then send the form again.';
const INVALID_LINK = 'This link is not valid (it may have been replaced). Ask your mentor for your current personal link.';

/** The author a token's claim names, checked without reading D1 (the token spells out the cohort). */
async function authorOf(c: Context<AppEnv>, claim: TokenClaim, now: Date): Promise<Author> {
  const { participantId, cohortId, linkVersion } = claim;
  let cohort = (await verifyClaim(c.env.LINK_SECRET, claim, { participantId, cohortId, linkVersion })) ? await calendarOf(c.env.DB, cohortId) : null;
  if (!cohort) fail(401, 'unauthorized', INVALID_LINK);
  // Refused only on the calendar as it is now: the mentor may have moved the end since it was cached.
  if (cohortLinksExpired(cohort, now)) cohort = (await calendarOf(c.env.DB, cohortId, { fresh: true })) ?? cohort;
  if (cohortLinksExpired(cohort, now)) fail(401, 'link_expired', endedMessage(cohort.endsOn!));
  const setting = Number(c.env.POSTS_PER_MINUTE);
  const max = Number.isInteger(setting) && setting > 0 ? setting : POSTS_PER_MINUTE;
  return { id: participantId, cohortId, linkVersion, cohort, limit: postLimit(now, max) };
}

/** Answers a post that was not admitted: a link that no longer works (401) or too many posts (429). */
export function refuse(admission: Exclude<Admission, { participant: Participant }>): never {
  if (admission.refused === 'ended') fail(401, 'link_expired', endedMessage(admission.endsOn));
  if (admission.refused === 'limited') fail(429, 'rate_limited', TOO_MANY);
  fail(401, 'unauthorized', INVALID_LINK);
}

/**
 * Names the author of a post from the `token` field or `Authorization: Bearer` (401 otherwise),
 * holds back a token that sent too many requests (429, worker/http/rate-limit.ts) and, when
 * Turnstile is on, wants its check passed (a 400 that shows the form again; 503 when Cloudflare
 * cannot be asked). Whether the link is still current and its holder
 * under the limit of stored posts is decided where the post is stored (worker/db/admission.ts).
 */
export const requireAuthor = createMiddleware<AppEnv>(async (c, next) => {
  const token = tokenFrom(c);
  if (!token) fail(401, 'unauthorized', 'This form needs your personal link. Open the link your mentor sent you and send the form from there.');
  const claim = readToken(token) ?? fail(401, 'unauthorized', INVALID_LINK);
  c.set('token', token);
  if (isHeldBack(token)) fail(429, 'rate_limited', TOO_MANY);
  c.set('author', await authorOf(c, claim, new Date()));
  const page = c.get('formPage');
  await checkTurnstile(c, page ? formState(c, page) : undefined);
  await next();
});

/**
 * The participant a post's author is, read from D1 and admitted to post to `table` now: for posts
 * that need more than the author (their pair) or are not one guarded upsert.
 */
export async function admittedParticipant(db: D1Database, author: Author, table: PostTable): Promise<Participant> {
  const admission = await admit(db, author, new Date(), table);
  return 'refused' in admission ? refuse(admission) : admission.participant;
}

/** Who sent a post, read in full (to show them their form again), once their link was checked; null before. */
export async function postingParticipant(c: Context<AppEnv>): Promise<Participant | null> {
  const known = c.get('participant');
  if (known) return known;
  const author = c.get('author');
  if (!author) return null;
  const admission = await admit(c.env.DB, author, new Date());
  return 'participant' in admission ? admission.participant : null;
}

/**
 * requireAuthor, then the participant read and admitted (401, 429), for the small forms of a
 * participant's page. Their limit of stored posts counts milestones, the one kind among them that
 * adds rows freely (a confirmation is one per contract and person); the rest only change rows.
 */
export const requireParticipant = createMiddleware<AppEnv>(async (c, next) => {
  await requireAuthor(c, async () => {
    c.set('participant', await admittedParticipant(c.env.DB, c.get('author'), 'milestones'));
    await next();
  });
});

/**
 * The honeypot: every form has a field people never see or fill in (`website`). Something that
 * fills it in is a bot; it gets a 400 and nothing is stored.
 */
export const HONEYPOT = 'website';

export const refuseHoneypot = createMiddleware<AppEnv>(async (c, next) => {
  const trap = c.get('body')[HONEYPOT];
  if (typeof trap === 'string' && trap !== '') fail(400, 'invalid_input', 'A field that must stay empty was filled in, so nothing was saved.', { fields: { [HONEYPOT]: 'Leave this empty.' } });
  await next();
});

/** The posted fields as strings, to refill the form when it has to be shown again. */
function typedValues(body: Body): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === TURNSTILE_FIELD) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
  }
  return values;
}

/** What the form page needs to show a failed post again, as typed. */
export function formState(c: Context<AppEnv>, formPath: string): FormState {
  return { path: formPath, values: typedValues(c.get('body')) };
}

/** Validates the body with a form's schema; a failure is a 400 naming each bad field. */
export function parseSubmission<S extends z.ZodType>(c: Context<AppEnv>, schema: S, formPath: string): z.output<S> {
  const { token: _token, [HONEYPOT]: _trap, [TURNSTILE_FIELD]: _check, ...fields } = c.get('body');
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  fail(400, 'invalid_input', 'Some answers need another look.', { fields: fieldErrors(result.error), form: formState(c, formPath) });
}

/**
 * The participant a page's link names (`?t=TOKEN`), or the page that says what to do when the
 * link is missing or no longer valid.
 */
export async function participantFromLink(c: Context<AppEnv>): Promise<{ participant: Participant; token: string } | Response> {
  const token = c.req.query('t') ?? '';
  if (!token) {
    return messagePage(c, 401, 'This page needs your personal link', 'Open the link your mentor sent you (it ends in “?t=” followed by a long code). If you cannot find it, ask your mentor to send it again.');
  }
  const link = await checkLink(c.env.DB, c.env.LINK_SECRET, token, new Date());
  if ('refused' in link) {
    if (link.refused === 'ended') return messagePage(c, 401, 'Your cohort has ended', endedMessage(link.endsOn));
    return messagePage(c, 401, 'This link does not work any more', 'Your link may have been replaced by a newer one, or copied only in part. Ask your mentor for your current personal link.');
  }
  return { participant: link.participant, token };
}
