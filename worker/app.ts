/** The Hono app: security middleware, one sub-app per resource, one error path. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './app-env.ts';
import { errorBody, fail, sayError, type FailureCause } from './errors.ts';
import { FORMS, isFormPath } from './forms/registry.ts';
import { postingParticipant } from './middleware/auth.ts';
import { wantsHtml } from './middleware/body.ts';
import { negotiatedLocale, speak } from './middleware/locale.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { endpoints } from './routes/endpoints.ts';
import { forms, serveForm } from './routes/forms.tsx';
import { me, meActions } from './routes/me.tsx';
import { mentor } from './routes/mentor.tsx';
import { rhythm } from './routes/rhythm.tsx';
import { messagePage } from './views/layout.tsx';

/** The largest body a form post may have. */
export const MAX_BODY_BYTES = 32 * 1024;

export const app = new Hono<AppEnv>();

app.use(negotiatedLocale);
app.use(securityHeaders);

/**
 * The API's addresses take POST only: another method is told so (405, with Allow), before the
 * request's origin or link is looked at, so the answer says what is wrong with it.
 */
const postOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'POST') {
    c.header('Allow', 'POST');
    fail(405, 'method_not_allowed', `This address takes form posts only: send the form with POST (this request used ${c.req.method}).`);
  }
  await next();
});
for (const path of ['/api/me/*', ...Object.values(FORMS).map((form) => form.action)]) app.use(path, postOnly);
app.use(
  '/api/*',
  csrf(),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => fail(413, 'payload_too_large', `The form is too long: keep it under ${MAX_BODY_BYTES / 1024} KB.`),
  }),
);

app.route('/', forms);
app.route('/', me);
app.route('/', mentor);
app.route('/', rhythm);
app.route('/api/me', meActions);
app.route('/', endpoints);

/** Hono's own refusals carry no message of ours: the words a participant reads instead. */
const DEFAULT_MESSAGES: Record<number, string> = {
  403: 'This form was sent from another site, so it was refused. Open the form from your personal link and send it again.',
};

app.notFound((c) => {
  if (wantsHtml(c)) return messagePage(c, 404, 'Page not found', 'There is nothing at this address.');
  return c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.`, fields: {} } }, 404);
});

app.onError(async (err, c) => {
  if (!(err instanceof HTTPException)) {
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    if (wantsHtml(c)) return messagePage(c, 500, 'Something went wrong', 'Your answers were not saved. Please try again in a minute.');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side; nothing was saved. Please try again.', fields: {} } }, 500);
  }
  const cause = err.cause as FailureCause | undefined;
  const form = cause?.form;
  const participant = err.status === 400 && form && wantsHtml(c) ? await postingParticipant(c) : (c.get('participant') ?? null);
  // Answered in the language of whoever the link names, once it is known.
  if (participant) speak(c, participant.language);
  const body = errorBody(err, c.get('t'));
  if (err.status === 429) c.header('Retry-After', '60');
  if (!cause?.code) body.error.message = DEFAULT_MESSAGES[err.status] ?? body.error.message;
  if (cause?.page) return messagePage(c, err.status, sayError(c.get('t'), cause.page), body.error.message);
  if (!wantsHtml(c)) return c.json(body, err.status);

  if (participant && form && isFormPath(form.path)) {
    return serveForm(c, form.path, { participant, token: form.values.token ?? '', values: form.values, errors: body.error.fields }, 400);
  }
  return messagePage(c, err.status, titleFor(err.status), body.error.message);
});

function titleFor(status: number): string {
  if (status === 401) return 'Your link is needed';
  if (status === 403) return 'This form was refused';
  if (status === 413) return 'That was too much text';
  if (status === 405) return 'This address takes forms only';
  if (status === 409) return 'Already sent';
  if (status === 429) return 'Please wait a minute';
  return 'Something needs another look';
}
