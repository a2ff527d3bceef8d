/**
 * The content loader that reads the published program from D1 through worker/db (the site writes
 * no SQL). Local database by default; TANDEM_REMOTE=1 reads the production database.
 */
import type { Loader } from 'astro/loaders';
import { openDatabase } from '../../cli/d1.ts';
import { loadPublishedProgram } from '../../worker/db/story.ts';

export function cohortsLoader(): Loader {
  return {
    name: 'tandem-d1-cohorts',
    async load({ store, logger, parseData }) {
      const remote = process.env.TANDEM_REMOTE === '1';
      const conn = await openDatabase({ remote });
      try {
        const stories = await loadPublishedProgram(conn.db);
        // Start from nothing each build, so withdrawn consent and forgotten people disappear.
        store.clear();
        for (const story of stories) {
          const id = story.cohort.slug;
          store.set({ id, data: await parseData({ id, data: story as unknown as Record<string, unknown> }) });
        }
        logger.info(`read ${stories.length} published cohort(s) from the ${remote ? 'remote' : 'local'} D1 database`);
      } finally {
        await conn.close();
      }
    },
  };
}
