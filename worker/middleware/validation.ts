/** Validation of a form post: the honeypot, then the form's zod schema; a failure is a 400 naming each field. */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { BodyEnv, Body } from '../app-env.ts';
import { message } from '../domain/i18n.ts';
import { fail, type FormState } from '../errors.ts';
import { fieldErrors } from '../forms/fields.ts';
import { HONEYPOT } from '../forms/slots.ts';
import { TURNSTILE_FIELD } from './turnstile.ts';

/**
 * A filled-in honeypot is a bot's post: a 400, and nothing is stored. Any value counts, of any type
 * (a JSON client may send `"website": 123`); only absent, null and '' are empty.
 */
export const refuseHoneypot = createMiddleware<BodyEnv>(async (c, next) => {
  const trap = c.get('body')[HONEYPOT];
  if (trap !== undefined && trap !== null && trap !== '') fail(400, 'invalid_input', message('form.honeypot.refused'), { fields: { [HONEYPOT]: message('field.error.honeypot') } });
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
export function formState<E extends BodyEnv>(c: Context<E>, formPath: string): FormState {
  return { path: formPath, values: typedValues(c.get('body')) };
}

/** The posted fields a form's schema reads: not the link, the honeypot or the Turnstile answer. */
export function answers<E extends BodyEnv>(c: Context<E>): Body {
  const { token: _token, [HONEYPOT]: _trap, [TURNSTILE_FIELD]: _check, ...fields } = c.get('body');
  return fields;
}

/** A 400 naming each bad field in the language the request speaks now. */
export function refuseAnswers<E extends BodyEnv>(c: Context<E>, error: z.ZodError, formPath: string): never {
  fail(400, 'invalid_input', message('form.errors.invalid'), { fields: fieldErrors(error, c.get('t')), form: formState(c, formPath) });
}

/**
 * Validates the body with a form's schema; a failure is a 400 naming each bad field. For the small
 * forms of a participant's page, whose language requireParticipant has set.
 */
export function parseSubmission<S extends z.ZodType, E extends BodyEnv>(c: Context<E>, schema: S, formPath: string): z.output<S> {
  const result = schema.safeParse(answers(c));
  if (result.success) return result.data;
  refuseAnswers(c, result.error, formPath);
}
