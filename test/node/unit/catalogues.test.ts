/**
 * The message catalogues: every language has every English message, with the same arguments, each
 * message parses, and a plural has every form its language needs (Arabic has six).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, translator, type MessageKey } from '../../../worker/domain/i18n.ts';
import { ROOT } from '../../support/program.ts';
import { LOCALES, localeOfPath, localeOr, localePath, negotiateLocale, textDirection } from '../../../worker/domain/locales.ts';

/** A message's arguments, and its plurals' forms by argument. */
function shape(elements: MessageFormatElement[], args = new Set<string>(), plurals = new Map<string, Set<string>>()) {
  for (const el of elements) {
    if (el.type !== TYPE.literal && el.type !== TYPE.pound && 'value' in el) args.add(el.value);
    if (el.type === TYPE.plural) plurals.set(el.value, new Set(Object.keys(el.options)));
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) shape(option.value, args, plurals);
    if (el.type === TYPE.tag) shape(el.children, args, plurals);
  }
  return { args, plurals };
}

const KEYS = Object.keys(CATALOGUES.en) as MessageKey[];

describe('the catalogues', () => {
  for (const locale of LOCALES) {
    it(`${locale}: every message, no other, each parses with the English arguments and the plural forms of ${locale}`, () => {
      const catalogue = CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.filter((c) => c !== 'many' || locale !== 'es');
      const problems: string[] = [];
      for (const key of KEYS) {
        const english = shape(parse(CATALOGUES.en[key]));
        let own: ReturnType<typeof shape>;
        try {
          own = shape(parse(catalogue[key]));
        } catch (err) {
          problems.push(`${key}: does not parse (${(err as Error).message})`);
          continue;
        }
        if ([...own.args].sort().join() !== [...english.args].sort().join()) problems.push(`${key}: arguments ${[...own.args].join(', ')} ≠ English ${[...english.args].join(', ')}`);
        for (const [arg, forms] of own.plurals) {
          const missing = needed.filter((form) => !forms.has(form));
          if (missing.length) problems.push(`${key}: plural {${arg}} lacks ${missing.join(', ')}`);
        }
        if (catalogue[key].trim() === '') problems.push(`${key}: empty`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('formats plurals, numbers and dates by the language', () => {
    expect(translator('es').date('2027-03-08', 'weekday')).toBe('lunes, 8 de marzo');
    expect(translator('ar').date('2027-03-08', 'day')).toContain('مارس');
    expect(translator('en').date('2027-03-08', 'weekday')).toBe('Monday 8 March');
    expect(translator('es').list(['Ada', 'Ben'])).toBe('Ada y Ben');
    expect(translator('es').number(1234.5)).toBe('1234,5');
  });
});

describe('the languages', () => {
  it('says which way each is written, and where its site-wide pages are', () => {
    expect(LOCALES.map(textDirection)).toEqual(['ltr', 'ltr', 'rtl']);
    expect(localePath('en', '/library/')).toBe('/library/');
    expect(localePath('ar', '/library/')).toBe('/ar/library/');
    expect(localeOfPath('/es/library/')).toBe('es');
    expect(localeOfPath('/library/')).toBe('en');
    expect(localeOfPath('/escape/')).toBe('en');
  });

  it('each have a catalogue folder, and no folder is a language not declared', () => {
    expect(readdirSync(join(ROOT, 'worker', 'messages')).sort()).toEqual([...LOCALES].sort());
  });

  it('read a stored tag no longer spoken as the default', () => {
    expect(localeOr('es', 'en')).toBe('es');
    expect(localeOr('fr', 'en')).toBe('en');
    expect(localeOr(null, null)).toBeNull();
  });

  it('takes the best language a browser asks for, or English', () => {
    expect(negotiateLocale('es-MX,es;q=0.9,en;q=0.5')).toBe('es');
    expect(negotiateLocale('fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7')).toBe('ar');
    expect(negotiateLocale('de, en;q=0')).toBe('en');
    expect(negotiateLocale('en;q=0.5, es;q=0.6')).toBe('es');
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
  });
});
