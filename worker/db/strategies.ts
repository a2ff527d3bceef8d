/**
 * What the library publishes from cohorts: strategies participants shared with `public` consent
 * (community entries) and milestones they shared as success stories, credited to the author's
 * display name and cohort, scrubbed of personal data on the way out.
 */
import { scrubText } from '../domain/redact.ts';
import { onPublicPages } from './rules.ts';

export interface SharedStrategy {
  /** The reflection it comes from. */
  id: number;
  title: string;
  body: string;
  tags: string[];
  author: string;
  cohort: { slug: string; name: string; publication: 'public' | 'unlisted' };
  week: number;
}

interface StrategyRow {
  id: number;
  strategy_title: string;
  strategy_body: string;
  strategy_tags: string;
  author: string;
  slug: string;
  name: string;
  publication: 'public' | 'unlisted';
  week: number;
}

const SELECT = `SELECT r.id, r.strategy_title, r.strategy_body, r.strategy_tags, p.display_name AS author, c.slug, c.name, c.publication, r.week
  FROM reflections r JOIN participants p ON p.id = r.participant_id JOIN cohorts c ON c.id = r.cohort_id
  WHERE ${onPublicPages('r.consent')} AND r.strategy_title <> '' AND c.publication IN ('public', 'unlisted')`;

/** Tags as published: scrubbed like all shared text, and only what still reads as a tag. */
function publishedTags(stored: string | null, scrub: typeof scrubText): string[] {
  return (stored ? stored.split(',') : []).map((tag) => scrub(tag)).filter((tag) => /^[a-z0-9][a-z0-9 -]*$/.test(tag));
}

function toStrategy(row: StrategyRow, scrub: typeof scrubText = scrubText): SharedStrategy {
  return {
    id: row.id,
    title: scrub(row.strategy_title),
    body: scrub(row.strategy_body),
    tags: publishedTags(row.strategy_tags, scrub),
    author: row.author,
    cohort: { slug: row.slug, name: row.name, publication: row.publication },
    week: row.week,
  };
}

/**
 * Every strategy shared publicly from a published cohort, newest first. `scrub` is scrubText, or
 * for the build's whole read one that reuses what the cohort stories scrubbed already.
 */
export async function listSharedStrategies(db: D1Database, scrub: typeof scrubText = scrubText): Promise<SharedStrategy[]> {
  const { results } = await db.prepare(`${SELECT} ORDER BY r.id DESC`).all<StrategyRow>();
  return results.map((row) => toStrategy(row, scrub));
}

/** One publicly shared strategy, or null when there is none with that id (or it is not public). */
export async function getSharedStrategy(db: D1Database, id: number): Promise<SharedStrategy | null> {
  const row = await db.prepare(`${SELECT} AND r.id = ?1`).bind(id).first<StrategyRow>();
  return row ? toStrategy(row) : null;
}

export interface SuccessStory {
  /** The milestone. */
  id: number;
  milestone: string;
  reachedOn: string;
  author: string;
  cohort: { slug: string; name: string; publication: 'public' | 'unlisted' };
  /** How: the insight of the author's latest public reflection up to then, if any. */
  how: string;
  /** What helped: that reflection's strategy and tags. */
  strategy: string;
  tags: string[];
}

/**
 * Milestones shared publicly, each with the author's latest public reflection from before it was
 * reached (the story of how), newest first.
 */
export async function listSuccessStories(db: D1Database, scrub: typeof scrubText = scrubText): Promise<SuccessStory[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.title, m.reached_on, p.display_name AS author, c.slug, c.name, c.publication,
              r.insight, r.strategy_title, r.strategy_tags
       FROM milestones m JOIN participants p ON p.id = m.participant_id JOIN cohorts c ON c.id = m.cohort_id
       LEFT JOIN reflections r ON r.id = (
         SELECT id FROM reflections WHERE participant_id = m.participant_id AND ${onPublicPages('consent')} AND week <= m.week ORDER BY week DESC, id DESC LIMIT 1)
       WHERE ${onPublicPages('m.consent')} AND m.title <> '' AND c.publication IN ('public', 'unlisted')
       ORDER BY m.reached_on DESC, m.id DESC`,
    )
    .all<{ id: number; title: string; reached_on: string; author: string; slug: string; name: string; publication: 'public' | 'unlisted'; insight: string | null; strategy_title: string | null; strategy_tags: string | null }>();
  return results.map((r) => ({
    id: r.id,
    milestone: scrub(r.title),
    reachedOn: r.reached_on,
    author: r.author,
    cohort: { slug: r.slug, name: r.name, publication: r.publication },
    how: scrub(r.insight ?? ''),
    strategy: scrub(r.strategy_title ?? ''),
    tags: publishedTags(r.strategy_tags, scrub),
  }));
}
