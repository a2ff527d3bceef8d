/**
 * The content loaders that read the published program from D1 through worker/db (the site writes
 * no SQL): one read per build, shared by the cohorts and the shared strategies, run inside workerd
 * next to D1 (worker/db/workerd.ts) and carried to the build as one JSON document. Local database
 * by default; TANDEM_REMOTE=1 reads the production database.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import type { PublishedProgram } from '../../worker/db/story.ts';
import { readProgramInWorkerd } from '../../worker/db/workerd.ts';

let reading: Promise<PublishedProgram> | undefined;

async function readProgram(logger: LoaderContext['logger']): Promise<PublishedProgram> {
  const remote = process.env.TANDEM_REMOTE === '1';
  const started = performance.now();
  const { program, ms, bytes } = await readProgramInWorkerd({ remote });
  logger.info(
    `read ${program.stories.length} published cohort(s), ${program.strategies.length} shared strategies and ${program.successStories.length} success stories from the ${remote ? 'remote' : 'local'} D1 database ` +
      `(${(ms / 1000).toFixed(2)} s inside workerd, ${((performance.now() - started) / 1000).toFixed(2)} s with the reader's start, ${(bytes / 2 ** 20).toFixed(1)} MB)`,
  );
  return program;
}

function programLoader(name: string, entries: (program: PublishedProgram) => { id: string; data: object }[]): Loader {
  return {
    name,
    async load({ store, logger, parseData }) {
      // The collections of one build share one read; the next build (or `astro dev` sync) reads again.
      reading ??= readProgram(logger).finally(() => setTimeout(() => (reading = undefined), 0));
      const program = await reading;
      // Start from nothing each build, so withdrawn consent and forgotten people disappear.
      store.clear();
      for (const { id, data } of entries(program)) store.set({ id, data: await parseData({ id, data: data as Record<string, unknown> }) });
    },
  };
}

export const cohortsLoader = () => programLoader('tandem-d1-cohorts', (p) => p.stories.map((story) => ({ id: story.cohort.slug, data: story })));
export const strategiesLoader = () => programLoader('tandem-d1-strategies', (p) => p.strategies.map((s) => ({ id: String(s.id), data: s })));
export const successStoriesLoader = () => programLoader('tandem-d1-success-stories', (p) => p.successStories.map((s) => ({ id: String(s.id), data: s })));
