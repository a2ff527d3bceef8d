/**
 * The pages made from D1, as cli/site-build.ts publishes them: each published cohort's story,
 * report and open data, and the pages that list the cohorts (home and overview, in every
 * language). The program read for them, where their files go in the site, and rendering them with
 * a build's renderer (site/integrations/renderer.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererEntry, siteUrl } from '../site/integrations/renderer.ts';
import type { PageData, Story } from '../site/lib/stories.ts';
import { cohortStorySchema } from '../site/schemas.ts';
import type { SharedStrategy, SuccessStory } from '../worker/db/strategies.ts';
import { LOCALES, localePath } from '../worker/domain/locales.ts';

export interface PublishedRead {
  /** Every published cohort's story, checked against the site's schema (public text only). */
  stories: Story[];
  strategies: SharedStrategy[];
  successStories: SuccessStory[];
  /** Each cohort's digest, by slug, as the reader worked it out next to D1. */
  digests: Map<string, string>;
  /** The read, with the reader's start, in seconds. */
  seconds: number;
}

/** The publishable program, read inside workerd next to D1 (TANDEM_REMOTE=1: the production database). */
export async function readPublished(env: NodeJS.ProcessEnv = process.env): Promise<PublishedRead> {
  const started = performance.now();
  // Imported here: it loads wrangler, a second of CPU that only a build needs.
  const { readProgramInWorkerd } = await import('../worker/db/workerd.ts');
  const { program, digests } = await readProgramInWorkerd({ remote: env.TANDEM_REMOTE === '1' });
  const stories = program.stories.map((story) => {
    // The schema admits public text only: a story with anything else is never rendered.
    const parsed = cohortStorySchema.safeParse(story);
    if (!parsed.success) throw new Error(`The story of cohort "${story.cohort.slug}" does not fit the site's schema, so nothing was published:\n${parsed.error.message}`);
    return parsed.data;
  });
  return { stories, strategies: program.strategies, successStories: program.successStories, digests: new Map(digests.map((d) => [d.slug, d.digest])), seconds: (performance.now() - started) / 1000 };
}

/** A cohort's pages, by address: its story, its report, and its open data. */
export const cohortPages = (path: string): string[] => [path, `${path}report/`, `${path}data.json`, `${path}data.csv`];

/** The pages that list the published cohorts: home and the overview, in every language. */
export const listPages = (): string[] => LOCALES.flatMap((locale) => [localePath(locale, '/'), localePath(locale, '/cohorts/')]);

/** A page's file in the site: `/a/` → `a/index.html`, `/a/data.json` → `a/data.json`. */
export const pageFile = (page: string): string => (page.endsWith('/') ? `${page.slice(1)}index.html` : page.slice(1));

export type Render = (page: string, data: PageData) => Promise<Response>;

/** The renderer a build left in `dir`. */
export async function loadRenderer(dir: string): Promise<Render> {
  // A query of its own: a build that starts over in this process loads the new bundle, not the cached one.
  const { renderPage } = (await import(`${pathToFileURL(rendererEntry(dir)).href}?loaded=${Date.now()}`)) as { renderPage: (url: string, data: PageData) => Promise<Response> };
  const site = siteUrl();
  return (page, data) => renderPage(new URL(page, site).href, data);
}

/**
 * Writes a rendered page into the site in `dir`. Always a new file: the one there may be a hard
 * link to the served site's, which must not change.
 */
export async function writeRendered(dir: string, page: string, response: Response): Promise<void> {
  if (!response.ok) throw new Error(`${page} answered ${response.status}: ${(await response.text()).slice(0, 2000)}`);
  const file = join(dir, pageFile(page));
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
}
