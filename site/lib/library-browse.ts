/** Library entries grouped for the browse pages: by kind, by stage and by tag. */
import { LIBRARY_KINDS, LIBRARY_STAGES } from '../schemas.ts';
import { tagSlug, type LibraryKind, type LibraryStage } from './library-labels.ts';

/** What grouping needs of an entry; a CollectionEntry<'library'> has it. */
export interface Browsable {
  data: { kind: LibraryKind; stage: LibraryStage; tags: string[] };
}

/** Kinds that have entries, in the schema's order; entries keep the order they came in. */
export function groupByKind<E extends Browsable>(entries: readonly E[]): { kind: LibraryKind; entries: E[] }[] {
  return LIBRARY_KINDS.map((kind) => ({ kind, entries: entries.filter((e) => e.data.kind === kind) })).filter((g) => g.entries.length > 0);
}

/** Stages that have entries, in partnership order; entries keep the order they came in. */
export function groupByStage<E extends Browsable>(entries: readonly E[]): { stage: LibraryStage; entries: E[] }[] {
  return LIBRARY_STAGES.map((stage) => ({ stage, entries: entries.filter((e) => e.data.stage === stage) })).filter((g) => g.entries.length > 0);
}

/**
 * Every tag in use, A–Z by slug. Spellings that share a slug ("peer circles", "peer-circles") are one
 * tag, named as first seen, so two pages never claim the same URL.
 */
export function groupByTag<E extends Browsable>(entries: readonly E[]): { slug: string; label: string; entries: E[] }[] {
  const tags = new Map<string, { slug: string; label: string; entries: E[] }>();
  for (const entry of entries) {
    for (const slug of new Set(entry.data.tags.map(tagSlug))) {
      const label = entry.data.tags.find((t) => tagSlug(t) === slug)!;
      const tag = tags.get(slug) ?? { slug, label, entries: [] };
      tag.entries.push(entry);
      tags.set(slug, tag);
    }
  }
  return [...tags.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}

/** Entries in the order a partnership meets them: by stage, keeping the given order within a stage. */
export function inPartnershipOrder<E extends Browsable>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => LIBRARY_STAGES.indexOf(a.data.stage) - LIBRARY_STAGES.indexOf(b.data.stage));
}
