/** The cohort stories' collection queries, kept out of the pages (the library's are in library.ts). */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readBuildPlan } from './build-plan.ts';

export type Story = CollectionEntry<'cohorts'>['data'];
export type Moment = Story['timeline'][number];

/** Cohorts listed on the home page: public ones, most recent first. Unlisted ones are built but not listed. */
export async function listedCohorts(): Promise<Story[]> {
  const all = await getCollection('cohorts');
  return all.map((e) => e.data).filter((s) => s.cohort.publication === 'public').sort((a, b) => b.cohort.startsOn.localeCompare(a.cohort.startsOn));
}

/**
 * The pages of every cohort this build renders: the route parameter is the last segment of the
 * cohort's path, its slug when public and slug plus random key when unlisted. A build that
 * publishes what changed renders only the cohorts its plan names (site/lib/build-plan.ts); the
 * others' files are copied from the last build, and every cohort stays in the collection for the
 * pages that list them all. So a cohort's pages are made from its story alone (the props below):
 * its digest covers that and nothing else.
 */
export async function cohortPaths() {
  const render = readBuildPlan()?.render;
  const only = render ? new Set(render) : null;
  const cohorts = (await getCollection('cohorts')).filter((entry) => !only || only.has(entry.id));
  return cohorts.map((entry) => ({ params: { cohort: entry.data.cohort.path.split('/')[2]! }, props: { story: entry.data } }));
}

/** A story's timeline grouped by week, newest week first. */
export function timelineByWeek(story: Story): { week: number; startsOn: string | undefined; moments: Moment[] }[] {
  const weeks = new Map<number, Moment[]>();
  for (const m of story.timeline) weeks.set(m.week, [...(weeks.get(m.week) ?? []), m]);
  const starts = new Map(story.metrics.weeks.map((w) => [w.week, w.startsOn]));
  return [...weeks].sort(([a], [b]) => b - a).map(([week, moments]) => ({ week, startsOn: starts.get(week), moments }));
}
