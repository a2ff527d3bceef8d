/**
 * HTML the Worker produces: the static form pages personalised with HTMLRewriter (token, a fresh
 * idempotency key, values and errors after a failed post), and a plain message page for errors.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Participant } from '../db/participants.ts';
import type { AppEnv } from './app-env.ts';
import { cycleAt } from '../domain/weeks.ts';
import { formContext } from './form-context.ts';
import { withTurnstile } from './turnstile.ts';
import type { FormPath } from '../forms/registry.ts';
import { OPTIONS_SLOT_PREFIX, SLOT, slotSelector } from '../forms/slots.ts';

/** The shell of the pages the Worker renders itself, with the site's stylesheet. */
export function workerPage(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title} · Tandem</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/tandem.css" />
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="site-header"><nav aria-label="Site"><a class="brand" href="/">Tandem</a><a href="/library/">Library</a><a href="/search/">Search</a></nav></header>
    <main id="main" class="page narrow">${body}</main>
  </body>
</html>`;
}

/** A small page for errors that have no form to go back to. */
export function messagePage(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503, title: string, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(workerPage(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/">Go to the Tandem home page</a></p>`), status);
}

export interface FormFill {
  participant: Participant;
  token: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

/**
 * Serves a built form page filled in for one participant. Values and errors, when given, come
 * from a failed post, so the participant sees what they typed with each problem beside its field.
 */
export async function personalisedForm(c: Context<AppEnv>, path: FormPath, fill: FormFill, status: 200 | 400 = 200): Promise<Response> {
  const asset = await c.env.ASSETS.fetch(new URL(path, c.req.url));
  if (!asset.ok) {
    return messagePage(c, 503, 'The forms are not built yet', 'The site has not been built. Run “npm run build” (or “npm start”) and open the link again.');
  }
  const values: Record<string, string> = { ...fill.values, token: fill.token, idempotency_key: fill.values?.idempotency_key || crypto.randomUUID() };
  const errors = fill.errors ?? {};
  const { participant } = fill;
  const week = cycleAt(participant.cohort, new Date());
  const context = await formContext(c.env.DB, path, participant, week);

  const rewriter = new HTMLRewriter()
    // What a screen reader says first on the page shown again: "Error:" (the GOV.UK pattern).
    .on('title', {
      element(el) {
        if (Object.keys(errors).length > 0) el.prepend('Error: ');
      },
    })
    .on(slotSelector(SLOT.participant), {
      element(el) {
        el.setInnerContent(`${participant.displayName} · ${participant.cohort.name} · week ${week}`);
      },
    })
    .on('input[name], textarea[name]', {
      element(el) {
        const name = el.getAttribute('name')!;
        const value = values[name];
        const type = el.getAttribute('type');
        if (type === 'radio' || type === 'checkbox') {
          if (fill.values && Object.hasOwn(fill.values, name)) {
            if (value === el.getAttribute('value') || (type === 'checkbox' && value !== undefined && value !== '')) el.setAttribute('checked', '');
            else el.removeAttribute('checked');
          }
        } else if (value !== undefined) {
          if (el.tagName === 'textarea') el.setInnerContent(value);
          else el.setAttribute('value', value);
        }
        if (errors[name]) {
          el.setAttribute('aria-invalid', 'true');
          const described = el.getAttribute('aria-describedby') ?? '';
          el.setAttribute('aria-describedby', `${described} ${name}-error`.trim());
        }
      },
    })
    .on(`[data-slot^="${OPTIONS_SLOT_PREFIX}"]`, {
      element(el) {
        const name = el.getAttribute('data-slot')!.slice(OPTIONS_SLOT_PREFIX.length);
        const options = context.options[name] ?? [];
        const chosen = values[name] ?? '';
        // Written here, these radios miss the input[name] handler: mark them invalid the same way.
        const invalid = errors[name] ? ` aria-invalid="true" aria-describedby="${escapeAttr(name)}-error"` : '';
        el.setInnerContent(
          options.length === 0
            ? `<p class="hint">${escapeText(context.noOptions[name] ?? 'Nothing to choose from yet.')}</p>`
            : options
                .map((o) => `<label><input type="radio" name="${escapeAttr(name)}" value="${escapeAttr(o.value)}"${o.value === chosen ? ' checked' : ''}${invalid}><span>${escapeText(o.label)}</span></label>`)
                .join(''),
          { html: true },
        );
      },
    })
    .on('[data-text]', {
      element(el) {
        const text = context.texts[el.getAttribute('data-text')!];
        if (text) el.setInnerContent(text);
      },
    })
    .on('[data-show-with]', {
      element(el) {
        if (context.texts[el.getAttribute('data-show-with')!]) el.removeAttribute('hidden');
      },
    })
    .on('[data-error-for]', {
      element(el) {
        const message = errors[el.getAttribute('data-error-for')!];
        if (message) {
          el.setInnerContent(message);
          el.removeAttribute('hidden');
        }
      },
    })
    .on(slotSelector(SLOT.formErrors), {
      element(el) {
        const names = Object.keys(errors);
        if (names.length === 0) return;
        const items = names.map((name) => `<li><a href="#${escapeAttr(name)}">${escapeText(errors[name]!)}</a></li>`).join('');
        el.setInnerContent(`<h2>Please check ${names.length === 1 ? 'one answer' : `${names.length} answers`}</h2><ul>${items}</ul>`, { html: true });
        el.removeAttribute('hidden');
        // Focus starts on the list of problems, with JavaScript off too: it is read out first and
        // the next Tab reaches its links to the fields.
        el.setAttribute('autofocus', '');
      },
    });

  const response = rewriter.transform(new Response(asset.body, { status, headers: asset.headers }));
  const headers = new Headers(response.headers);
  // Not no-store: the back button must show this very page again (same idempotency key), so
  // sending it twice stores one record. private + no-cache keeps it out of shared caches.
  headers.set('Cache-Control', 'private, no-cache');
  headers.delete('ETag');
  return withTurnstile(c, new Response(response.body, { status, headers }));
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
