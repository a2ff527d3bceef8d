/**
 * Where the site-wide pages (home, library, search, 404) are built: once per language, the default
 * at the root and the others under their tag (worker/domain/locales.ts, `localePath`), from pages
 * under site/pages/[...locale]/. And the addresses under /library/ that the library's own pages
 * take: an entry named like one of them (content/library/stories.mdx) would be hidden behind that
 * page. Read from the pages' folder itself, so a page added there is reserved with no list to keep
 * in step; `tandem library promote` and the build's checks (./library-problems.ts) both ask here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../worker/domain/locales.ts';

/** The folder of the library's pages, from the project root. */
const PAGES = join('site', 'pages', '[...locale]', 'library');

/** Slugs no library entry may have: each page or folder of the library's pages but the entry page itself ([slug]). */
export function reservedLibrarySlugs(root = process.cwd()): string[] {
  return readdirSync(join(root, PAGES))
    .filter((name) => !name.startsWith('['))
    .map((name) => name.replace(/\.(astro|md|mdx|ts|js)$/, ''))
    .sort();
}

/** The `[...locale]` part of a page's address: none for the default language, built at the root. */
export function localeParam(locale: Locale): string | undefined {
  return locale === DEFAULT_LOCALE ? undefined : locale;
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
