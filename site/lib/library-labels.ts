/**
 * How the library's kinds, stages and tags are named and addressed, on every page that shows them,
 * in the page's language: the names are messages (worker/messages/<locale>/library.json).
 */
import { CATALOGUES, type MessageKey, type Translator } from '../../worker/domain/i18n.ts';
import { DEFAULT_LOCALE, localePath, textDirection, type Locale } from '../../worker/domain/locales.ts';
import type { LIBRARY_KINDS, LIBRARY_STAGES } from '../schemas.ts';

export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export type LibraryStage = (typeof LIBRARY_STAGES)[number];

/** A kind's name for one entry (`one`), for a list of them (`many`), or what such an entry is for (`about`). */
export function kindLabel(t: Translator, kind: LibraryKind, form: 'one' | 'many' | 'about'): string {
  return t(`library.kind.${kind}.${form}`);
}

/** A stage's name, or (`when`) when in a partnership it applies. */
export function stageLabel(t: Translator, stage: LibraryStage, form: 'label' | 'when' = 'label'): string {
  return t(form === 'label' ? `library.stage.${stage}` : `library.stage.${stage}.when`);
}

/** A tag as it appears in a URL: "peer circles" → "peer-circles". */
export function tagSlug(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A tag in the page's language. Mentors may write any tag; the ones the catalogue names are
 * translated, a new one is shown as written (in the library's original language) until it is.
 */
export function tagLabel(t: Translator, tag: string): string {
  const key = `library.tag.${tagSlug(tag)}`;
  return key in CATALOGUES[DEFAULT_LOCALE] ? t(key as MessageKey) : tag;
}

/** Whether a tag has a name in the catalogues; one that has not is shown in English (`lang="en"`). */
export function tagIsTranslated(tag: string): boolean {
  return `library.tag.${tagSlug(tag)}` in CATALOGUES[DEFAULT_LOCALE];
}

export const kindHref = (kind: LibraryKind, locale: Locale = DEFAULT_LOCALE) => localePath(locale, `/library/kinds/${kind}/`);
export const stageHref = (stage: LibraryStage, locale: Locale = DEFAULT_LOCALE) => localePath(locale, `/library/stages/${stage}/`);
export const tagHref = (tag: string, locale: Locale = DEFAULT_LOCALE) => localePath(locale, `/library/tags/${tagSlug(tag)}/`);
export const entryHref = (slug: string, locale: Locale = DEFAULT_LOCALE) => localePath(locale, `/library/${slug}/`);

/**
 * The `lang` and `dir` of text written in `textLocale` shown on a page in `pageLocale` (an entry not
 * yet translated, a participant's words): none where they are the page's own. English on an Arabic
 * page is marked left to right, so its punctuation and lists sit where an English reader expects.
 */
export function languageOf(textLocale: Locale | undefined, pageLocale: Locale): { lang?: Locale; dir?: 'ltr' | 'rtl' } {
  return textLocale && textLocale !== pageLocale ? { lang: textLocale, dir: textDirection(textLocale) } : {};
}
