/**
 * The content loaders of what the build reads from D1: the strategies and success stories shared
 * publicly (the library's community pages) and the published cohorts themselves (their names and
 * languages, for the pages that show what their members shared). cli/site-build.ts reads the
 * program once, inside workerd next to D1 (worker/db/workerd.ts), and hands it to the build in the
 * file TANDEM_PROGRAM_FILE names; a plain `astro build` reads it here, from the local database
 * (TANDEM_REMOTE=1: the production one). The cohorts' own pages are not made from these
 * collections: the renderer makes them after the build (site/integrations/renderer.ts).
 */
import { readFileSync } from 'node:fs';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { PublishedProgram } from '../../worker/db/story.ts';

/**
 * What the build hands Astro from D1 (TANDEM_PROGRAM_FILE): the published cohorts themselves (the
 * cohorts collection's schema keeps their slug, name, language and address), not their stories,
 * and what the library shows.
 */
export interface BuildInput extends Pick<PublishedProgram, 'strategies' | 'successStories'> {
  cohorts: readonly ({ slug: string } & object)[];
}

let reading: Promise<BuildInput> | undefined;

async function readProgram(logger: LoaderContext['logger']): Promise<BuildInput> {
  if (process.env.TANDEM_PROGRAM_FILE) return JSON.parse(readFileSync(process.env.TANDEM_PROGRAM_FILE, 'utf8')) as BuildInput;
  const { readProgramInWorkerd } = await import('../../worker/db/workerd.ts');
  const remote = process.env.TANDEM_REMOTE === '1';
  const { program, ms } = await readProgramInWorkerd({ remote });
  logger.info(`read ${program.stories.length} published cohort(s) from the ${remote ? 'remote' : 'local'} D1 database (${(ms / 1000).toFixed(2)} s inside workerd)`);
  return { cohorts: program.stories.map((s) => s.cohort), strategies: program.strategies, successStories: program.successStories };
}

/** The one read the collections of a build share; the next build (or `astro dev` sync) reads again. */
function sharedRead(logger: LoaderContext['logger']): Promise<BuildInput> {
  reading ??= readProgram(logger).finally(() => setTimeout(() => (reading = undefined), 0));
  return reading;
}

function programLoader(name: string, entries: (input: BuildInput) => { id: string; data: object }[]): Loader {
  return {
    name,
    async load({ store, logger, parseData }) {
      const program = await sharedRead(logger);
      // Start from nothing each build, so withdrawn consent and forgotten people disappear.
      store.clear();
      for (const { id, data } of entries(program)) store.set({ id, data: await parseData({ id, data: data as Record<string, unknown> }) });
    },
  };
}

export const cohortsLoader = () => programLoader('tandem-d1-cohorts', (p) => p.cohorts.map((c) => ({ id: c.slug, data: c })));
export const strategiesLoader = () => programLoader('tandem-d1-strategies', (p) => p.strategies.map((s) => ({ id: String(s.id), data: s })));
export const successStoriesLoader = () => programLoader('tandem-d1-success-stories', (p) => p.successStories.map((s) => ({ id: String(s.id), data: s })));
