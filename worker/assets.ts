/** What the Worker reads from the built site (its static assets): form pages, and the library's guidance. */
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { MessageKey } from './domain/i18n.ts';
import { DEFAULT_LOCALE, localePath, type Locale } from './domain/locales.ts';
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
  /** What the moment of need is called (a message). */
  heading: MessageKey;
  entries: GuidanceEntry[];
  /** Where the entries' pages are: the library of `locale`. */
  locale: Locale;
}

const HEADINGS: Record<Need, MessageKey> = {
  pause: 'guidance.need.pause',
  setback: 'guidance.need.setback',
};

/**
 * The library's entries to read for each need, as the build published them for `locale`
 * (/es/library/guidance.json: the entries' translations, where there are some); the original
 * library's when that language has none. None when the site is not built.
 */
export async function loadGuidance<E extends AppEnv>(c: Context<E>, needs: readonly Need[], locale: Locale = DEFAULT_LOCALE): Promise<Guidance[]> {
  if (needs.length === 0) return [];
  let from = locale;
  let response = await fetchAsset(c, localePath(locale, '/library/guidance.json'));
  if (!response.ok && locale !== DEFAULT_LOCALE) {
    from = DEFAULT_LOCALE;
    response = await fetchAsset(c, '/library/guidance.json');
  }
  if (!response.ok) return [];
  const all = await response.json<Partial<Record<Need, GuidanceEntry[]>>>();
  return needs.map((need) => ({ heading: HEADINGS[need], entries: all[need] ?? [], locale: from })).filter((g) => g.entries.length > 0);
}
