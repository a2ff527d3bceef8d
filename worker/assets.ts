/** What the Worker reads from the built site (its static assets): form pages, and the library's guidance. */
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Need } from './domain/needs.ts';

/** The built page at `path` of this site; not ok when the site is not built. */
export function fetchAsset<E extends AppEnv>(c: Context<E>, path: string): Promise<Response> {
  return c.env.ASSETS.fetch(new URL(path, c.req.url));
}

export interface GuidanceEntry {
  slug: string;
  title: string;
  summary: string;
}

export interface Guidance {
  heading: string;
  entries: GuidanceEntry[];
}

const HEADINGS: Record<Need, string> = {
  pause: 'Taking a pause, and coming back',
  setback: 'When an action slips or something gets in the way',
};

/** The library entries to read for each need, as the build published them (/library/guidance.json); none when the site is not built. */
export async function loadGuidance<E extends AppEnv>(c: Context<E>, needs: readonly Need[]): Promise<Guidance[]> {
  if (needs.length === 0) return [];
  const response = await fetchAsset(c, '/library/guidance.json');
  if (!response.ok) return [];
  const all = await response.json<Partial<Record<Need, GuidanceEntry[]>>>();
  return needs.map((need) => ({ heading: HEADINGS[need], entries: all[need] ?? [] })).filter((g) => g.entries.length > 0);
}
