/**
 * The built site the Worker tests serve as their assets: every form page of the registry from one
 * template (its fields drawn from the form's schema, with the slots the Worker fills in), the
 * thank-you page and the library's guidance. Written before the Worker tests start
 * (vitest.config.ts), so adding a form adds its page here too.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { fieldMeta } from '../../worker/forms/fields.ts';
import { FORM_LIST, type FormEntry } from '../../worker/forms/registry.ts';
import { optionsSlot, SLOT, TEXT } from '../../worker/forms/slots.ts';
import { translator } from '../../worker/domain/i18n.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the fixture site is written (gitignored). */
export const SITE_FIXTURE_DIR = join(HERE, '..', '..', '.tmp', 'worker-site');

function field(name: string, schema: z.ZodType): string {
  const meta = fieldMeta(schema);
  const error = `<p data-error-for="${name}" hidden></p>`;
  if (meta.control === 'textarea') return `${error}<textarea id="${name}" name="${name}">${meta.initial ?? ''}</textarea>`;
  if (meta.control === 'input') return `${error}<input type="${meta.inputType ?? 'text'}" id="${name}" name="${name}" value="${meta.initial ?? ''}">`;
  if (meta.control === 'checkbox') return `${error}<input type="checkbox" id="${name}" name="${name}" value="yes">`;
  const options = meta.control === 'scale' ? ['1', '2', '3', '4', '5'].map((value) => ({ value })) : meta.options;
  const choices = options
    ? options.map((o) => `<input type="radio" name="${name}" value="${o.value}"${o.value === meta.initial ? ' checked' : ''}>`).join('')
    : `<div data-slot="${optionsSlot(name)}"></div>`;
  return `<fieldset id="${name}">${error}${choices}</fieldset>`;
}

/** A form page as the build makes it, reduced to what the Worker reads and fills in. */
export function formFixture(form: FormEntry): string {
  const fields = Object.entries((form.schema as z.ZodObject).shape).filter(([name]) => name !== 'idempotency_key');
  return `<!doctype html>
<html lang="en"><head><title>${translator('en')(form.title)}</title></head><body>
<p class="who" data-slot="${SLOT.participant}"></p>
<div data-slot="${SLOT.formErrors}" hidden></div>
<p data-show-with="${TEXT.lastAction}" hidden>Last time: <strong data-text="${TEXT.lastAction}"></strong></p>
<form method="post" action="${form.action}">
<input type="hidden" name="token" value=""><input type="hidden" name="idempotency_key" value="">
${fields.map(([name, schema]) => field(name, schema as z.ZodType)).join('\n')}
</form></body></html>
`;
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Writes the fixture site into `dir`, replacing what was there. */
export function writeSiteFixture(dir = SITE_FIXTURE_DIR): string {
  rmSync(dir, { recursive: true, force: true });
  for (const form of FORM_LIST) write(dir, `${form.page}index.html`, formFixture(form));
  write(dir, 'thanks/index.html', `<!doctype html>
<html lang="en"><head><title>Thank you</title></head><body><h1>Thank you</h1><div data-slot="${SLOT.guidance}"></div></body></html>
`);
  mkdirSync(join(dir, 'library'), { recursive: true });
  copyFileSync(join(HERE, '..', 'worker', 'fixtures', 'guidance.json'), join(dir, 'library', 'guidance.json'));
  return dir;
}
