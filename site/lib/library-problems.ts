/** Rules across library entries, which no single entry's schema can check (site/lib/library.ts applies them). */

export interface EntryLinks {
  id: string;
  related: string[];
  /** The shared strategy the entry quotes, if any. */
  source?: number;
}

/**
 * Problems in how entries refer to each other and to what participants shared: related entries
 * must exist and not be the entry itself; two files must not make the same address; a quoted
 * strategy must still be shared publicly (its author may have withdrawn consent or left).
 */
export function libraryProblems(entries: readonly EntryLinks[], publicStrategies: ReadonlySet<number>, fileNames: readonly string[] = []): string[] {
  const ids = new Set(entries.map((e) => e.id));
  const bySlug = Map.groupBy(fileNames, (name) => name.replace(/\.mdx$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  return [
    ...[...bySlug].filter(([, names]) => names.length > 1).map(([slug, names]) => `content/library: ${names.join(' and ')} would both be /library/${slug}/; rename one`),
    ...entries.flatMap((entry) => [
      ...entry.related.flatMap((slug) => {
        if (slug === entry.id) return [`content/library/${entry.id}.mdx: "related" lists the entry itself`];
        if (!ids.has(slug)) return [`content/library/${entry.id}.mdx: "related" names "${slug}", but there is no content/library/${slug}.mdx`];
        return [];
      }),
      ...(entry.source !== undefined && !publicStrategies.has(entry.source)
        ? [`content/library/${entry.id}.mdx: it quotes strategy ${entry.source}, which is no longer shared publicly (its author withdrew consent or left the program); remove the file, or rewrite it without their words and remove "shared"`]
        : []),
    ]),
  ];
}
