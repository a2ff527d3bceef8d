/** The cohort stories' collection queries, kept out of the pages (the library's are in library.ts). */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Story = CollectionEntry<'cohorts'>['data'];
export type Moment = Story['timeline'][number];

/** Cohorts listed on the home page: public ones, most recent first. Unlisted ones are built but not listed. */
export async function listedCohorts(): Promise<Story[]> {
  const all = await getCollection('cohorts');
  return all.map((e) => e.data).filter((s) => s.cohort.publication === 'public').sort((a, b) => b.cohort.startsOn.localeCompare(a.cohort.startsOn));
}

/**
 * The pages of every built cohort: the route parameter is the last segment of the cohort's path,
 * its slug when public and slug plus random key when unlisted.
 */
export async function cohortPaths() {
  const cohorts = await getCollection('cohorts');
  return cohorts.map((entry) => ({ params: { cohort: entry.data.cohort.path.split('/')[2]! }, props: { story: entry.data } }));
}

/** A story's timeline grouped by week, newest week first. */
export function timelineByWeek(story: Story): { week: number; startsOn: string | undefined; moments: Moment[] }[] {
  const weeks = new Map<number, Moment[]>();
  for (const m of story.timeline) weeks.set(m.week, [...(weeks.get(m.week) ?? []), m]);
  const starts = new Map(story.metrics.weeks.map((w) => [w.week, w.startsOn]));
  return [...weeks].sort(([a], [b]) => b - a).map(([week, moments]) => ({ week, startsOn: starts.get(week), moments }));
}
