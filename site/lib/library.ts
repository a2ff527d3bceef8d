/** Rules across library entries, which no single entry's schema can check. */

export interface EntryLinks {
  id: string;
  related: string[];
}

/** Problems in how entries refer to each other: related entries must exist and not be the entry itself. */
export function libraryProblems(entries: readonly EntryLinks[]): string[] {
  const ids = new Set(entries.map((e) => e.id));
  return entries.flatMap((entry) =>
    entry.related.flatMap((slug) => {
      if (slug === entry.id) return [`content/library/${entry.id}.mdx: "related" lists the entry itself`];
      if (!ids.has(slug)) return [`content/library/${entry.id}.mdx: "related" names "${slug}", but there is no content/library/${slug}.mdx`];
      return [];
    }),
  );
}
