/**
 * The library's collection queries: every sorted, grouped or filtered list the library pages show
 * (entries, shared strategies, success stories, guidance) comes from here, not from the pages.
 */
import { readdirSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';
import { NEEDS, type Need } from '../../worker/domain/needs.ts';
import { groupByKind, groupByStage, groupByTag, inPartnershipOrder } from './library-browse.ts';
import { libraryProblems, withdrawnQuotes } from './library-problems.ts';
import { reservedLibrarySlugs } from './library-routes.ts';
import { groupByWhatHelped } from './success-stories.ts';

export type LibraryEntry = CollectionEntry<'library'>;
export type SharedStrategy = CollectionEntry<'strategies'>['data'];

/** Warnings already printed in this build: several pages read the entries, the mentor needs each once. */
const warned: Set<string> = ((globalThis as { tandemLibraryWarnings?: Set<string> }).tandemLibraryWarnings ??= new Set());

/**
 * Library entries, by title. The build stops here when the mentor's files refer to entries that do
 * not exist or take a page's address; an entry whose quoted strategy is no longer shared publicly
 * is left out (with a warning), and so are links to it from other entries.
 */
export async function libraryEntries(): Promise<LibraryEntry[]> {
  const entries = await getCollection('library');
  const links = entries.map((e) => ({ id: e.id, related: e.data.related, source: e.data.shared?.source }));
  const files = readdirSync(process.env.TANDEM_LIBRARY_DIR ?? 'content/library').filter((name) => name.endsWith('.mdx'));
  const problems = libraryProblems(links, files, reservedLibrarySlugs());
  if (problems.length) throw new Error(`The library has problems to fix in content/library/:\n${problems.join('\n')}`);
  const withdrawn = withdrawnQuotes(links, new Set((await getCollection('strategies')).map((s) => s.data.id)));
  for (const { warning } of withdrawn) {
    if (!warned.has(warning)) console.warn(`[tandem] ${warning}`);
    warned.add(warning);
  }
  const left = new Set(withdrawn.map((w) => w.id));
  return entries
    .filter((e) => !left.has(e.id))
    .map((e) => (e.data.related.some((slug) => left.has(slug)) ? { ...e, data: { ...e.data, related: e.data.related.filter((slug) => !left.has(slug)) } } : e))
    .sort((a, b) => a.data.title.localeCompare(b.data.title));
}

/** Every entry with the entries it names as related, in the order it names them. */
export async function entriesWithRelated(): Promise<{ entry: LibraryEntry; related: LibraryEntry[] }[]> {
  const entries = await libraryEntries();
  return entries.map((entry) => ({ entry, related: entry.data.related.map((slug) => entries.find((e) => e.id === slug)!) }));
}

/** The kinds that have entries, each with its entries in partnership order. */
export async function entriesByKind() {
  return groupByKind(await libraryEntries()).map(({ kind, entries }) => ({ kind, entries: inPartnershipOrder(entries) }));
}

/** The stages that have entries, each with its entries by title. */
export async function entriesByStage() {
  return groupByStage(await libraryEntries());
}

/** Every tag in use, A–Z, each with its entries in partnership order. */
export async function entriesByTag() {
  return groupByTag(await libraryEntries()).map(({ slug, label, entries }) => ({ slug, label, entries: inPartnershipOrder(entries) }));
}

/** The strategies participants shared publicly, newest first. */
export async function sharedStrategies(): Promise<SharedStrategy[]> {
  return (await getCollection('strategies')).map((e) => e.data).sort((a, b) => b.id - a.id);
}

/** The success stories, grouped by what helped. */
export async function successStoriesByWhatHelped() {
  return groupByWhatHelped((await getCollection('successStories')).map((e) => e.data));
}

/**
 * For each moment of need a check-in can reveal, the two or three entries to read: the entries of
 * that stage, shortest first, then the entries they point to.
 */
export async function guidanceByNeed(): Promise<Record<Need, { slug: string; title: string; summary: string }[]>> {
  const entries = await libraryEntries();
  return Object.fromEntries(
    NEEDS.map((need) => {
      const ofStage = entries.filter((e) => e.data.stage === need).sort((a, b) => a.data.minutes - b.data.minutes);
      const related = ofStage.flatMap((e) => e.data.related).map((slug) => entries.find((e) => e.id === slug)!);
      const picked = [...new Set([...ofStage, ...related])].slice(0, 3);
      return [need, picked.map((e) => ({ slug: e.id, title: e.data.title, summary: e.data.summary }))];
    }),
  ) as Record<Need, { slug: string; title: string; summary: string }[]>;
}
