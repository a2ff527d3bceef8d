/**
 * The languages Tandem speaks, declared once: the CLI's --language, the roster's `language` column,
 * the participant's choice on their page, the catalogues (worker/messages/<tag>/) and the site's
 * language prefixes all derive from this list. D1 keeps the tags unchecked so the list can grow
 * (migration 0011 says why): every writer checks them, and `localeOr` reads them.
 */

/** The languages, as BCP 47 tags; the first is the default. */
export const LOCALES = ['en', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language of a cohort nobody chose one for, and of pages that belong to no one. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Languages written right to left. */
const RIGHT_TO_LEFT: readonly Locale[] = ['ar'];

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** A stored language tag as a language we speak: a tag no longer in LOCALES reads as `fallback`. */
export function localeOr<F extends Locale | null>(tag: string | null, fallback: F): Locale | F {
  return isLocale(tag) ? tag : fallback;
}

/** The value of `<html dir>` for a language. */
export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.includes(locale) ? 'rtl' : 'ltr';
}

/**
 * Where a site-wide page is built for a language: the default language at the root (`/library/`),
 * the others under their tag (`/es/library/`). Cohort pages are not prefixed: they are built in
 * their cohort's language only.
 */
export function localePath(locale: Locale, path: string): string {
  return locale === DEFAULT_LOCALE ? path : `/${locale}${path}`;
}

/** The language a path was built for, from its prefix: `/es/library/` → es. */
export function localeOfPath(path: string): Locale {
  const first = path.split('/')[1];
  return isLocale(first) && first !== DEFAULT_LOCALE ? first : DEFAULT_LOCALE;
}

/**
 * The best of our languages for an Accept-Language header (`es-MX,es;q=0.9,en;q=0.5` → es), for
 * pages shown before we know whose they are; the default when none matches.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((w) => w.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return wanted.map((w) => w.language).find(isLocale) ?? DEFAULT_LOCALE;
}
