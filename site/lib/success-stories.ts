/** Success stories grouped by what helped. */

export interface StoryLike {
  strategy: string;
  tags: string[];
}

/** The group of stories whose author named nothing that helped; the page calls it "Other" in its language. */
export const OTHER = 'Other';

/**
 * Groups stories by what helped: the first tag of the strategy their author shared, else the
 * strategy's name, else "Other"; groups with more stories first, then by name.
 */
export function groupByWhatHelped<T extends StoryLike>(stories: readonly T[]): { helped: string; stories: T[] }[] {
  const groups = Map.groupBy(stories, (s) => s.tags[0] ?? (s.strategy || OTHER));
  return [...groups]
    .map(([helped, members]) => ({ helped, stories: members }))
    .sort((a, b) => b.stories.length - a.stories.length || (a.helped === OTHER ? 1 : b.helped === OTHER ? -1 : a.helped.localeCompare(b.helped)));
}
