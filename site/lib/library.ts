/**
 * The library's collection queries: every sorted, grouped or filtered list the library pages show
 * (entries, shared strategies, success stories, guidance) comes from here, not from the pages.
 */
import { readdirSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../worker/domain/locales.ts';
import { NEEDS, type Need } from '../../worker/domain/needs.ts';
import { groupByKind, groupByStage, groupByTag, inPartnershipOrder } from './library-browse.ts';
import { libraryProblems, orphanTranslations, withdrawnQuotes } from './library-problems.ts';
import { reservedLibrarySlugs } from './library-routes.ts';
import { groupByWhatHelped } from './success-stories.ts';

export type OriginalEntry = CollectionEntry<'library'>;
export type EntryTranslation = CollectionEntry<'libraryTranslations'>;
export type SharedStrategy = CollectionEntry<'strategies'>['data'];

/** Warnings already printed in this build: several pages read the entries, the mentor needs each once. */
const warned: Set<string> = ((globalThis as { tandemLibraryWarnings?: Set<string> }).tandemLibraryWarnings ??= new Set());

/**
 * A library entry as a page in one language shows it: its translation's title, summary and text
 * where it has one, else the original's, marked as a fallback.
 */
export interface LibraryEntry {
  id: string;
  /** The original's frontmatter, with the title and summary in `lang`. */
  data: OriginalEntry['data'];
  /** What to render as the entry's text: the translation, or the original. */
  body: OriginalEntry | EntryTranslation;
  /** The language the title, summary and text are written in. */
  lang: Locale;
  /** The page's language has no translation of it, so it is shown as it was written. */
  fallback: boolean;
}

/**
 * The original entries (content/library/*.mdx). The build stops here when the mentor's files refer
 * to entries that do not exist or take a page's address; an entry whose quoted strategy is no
 * longer shared publicly is left out (with a warning), and so are links to it from other entries.
 */
async function originalEntries(): Promise<OriginalEntry[]> {
  const entries = await getCollection('library');
  const links = entries.map((e) => ({ id: e.id, related: e.data.related, source: e.data.shared?.source }));
  const files = readdirSync(process.env.TANDEM_LIBRARY_DIR ?? 'content/library').filter((name) => name.endsWith('.mdx'));
  const translations = (await getCollection('libraryTranslations')).map((tr) => tr.id);
  const problems = [...libraryProblems(links, files, reservedLibrarySlugs()), ...orphanTranslations(entries.map((e) => e.id), translations)];
  if (problems.length) throw new Error(`The library has problems to fix in content/library/:\n${problems.join('\n')}`);
  const withdrawn = withdrawnQuotes(links, new Set((await getCollection('strategies')).map((s) => s.data.id)));
  for (const { warning } of withdrawn) {
    if (!warned.has(warning)) console.warn(`[tandem] ${warning}`);
    warned.add(warning);
  }
  const left = new Set(withdrawn.map((w) => w.id));
  return entries
    .filter((e) => !left.has(e.id))
    .map((e) => (e.data.related.some((slug) => left.has(slug)) ? { ...e, data: { ...e.data, related: e.data.related.filter((slug) => !left.has(slug)) } } : e));
}

/** A translation's language and the entry it translates, from its path: `es/pair-quick-start`. */
function translationOf(translation: { id: string }): { locale: Locale; id: string } {
  const [locale, ...rest] = translation.id.split('/');
  return { locale: LOCALES.find((l) => l === locale) ?? DEFAULT_LOCALE, id: rest.join('/') };
}

/** Library entries in `locale`, by title as that language sorts. */
export async function libraryEntries(locale: Locale = DEFAULT_LOCALE): Promise<LibraryEntry[]> {
  const originals = await originalEntries();
  const translations = new Map(
    (await getCollection('libraryTranslations')).filter((tr) => translationOf(tr).locale === locale && locale !== DEFAULT_LOCALE).map((tr) => [translationOf(tr).id, tr]),
  );
  return originals
    .map((original): LibraryEntry => {
      const translation = translations.get(original.id);
      if (translation) return { id: original.id, data: { ...original.data, ...translation.data }, body: translation, lang: locale, fallback: false };
      return { id: original.id, data: original.data, body: original, lang: DEFAULT_LOCALE, fallback: locale !== DEFAULT_LOCALE };
    })
    .sort((a, b) => a.data.title.localeCompare(b.data.title, locale));
}

/** Every entry with the entries it names as related, in the order it names them. */
export async function entriesWithRelated(locale: Locale): Promise<{ entry: LibraryEntry; related: LibraryEntry[] }[]> {
  const entries = await libraryEntries(locale);
  return entries.map((entry) => ({ entry, related: entry.data.related.map((slug) => entries.find((e) => e.id === slug)!) }));
}

/** The kinds that have entries, each with its entries in partnership order. */
export async function entriesByKind(locale: Locale) {
  return groupByKind(await libraryEntries(locale)).map(({ kind, entries }) => ({ kind, entries: inPartnershipOrder(entries) }));
}

/** The stages that have entries, each with its entries by title. */
export async function entriesByStage(locale: Locale) {
  return groupByStage(await libraryEntries(locale));
}

/** Every tag in use, A–Z, each with its entries in partnership order. */
export async function entriesByTag(locale: Locale) {
  return groupByTag(await libraryEntries(locale)).map(({ slug, label, entries }) => ({ slug, label, entries: inPartnershipOrder(entries) }));
}

/** The strategies participants shared publicly, newest first. */
export async function sharedStrategies(): Promise<SharedStrategy[]> {
  return (await getCollection('strategies')).map((e) => e.data).sort((a, b) => b.id - a.id);
}

/**
 * The language each cohort publishes in, by slug: what its participants shared is written in it,
 * and marked so (`languageOf`, ./library-labels.ts) where a page in another language shows it.
 */
export async function cohortLanguages(): Promise<(slug: string) => Locale> {
  const languages = new Map((await getCollection('cohorts')).map((c) => [c.id, c.data.language]));
  return (slug) => languages.get(slug) ?? DEFAULT_LOCALE;
}

/** The success stories, grouped by what helped. */
export async function successStoriesByWhatHelped() {
  return groupByWhatHelped((await getCollection('successStories')).map((e) => e.data));
}

/** An entry to read, as /<lang>/library/guidance.json lists it: `lang` is the language its title and summary are in (the original's where not yet translated). */
export interface Guidance {
  slug: string;
  title: string;
  summary: string;
  lang: Locale;
}

/**
 * For each moment of need a check-in can reveal, the two or three entries to read: the entries of
 * that stage, shortest first, then the entries they point to.
 */
export async function guidanceByNeed(locale: Locale): Promise<Record<Need, Guidance[]>> {
  const entries = await libraryEntries(locale);
  return Object.fromEntries(
    NEEDS.map((need) => {
      const ofStage = entries.filter((e) => e.data.stage === need).sort((a, b) => a.data.minutes - b.data.minutes);
      const related = ofStage.flatMap((e) => e.data.related).map((slug) => entries.find((e) => e.id === slug)!);
      const picked = [...new Set([...ofStage, ...related])].slice(0, 3);
      return [need, picked.map((e) => ({ slug: e.id, title: e.data.title, summary: e.data.summary, lang: e.lang }))];
    }),
  ) as Record<Need, Guidance[]>;
}
