/**
 * The form pages and thank-you pages the real Astro build writes, once per language (issue 15):
 * built in the pseudo-locale (TANDEM_PSEUDO_LOCALE=on), each shows no word that did not come from
 * a catalogue (test/support/pseudo.ts), and says its language and direction in `<html lang dir>`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, localePath, textDirection } from '../../worker/domain/locales.ts';
import { FORM_LIST } from '../../worker/forms/registry.ts';
import { untranslated } from '../support/pseudo.ts';
import { Program } from '../support/program.ts';

const program = new Program();
const PAGES = [...FORM_LIST.map((form) => form.page), '/thanks/'];

beforeAll(() => {
  program.setup();
  // The program's commands take this process's environment (each test file runs in its own).
  process.env.TANDEM_PSEUDO_LOCALE = 'on';
  program.build();
});

describe.each(LOCALES)('the pages built in %s', (locale) => {
  it.each(PAGES)(`%s is all catalogue text, in ${locale}, ${textDirection(locale)}`, (page) => {
    const html = program.page(localePath(locale, page));
    expect(html).toMatch(new RegExp(`<html lang="${locale}" dir="${textDirection(locale)}"`, 'i'));
    expect(html).toContain('⟦');
    expect(untranslated(html)).toEqual([]);
  });
});
