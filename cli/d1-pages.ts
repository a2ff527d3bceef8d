/**
 * The pages made from D1, as cli/site-build.ts publishes them: each published cohort's story,
 * report and open data, and the pages that list the cohorts (home and overview, in every
 * language). The program read for them, where their files go in the site, and rendering them with
 * a build's renderer (site/integrations/renderer.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** How many stories the reader sent (the others were held from the last build). */
  sent: number;
  /** The read, with the reader's start, in seconds. */
  seconds: number;
}

/** The stories a build read, by slug, each with its digest: the next build is sent only the others. */
type HeldStories = Record<string, { digest: string; story: Story }>;

/** The stories a file holds, each with its digest; none from a file cut short or of another shape (the reader then sends them all). */
function readHeld(file: string | undefined): HeldStories {
  if (!file || !existsSync(file)) return {};
  try {
    const held = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof held !== 'object' || held === null) return {};
    return Object.fromEntries(Object.entries(held).filter(([, h]) => typeof h?.digest === 'string' && typeof h?.story === 'object' && h.story !== null)) as HeldStories;
  } catch {
    return {};
  }
}

/** A story as the site takes it: the schema admits public text only, so a story with anything else is never rendered. */
function checked(story: unknown): Story {
  const parsed = cohortStorySchema.safeParse(story);
  if (!parsed.success) throw new Error(`The story of cohort "${(story as Story).cohort?.slug}" does not fit the site's schema, so nothing was published:\n${parsed.error.message}`);
  return parsed.data;
}

/**
 * The publishable program, read inside workerd next to D1 (TANDEM_REMOTE=1: the production
 * database). `heldFile` keeps the stories between builds: the reader works out every cohort's
 * digest next to D1 but sends only the stories whose digest is not held, so after a new check-in
 * one story travels instead of all of them. A held story is only ever used under its own digest.
 */
export async function readPublished(env: NodeJS.ProcessEnv = process.env, heldFile?: string): Promise<PublishedRead> {
  const started = performance.now();
  // Imported here: it loads wrangler, a second of CPU that only a build needs.
  const { readProgramInWorkerd } = await import('../worker/db/workerd.ts');
  const remote = env.TANDEM_REMOTE === '1';
  let held = readHeld(heldFile);
  let read = await readProgramInWorkerd({ remote, have: Object.fromEntries(Object.entries(held).map(([slug, h]) => [slug, h.digest])) });
  const sent = () => new Map(read.program.stories.map((story) => [story.cohort.slug, story]));
  let fresh = sent();
  if (read.digests.some(({ slug, digest }) => !fresh.has(slug) && held[slug]?.digest !== digest)) {
    // Should the held stories not match what the reader left out, read them all.
    held = {};
    read = await readProgramInWorkerd({ remote });
    fresh = sent();
  }
  // Held stories were checked when they were sent: by this same code, since a full build (any change
  // to the site's code, its schema included) drops them.
  const stories = read.digests.map(({ slug }) => (fresh.has(slug) ? checked(fresh.get(slug)) : held[slug]!.story));
  if (heldFile) {
    mkdirSync(dirname(heldFile), { recursive: true });
    writeFileSync(heldFile, JSON.stringify(Object.fromEntries(read.digests.map(({ slug, digest }, i) => [slug, { digest, story: stories[i]! }]))));
  }
  const { strategies, successStories } = read.program;
  return { stories, strategies, successStories, digests: new Map(read.digests.map((d) => [d.slug, d.digest])), sent: fresh.size, seconds: (performance.now() - started) / 1000 };
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
