/**
 * The content loaders that read the published program from D1 through worker/db (the site writes
 * no SQL): one read per build, shared by the cohorts and the shared strategies, run inside workerd
 * next to D1 (worker/db/workerd.ts) and carried to the build as one JSON document. Local database
 * by default; TANDEM_REMOTE=1 reads the production database.
 *
 * A build that follows another (cli/site-build.ts names the last build's cohort digests in
 * TANDEM_BUILD_PREVIOUS) is sent only the stories whose digest changed; the others stay in Astro's
 * content store from the last build, checked against their digest. The plan it writes
 * (site/lib/build-plan.ts) tells the cohort pages which cohorts to render.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import type { CohortStory } from '../../worker/db/story.ts';
import { readProgramInWorkerd, type ProgramRead } from '../../worker/db/workerd.ts';
import { previousDigests, writeBuildPlan } from '../lib/build-plan.ts';

let reading: Promise<ProgramRead> | undefined;

async function readProgram(logger: LoaderContext['logger'], have: Record<string, string>): Promise<ProgramRead> {
  const remote = process.env.TANDEM_REMOTE === '1';
  const started = performance.now();
  const read = await readProgramInWorkerd({ remote, have });
  const { program, digests, ms, bytes } = read;
  logger.info(
    `read ${digests.length} published cohort(s) (${program.stories.length} sent in full), ${program.strategies.length} shared strategies and ${program.successStories.length} success stories from the ${remote ? 'remote' : 'local'} D1 database ` +
      `(${(ms / 1000).toFixed(2)} s inside workerd, ${((performance.now() - started) / 1000).toFixed(2)} s with the reader's start, ${(bytes / 2 ** 20).toFixed(1)} MB)`,
  );
  return read;
}

/** The one read the collections of a build share; the next build (or `astro dev` sync) reads again. */
function sharedRead(logger: LoaderContext['logger']): Promise<ProgramRead> {
  reading ??= readProgram(logger, previousDigests() ?? {}).finally(() => setTimeout(() => (reading = undefined), 0));
  return reading;
}

function programLoader(name: string, entries: (program: ProgramRead['program']) => { id: string; data: object }[]): Loader {
  return {
    name,
    async load({ store, logger, parseData }) {
      const { program } = await sharedRead(logger);
      // Start from nothing each build, so withdrawn consent and forgotten people disappear.
      store.clear();
      for (const { id, data } of entries(program)) store.set({ id, data: await parseData({ id, data: data as Record<string, unknown> }) });
    },
  };
}

/**
 * One entry per published cohort, in the reader's order (the order pages list them in). A story
 * that was not sent is the one the store holds under the same digest; should the store not hold
 * it (a cleared cache), the cohorts missing are read again in full.
 */
export const cohortsLoader = (): Loader => ({
  name: 'tandem-d1-cohorts',
  async load({ store, logger, parseData }) {
    const previous = previousDigests();
    const { program, digests } = await sharedRead(logger);
    const sent = new Map<string, CohortStory>(program.stories.map((s) => [s.cohort.slug, s]));
    const held = new Map(store.entries());
    const missing = digests.filter(({ slug, digest }) => !sent.has(slug) && held.get(slug)?.digest !== digest);
    if (missing.length) {
      const have = Object.fromEntries(digests.filter((d) => !missing.includes(d)).map((d) => [d.slug, d.digest]));
      for (const story of (await readProgram(logger, have)).program.stories) sent.set(story.cohort.slug, story);
    }
    // Cleared and filled in order: a cohort no longer published (private, forgotten) is gone.
    store.clear();
    const plan = [];
    for (const { slug, digest } of digests) {
      const story = sent.get(slug);
      const data = story ? await parseData({ id: slug, data: story as unknown as Record<string, unknown> }) : held.get(slug)!.data;
      store.set({ id: slug, data, digest });
      // A published cohort always has a path (a private one has none, and is not read).
      plan.push({ slug, digest, path: (data as unknown as CohortStory).cohort.path! });
    }
    writeBuildPlan({ cohorts: plan, render: previous && plan.filter((c) => previous[c.slug] !== c.digest).map((c) => c.slug) });
  },
});
export const strategiesLoader = () => programLoader('tandem-d1-strategies', (p) => p.strategies.map((s) => ({ id: String(s.id), data: s })));
export const successStoriesLoader = () => programLoader('tandem-d1-success-stories', (p) => p.successStories.map((s) => ({ id: String(s.id), data: s })));
