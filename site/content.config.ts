import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { cohortsLoader } from './loaders/cohorts.ts';
import { cohortStorySchema, libraryEntrySchema } from './schemas.ts';

export const collections = {
  library: defineCollection({ loader: glob({ pattern: '**/*.mdx', base: './content/library' }), schema: libraryEntrySchema }),
  cohorts: defineCollection({ loader: cohortsLoader(), schema: cohortStorySchema }),
};
