import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { cohortsLoader, strategiesLoader, successStoriesLoader } from './loaders/program.ts';
import { cohortStorySchema, libraryEntrySchema, sharedStrategySchema, successStorySchema } from './schemas.ts';

export const collections = {
  // TANDEM_LIBRARY_DIR lets tests build a library of their own; mentors edit content/library/.
  library: defineCollection({ loader: glob({ pattern: '**/*.mdx', base: process.env.TANDEM_LIBRARY_DIR ?? './content/library' }), schema: libraryEntrySchema }),
  cohorts: defineCollection({ loader: cohortsLoader(), schema: cohortStorySchema }),
  strategies: defineCollection({ loader: strategiesLoader(), schema: sharedStrategySchema }),
  successStories: defineCollection({ loader: successStoriesLoader(), schema: successStorySchema }),
};
