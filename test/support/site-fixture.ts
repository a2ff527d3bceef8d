/**
 * The built site the Worker tests serve as their assets: every form page of the registry in every
 * language (at /checkin/, /es/checkin/, …), from one template: its fields drawn from the form's
 * schema, in the words of its catalogue, with the slots the Worker fills in; the thank-you page of
 * each language and the library's guidance. Written before the Worker tests start
 * (vitest.config.ts), so adding a form adds its pages here too. `fixtureAssets({ pseudo: true })`
 * serves the same pages in the pseudo-locale, as a build with TANDEM_PSEUDO_LOCALE=on makes them.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { fieldMeta, initialOf } from '../../worker/forms/fields.ts';
import { FORM_LIST, type FormEntry } from '../../worker/forms/registry.ts';
import { HONEYPOT, optionsSlot, SLOT, TEXT } from '../../worker/forms/slots.ts';
import { translator, type Translator } from '../../worker/domain/i18n.ts';
import { LOCALES, localeOfPath, localePath } from '../../worker/domain/locales.ts';
import guidance from '../worker/fixtures/guidance.json' with { type: 'json' };

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the fixture site is written (gitignored). */
export const SITE_FIXTURE_DIR = join(HERE, '..', '..', '.tmp', 'worker-site');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function field(name: string, schema: z.ZodType, t: Translator): string {
  const meta = fieldMeta(schema);
  const note = meta.required ? '' : ` <span>${escape(t(meta.whenNeeded ?? 'field.optional'))}</span>`;
  const words = `<label for="${name}">${escape(t(meta.label))}${note}</label><p id="${name}-hint">${escape(t(meta.hint))}</p>`;
  const error = `<p data-error-for="${name}" hidden></p>`;
  const initial = escape(initialOf(meta, t) ?? '');
  if (meta.control === 'textarea') return `${words}${error}<textarea id="${name}" name="${name}">${initial}</textarea>`;
  if (meta.control === 'input') return `${words}${error}<input type="${meta.inputType ?? 'text'}" id="${name}" name="${name}" value="${initial}">`;
  if (meta.control === 'checkbox') return `${words}${error}<input type="checkbox" id="${name}" name="${name}" value="yes">`;
  const options = meta.control === 'scale' ? ['1', '2', '3', '4', '5'].map((value) => ({ value, label: t.number(Number(value)) })) : meta.options?.map((o) => ({ value: o.value, label: t.say(o.label) }));
  const choices = options
    ? options.map((o) => `<label><input type="radio" name="${name}" value="${o.value}"${o.value === meta.initial ? ' checked' : ''}> ${escape(o.label)}</label>`).join('')
    : `<div data-slot="${optionsSlot(name)}"></div>`;
  return `<fieldset id="${name}">${words}${error}${choices}</fieldset>`;
}

/** The start of a page as Base.astro writes it: the language, its direction and the title. */
function head(t: Translator, title: string): string {
  return `<!doctype html>
<html lang="${t.locale}" dir="${t.dir}"><head><title>${escape(t('page.title', { title }))}</title></head><body>`;
}

/** A form page as the build makes it in the language of `t`, reduced to what the Worker reads and fills in. */
export function formFixture(form: FormEntry, t: Translator = translator('en')): string {
  const fields = Object.entries((form.schema as z.ZodObject).shape).filter(([name]) => name !== 'idempotency_key');
  return `${head(t, t(form.title))}
<h1>${escape(t(form.title))}</h1><p>${escape(t(form.lede))}</p>
<p class="who" data-slot="${SLOT.participant}"></p>
<div data-slot="${SLOT.formErrors}" hidden></div>
<p data-show-with="${TEXT.lastAction}" hidden>${escape(t('form.checkin.recall'))} <strong data-text="${TEXT.lastAction}"></strong></p>
<form method="post" action="${form.action}">
<input type="hidden" name="token" value=""><input type="hidden" name="idempotency_key" value="">
<div aria-hidden="true"><label for="${HONEYPOT}">${escape(t('form.honeypot'))}</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}"></div>
${fields.map(([name, schema]) => field(name, schema as z.ZodType, t)).join('\n')}
</form></body></html>
`;
}

function thanksFixture(t: Translator): string {
  return `${head(t, t('thanks.title'))}<h1>${escape(t('thanks.heading'))}</h1><div data-slot="${SLOT.guidance}"></div></body></html>
`;
}

/** Every page of the fixture site, by path, in the translators' languages. */
function fixturePages(pseudo: boolean): Map<string, string> {
  const pages = new Map<string, string>();
  for (const locale of LOCALES) {
    const t = translator(locale, { pseudo });
    for (const form of FORM_LIST) pages.set(`${localePath(locale, form.page)}index.html`, formFixture(form, t));
    pages.set(`${localePath(locale, '/thanks/')}index.html`, thanksFixture(t));
  }
  return pages;
}

/**
 * The fixture site as an ASSETS binding, for a test that needs other pages than the ones written
 * (the pseudo-locale's): `{ ...env, ASSETS: fixtureAssets({ pseudo: true }) }`. The library's
 * guidance is there in English only, as when no entry has a translation.
 */
export function fixtureAssets({ pseudo = false } = {}): Fetcher {
  const pages = fixturePages(pseudo);
  const fetch = async (input: RequestInfo | URL) => {
    const { pathname } = new URL(input instanceof Request ? input.url : input);
    if (pathname === '/library/guidance.json') return Response.json(guidance);
    const page = pages.get(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    return page ? new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': localeOfPath(pathname) } }) : new Response('Not found', { status: 404 });
  };
  return { fetch, connect: () => { throw new Error('not a socket'); } } as unknown as Fetcher;
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Writes the fixture site into `dir`, replacing what was there. */
export function writeSiteFixture(dir = SITE_FIXTURE_DIR): string {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, page] of fixturePages(false)) write(dir, path, page);
  mkdirSync(join(dir, 'library'), { recursive: true });
  copyFileSync(join(HERE, '..', 'worker', 'fixtures', 'guidance.json'), join(dir, 'library', 'guidance.json'));
  return dir;
}
