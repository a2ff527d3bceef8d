/** Rules across library entries, which no single entry's schema can check (site/lib/library.ts applies them). */

export interface EntryLinks {
  id: string;
  related: string[];
  /** The shared strategy the entry quotes, if any. */
  source?: number;
}

/** The address a library file is built at, as Astro makes it from the file name. */
export function fileSlug(fileName: string): string {
  return fileName.replace(/\.mdx$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * Problems in the mentor's files, which stop the build until fixed: related entries must exist and
 * not be the entry itself; two files must not make the same address, nor take the address of one
 * of the library's own pages (`reserved`, ./library-routes.ts).
 */
export function libraryProblems(entries: readonly EntryLinks[], fileNames: readonly string[] = [], reserved: readonly string[] = []): string[] {
  const ids = new Set(entries.map((e) => e.id));
  const bySlug = Map.groupBy(fileNames, fileSlug);
  return [
    ...[...bySlug].filter(([, names]) => names.length > 1).map(([slug, names]) => `content/library: ${names.join(' and ')} would both be /library/${slug}/; rename one`),
    ...fileNames
      .filter((name) => reserved.includes(fileSlug(name)))
      .map((name) => `content/library/${name}: /library/${fileSlug(name)}/ is one of the library's own pages, so this entry would never be shown; rename the file`),
    ...entries.flatMap((entry) =>
      entry.related.flatMap((slug) => {
        if (slug === entry.id) return [`content/library/${entry.id}.mdx: "related" lists the entry itself`];
        if (!ids.has(slug)) return [`content/library/${entry.id}.mdx: "related" names "${slug}", but there is no content/library/${slug}.mdx`];
        return [];
      }),
    ),
  ];
}

/**
 * Entries quoting a strategy that is no longer shared publicly (its author withdrew consent or
 * left): the build leaves them out rather than stop, so one withdrawal never holds up every other
 * participant's withdrawal or a `forget`. Each comes with a warning for the mentor.
 */
export function withdrawnQuotes(entries: readonly EntryLinks[], publicStrategies: ReadonlySet<number>): { id: string; warning: string }[] {
  return entries
    .filter((entry) => entry.source !== undefined && !publicStrategies.has(entry.source))
    .map((entry) => ({
      id: entry.id,
      warning: `content/library/${entry.id}.mdx quotes strategy ${entry.source}, which is no longer shared publicly (its author withdrew consent or left the program), so the entry was left out of the site. Delete the file, or rewrite it without their words and remove "shared" from its frontmatter.`,
    }));
}

/**
 * Translations (content/library/<lang>/<file>.mdx, ids like `es/pair-quick-start`) of an entry that
 * does not exist, renamed or deleted since: no page would ever show them, so the build stops until
 * the translation follows its original.
 */
export function orphanTranslations(originalIds: readonly string[], translationIds: readonly string[]): string[] {
  const originals = new Set(originalIds);
  return translationIds
    .filter((id) => !originals.has(id.slice(id.indexOf('/') + 1)))
    .map((id) => `content/library/${id}.mdx translates content/library/${id.slice(id.indexOf('/') + 1)}.mdx, which does not exist; rename it after its original, or delete it`);
}
