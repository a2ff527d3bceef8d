/**
 * Optional Cloudflare Turnstile. With TURNSTILE_SECRET set, every form post must carry a
 * `cf-turnstile-response` that Cloudflare's siteverify accepts; with TURNSTILE_SITE_KEY set, the
 * pages the Worker serves put the widget in each of their forms. Neither set: nothing changes.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, BodyEnv } from '../app-env.ts';
import { message, type MessageKey } from '../domain/i18n.ts';
import { fail, type FormState } from '../errors.ts';
import { TURNSTILE_CONTENT_SECURITY_POLICY, TURNSTILE_ORIGIN } from './security-headers.ts';

/** The field the widget adds to its form. */
export const TURNSTILE_FIELD = 'cf-turnstile-response';
export const SITEVERIFY_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
/** Cloudflare documents 2048 characters as the longest token. */
const MAX_TOKEN_LENGTH = 2048;

export type TurnstileOutcome = { passed: true } | { passed: false; unavailable: boolean; codes: string[] };

/** Asks Cloudflare whether a widget's token is genuine, unused and recent. */
export async function verifyTurnstile(secret: string, token: string, remoteIp?: string): Promise<TurnstileOutcome> {
  const form = new FormData();
  form.append('secret', secret);
  form.append('response', token);
  if (remoteIp) form.append('remoteip', remoteIp);
  let answer: { success?: unknown; 'error-codes'?: unknown };
  try {
    const response = await fetch(SITEVERIFY_URL, { method: 'POST', body: form });
    if (!response.ok) return { passed: false, unavailable: true, codes: [`http-${response.status}`] };
    answer = await response.json();
  } catch {
    return { passed: false, unavailable: true, codes: ['unreachable'] };
  }
  if (answer.success === true) return { passed: true };
  const codes = Array.isArray(answer['error-codes']) ? answer['error-codes'].map(String) : [];
  return { passed: false, unavailable: codes.includes('internal-error'), codes };
}

/**
 * Refuses (throws a 400) a post without a token Cloudflare accepts, when Turnstile is on. A 400,
 * like any bad answer, so a browser gets its form back as typed, with a fresh widget.
 */
export async function checkTurnstile<E extends BodyEnv>(c: Context<E>, form?: FormState): Promise<void> {
  const secret = c.env.TURNSTILE_SECRET;
  if (!secret) return;
  const token = c.get('body')[TURNSTILE_FIELD];
  const fields = (key: MessageKey) => ({ fields: { [TURNSTILE_FIELD]: message(key) }, form });
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
    fail(400, 'challenge_failed', message('errors.turnstile.missing'), fields('errors.turnstile.missing.field'));
  }
  const outcome = await verifyTurnstile(secret, token, c.req.header('cf-connecting-ip'));
  if (outcome.passed) return;
  if (outcome.unavailable) {
    console.error(`turnstile: siteverify unavailable (${outcome.codes.join(', ')})`);
    fail(503, 'unavailable', message('errors.turnstile.unavailable'));
  }
  fail(400, 'challenge_failed', message('errors.turnstile.failed'), fields('errors.turnstile.failed.field'));
}

/** Puts the widget in the forms of the HTML pages a route answers with (the participant's page). */
export const turnstilePage = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.headers.get('content-type')?.startsWith('text/html')) c.res = withTurnstile(c, c.res);
});

/**
 * The page with a Turnstile widget before the first submit button (or at the end) of each form
 * that posts, its script, and the policy that lets them load; as it was when no site key is set.
 */
export function withTurnstile<E extends AppEnv>(c: Context<E>, page: Response): Response {
  const siteKey = c.env.TURNSTILE_SITE_KEY;
  if (!siteKey) return page;
  // Handlers run in document order, so a flag set at <form> marks the next button as its first.
  let awaitingButton = false;
  let widgets = 0;
  // The first widget carries the field's name as its id, so an error about it can link to it.
  const widget = () =>
    `<div class="cf-turnstile"${widgets++ === 0 ? ` id="${TURNSTILE_FIELD}"` : ''} data-sitekey="${siteKey.replace(/[^\w-]/g, '')}" data-appearance="interaction-only"></div>`;
  const transformed = new HTMLRewriter()
    .on('head', {
      element(el) {
        el.append(`<script src="${TURNSTILE_ORIGIN}/turnstile/v0/api.js" async defer></script>`, { html: true });
      },
    })
    .on('form[method="post"]', {
      element(el) {
        awaitingButton = true;
        el.onEndTag((end) => {
          if (awaitingButton) end.before(widget(), { html: true });
          awaitingButton = false;
        });
      },
    })
    .on('form[method="post"] button[type="submit"]', {
      element(el) {
        if (!awaitingButton) return;
        awaitingButton = false;
        el.before(widget(), { html: true });
      },
    })
    .transform(page);
  const headers = new Headers(transformed.headers);
  headers.set('Content-Security-Policy', TURNSTILE_CONTENT_SECURITY_POLICY);
  return new Response(transformed.body, { status: transformed.status, headers });
}
