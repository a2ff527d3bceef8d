/** The Hono app: security middleware, one sub-app per resource, one error path. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './app-env.ts';
import { errorBody, fail, sayError, type FailureCause } from './errors.ts';
import { message, type MessageKey } from './domain/i18n.ts';
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
    fail(405, 'method_not_allowed', message('errors.postOnly', { method: c.req.method }));
  }
  await next();
});
for (const path of ['/api/me/*', ...Object.values(FORMS).map((form) => form.action)]) app.use(path, postOnly);
app.use(
  '/api/*',
  csrf(),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => fail(413, 'payload_too_large', message('errors.tooLong', { kb: MAX_BODY_BYTES / 1024 })),
  }),
);

app.route('/', forms);
app.route('/', me);
app.route('/', mentor);
app.route('/', rhythm);
app.route('/api/me', meActions);
app.route('/', endpoints);

app.notFound((c) => {
  const t = c.get('t');
  if (wantsHtml(c)) return messagePage(c, 404, t('errors.notFound.title'), t('errors.notFound.page'));
  return c.json({ error: { code: 'not_found', message: t('errors.notFound.route', { method: c.req.method, path: c.req.path }), fields: {} } }, 404);
});

app.onError(async (err, c) => {
  if (!(err instanceof HTTPException)) {
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    const t = c.get('t');
    if (wantsHtml(c)) return messagePage(c, 500, t('errors.internal.title'), t('errors.internal.page'));
    return c.json({ error: { code: 'internal', message: t('errors.internal.message'), fields: {} } }, 500);
  }
  const cause = err.cause as FailureCause | undefined;
  const form = cause?.form;
  // Who the link names, read once it was checked: to show a form again, and to answer in their
  // language. Not for a 429 (held back without reading D1) nor a 401 (the link named no one usable).
  // Reading them must not turn the answer into a 500: without them, the browser's language will do.
  const participant = err.status === 429 || err.status === 401 ? (c.get('participant') ?? null) : await postingParticipant(c).catch(() => null);
  if (participant) speak(c, participant.language);
  const t = c.get('t');
  const body = errorBody(err, t);
  if (err.status === 429) c.header('Retry-After', '60');
  if (cause?.page) return messagePage(c, err.status, sayError(t, cause.page), body.error.message);
  if (!wantsHtml(c)) return c.json(body, err.status);

  if (err.status === 400 && participant && form && isFormPath(form.path)) {
    return serveForm(c, form.path, { participant, token: form.values.token ?? '', values: form.values, errors: body.error.fields }, 400);
  }
  return messagePage(c, err.status, t(titleFor(err.status)), body.error.message);
});

/** The title of an error page that names none. */
function titleFor(status: number): MessageKey {
  if (status === 401) return 'errors.title.link';
  if (status === 403) return 'errors.title.refused';
  if (status === 413) return 'errors.title.tooLong';
  if (status === 405) return 'errors.title.postOnly';
  if (status === 409) return 'errors.title.conflict';
  if (status === 429) return 'errors.title.wait';
  return 'errors.title.other';
}
