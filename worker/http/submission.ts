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
import { participantForToken, type Participant } from '../db/participants.ts';
import type { AppEnv, Body } from './app-env.ts';
import { fail, type FormState } from './errors.ts';
import { messagePage } from './pages.ts';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether to answer with HTML (a browser's form post) rather than JSON. */
export function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('application/json')) return false;
  return FORM_TYPES.has(mediaType(c)) || accept.includes('text/html');
}

/** Parses a form or JSON body into a plain object; anything else is refused. */
export const readBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = mediaType(c);
  if (FORM_TYPES.has(type)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      fail(400, 'invalid_input', 'The form data could not be read. Please send the form again.');
    }
    const body: Body = {};
    for (const [name, value] of form) {
      if (typeof value !== 'string') fail(400, 'invalid_input', `The field “${name}” must be text, not a file.`, { fields: { [name]: 'Files are not accepted.' } });
      if (Object.hasOwn(body, name)) fail(400, 'invalid_input', `The field “${name}” was sent twice.`, { fields: { [name]: 'Send this field once.' } });
      body[name] = value;
    }
    c.set('body', body);
  } else if (type === 'application/json' || type.endsWith('+json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      fail(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(400, 'invalid_json', 'The request body must be a JSON object.');
    c.set('body', body as Body);
  } else {
    fail(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.');
  }
  await next();
});

function tokenFrom(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const field = c.get('body').token;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** Names the participant from the `token` field or `Authorization: Bearer`; 401 otherwise. */
export const requireParticipant = createMiddleware<AppEnv>(async (c, next) => {
  const token = tokenFrom(c);
  if (!token) fail(401, 'unauthorized', 'This form needs your personal link. Open the link your mentor sent you and send the form from there.');
  const participant = await participantForToken(c.env.DB, c.env.LINK_SECRET, token);
  if (!participant) fail(401, 'unauthorized', 'This link is not valid (it may have been replaced). Ask your mentor for your current personal link.');
  const { success } = await c.env.POST_LIMITER.limit({ key: `participant:${participant.id}` });
  if (!success) fail(429, 'rate_limited', 'That was a lot of sending in a short time: wait a minute, then send the form again.');
  c.set('participant', participant);
  await next();
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
  const { token: _token, [HONEYPOT]: _trap, ...fields } = c.get('body');
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
  const participant = await participantForToken(c.env.DB, c.env.LINK_SECRET, token);
  if (!participant) {
    return messagePage(c, 401, 'This link does not work any more', 'Your link may have been replaced by a newer one, or copied only in part. Ask your mentor for your current personal link.');
  }
  return { participant, token };
}
