/**
 * The cohort stories, as the pages made from D1 receive them. Those pages (a cohort's story,
 * report and open data, the cohorts overview, the home page) are rendered after Astro's build by
 * site/integrations/renderer.ts, from the program cli/site-build.ts read: their data comes in
 * `Astro.locals`, never from a collection, so the renderer of the last build can render them
 * again from new data without Astro.
 */
import type { z } from 'astro/zod';
import type { cohortStorySchema } from '../schemas.ts';

export type Story = z.infer<typeof cohortStorySchema>;
export type Moment = Story['timeline'][number];

/** What the renderer hands a page made from D1 (its `Astro.locals`). */
export interface PageData {
  /** Every published cohort's story, in the order the read gives (the lists' pages). */
  stories?: Story[];
  /** The cohort whose pages these are (a cohort's pages). */
  story?: Story;
}

/** The story a cohort's page is rendered from. */
export function storyOf(locals: PageData): Story {
  if (!locals.story) throw new Error("a cohort's page was rendered without its story (render it through cli/site-build.ts)");
  return locals.story;
}

/** Cohorts listed on the home page and the overview: public ones, most recent first. Unlisted ones are built but not listed. */
export function listedCohorts(locals: PageData): Story[] {
  if (!locals.stories) throw new Error('a page listing cohorts was rendered without the stories (render it through cli/site-build.ts)');
  return locals.stories.filter((s) => s.cohort.publication === 'public').sort((a, b) => b.cohort.startsOn.localeCompare(a.cohort.startsOn));
}

/** A story's timeline grouped by week, newest week first. */
export function timelineByWeek(story: Story): { week: number; startsOn: string | undefined; moments: Moment[] }[] {
  const weeks = new Map<number, Moment[]>();
  for (const m of story.timeline) weeks.set(m.week, [...(weeks.get(m.week) ?? []), m]);
  const starts = new Map(story.metrics.weeks.map((w) => [w.week, w.startsOn]));
  return [...weeks].sort(([a], [b]) => b - a).map(([week, moments]) => ({ week, startsOn: starts.get(week), moments }));
}
