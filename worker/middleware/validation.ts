/** Validation of a form post: the honeypot, then the form's zod schema; a failure is a 400 naming each field. */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { BodyEnv, Body } from '../app-env.ts';
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
  if (trap !== undefined && trap !== null && trap !== '') fail(400, 'invalid_input', 'A field that must stay empty was filled in, so nothing was saved.', { fields: { [HONEYPOT]: 'Leave this empty.' } });
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

/** Validates the body with a form's schema; a failure is a 400 naming each bad field. */
export function parseSubmission<S extends z.ZodType, E extends BodyEnv>(c: Context<E>, schema: S, formPath: string): z.output<S> {
  const { token: _token, [HONEYPOT]: _trap, [TURNSTILE_FIELD]: _check, ...fields } = c.get('body');
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  fail(400, 'invalid_input', 'Some answers need another look.', { fields: fieldErrors(result.error), form: formState(c, formPath) });
}
