import { describe, expect, it } from 'vitest';
import { localeOfParam, localeParam } from '../../../site/lib/i18n.ts';
import { LOCALES } from '../../../worker/domain/locales.ts';

describe('localeOfParam', () => {
  it("reads back every language's [...locale] part, the default's being none", () => {
    for (const locale of LOCALES) expect(localeOfParam(localeParam(locale))).toBe(locale);
    expect(localeParam('en')).toBeUndefined();
  });

  it('refuses a part that names no language the site is made in', () => {
    expect(() => localeOfParam('xx')).toThrow(/no pages are made in "xx"/);
    expect(() => localeOfParam('library')).toThrow();
  });
});
