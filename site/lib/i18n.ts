/**
 * The site's languages. Its translator: the same catalogues as the Worker's pages
 * (worker/domain/i18n.ts); a build with TANDEM_PSEUDO_LOCALE=on writes every message in the
 * pseudo-locale (⟦ ⟧), for the test that finds text not taken from a catalogue. And where the
 * site-wide pages (home, forms, thanks, library, search, cohorts overview, 404) are built: once per
 * language, the default at the root and the others under their tag (`localePath`), from pages under
 * site/pages/[...locale]/.
 */
import { translator, type Translator } from '../../worker/domain/i18n.ts';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../worker/domain/locales.ts';

const translators = new Map<Locale, Translator>();

/** The translator for pages in `locale`. */
export function translatorFor(locale: Locale): Translator {
  let t = translators.get(locale);
  if (!t) {
    t = translator(locale, { pseudo: process.env.TANDEM_PSEUDO_LOCALE === 'on' });
    translators.set(locale, t);
  }
  return t;
}

/** The `[...locale]` part of a page's address: none for the default language, built at the root. */
export function localeParam(locale: Locale): string | undefined {
  return locale === DEFAULT_LOCALE ? undefined : locale;
}

/** The language a `[...locale]` part names (localeParam's inverse), for a page rendered on demand, which has no props. */
export function localeOfParam(param: string | undefined): Locale {
  const locale = param ?? DEFAULT_LOCALE;
  if (!isLocale(locale)) throw new Error(`no pages are made in "${param}"`);
  return locale;
}

/** getStaticPaths of a site-wide page with no other parameter: one page per language. */
export function everyLocale(): { params: { locale: string | undefined }; props: { locale: Locale } }[] {
  return LOCALES.map((locale) => ({ params: { locale: localeParam(locale) }, props: { locale } }));
}

/** getStaticPaths of a site-wide page with parameters of its own: the paths `paths` gives for each language. */
export async function everyLocaleWith<Params extends Record<string, string>, Props extends object>(
  paths: (locale: Locale) => Promise<{ params: Params; props: Props }[]>,
): Promise<{ params: Params & { locale: string | undefined }; props: Props & { locale: Locale } }[]> {
  const perLocale = await Promise.all(
    LOCALES.map(async (locale) => (await paths(locale)).map(({ params, props }) => ({ params: { ...params, locale: localeParam(locale) }, props: { ...props, locale } }))),
  );
  return perLocale.flat();
}
