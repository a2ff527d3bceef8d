import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { DEFAULT_LOCALE, LOCALES } from '../worker/domain/locales.ts';
import { cohortsLoader, strategiesLoader, successStoriesLoader } from './loaders/program.ts';
import { cohortStorySchema, libraryEntrySchema, sharedStrategySchema, successStorySchema } from './schemas.ts';

// TANDEM_LIBRARY_DIR lets tests build a library of their own; mentors edit content/library/.
const libraryDir = process.env.TANDEM_LIBRARY_DIR ?? './content/library';

export const collections = {
  // The entries as written, at the top of the folder; their translations in a folder per language.
  library: defineCollection({ loader: glob({ pattern: '*.mdx', base: libraryDir }), schema: libraryEntrySchema }),
  // content/library/<language>/<the original's file name>: the translated title, summary and text;
  // everything else (kind, stage, tags, related) is the original's.
  libraryTranslations: defineCollection({
    loader: glob({ pattern: `{${LOCALES.filter((l) => l !== DEFAULT_LOCALE).join(',')}}/*.mdx`, base: libraryDir }),
    schema: libraryEntrySchema.pick({ title: true, summary: true }),
  }),
  // The published cohorts (slug, name, language, path): their stories go to the renderer instead.
  cohorts: defineCollection({ loader: cohortsLoader(), schema: cohortStorySchema.shape.cohort }),
  strategies: defineCollection({ loader: strategiesLoader(), schema: sharedStrategySchema }),
  successStories: defineCollection({ loader: successStoriesLoader(), schema: successStorySchema }),
};
