/** Library guidance for moments of need, as the build published it (/library/guidance.json). */
import type { Context } from 'hono';
import type { Need } from '../domain/needs.ts';
import type { AppEnv } from './app-env.ts';

export interface GuidanceEntry {
  slug: string;
  title: string;
  summary: string;
}

const HEADINGS: Record<Need, string> = {
  pause: 'Taking a pause, and coming back',
  setback: 'When an action slips or something gets in the way',
};

/** The entries to read for each need, from the built site; none when the site is not built. */
export async function loadGuidance(c: Context<AppEnv>, needs: readonly Need[]): Promise<{ heading: string; entries: GuidanceEntry[] }[]> {
  if (needs.length === 0) return [];
  const response = await c.env.ASSETS.fetch(new URL('/library/guidance.json', c.req.url));
  if (!response.ok) return [];
  const all = await response.json<Partial<Record<Need, GuidanceEntry[]>>>();
  return needs.map((need) => ({ heading: HEADINGS[need], entries: all[need] ?? [] })).filter((g) => g.entries.length > 0);
}
