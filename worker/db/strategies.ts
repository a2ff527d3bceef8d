/**
 * Strategies participants shared with `public` consent: the library's community entries, credited
 * to their author's display name and cohort, scrubbed of personal data on the way out.
 */
import { scrubText } from '../domain/redact.ts';

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
  WHERE r.consent = 'public' AND r.strategy_title <> '' AND c.publication IN ('public', 'unlisted')`;

function toStrategy(row: StrategyRow): SharedStrategy {
  return {
    id: row.id,
    title: scrubText(row.strategy_title),
    body: scrubText(row.strategy_body),
    tags: row.strategy_tags ? row.strategy_tags.split(',') : [],
    author: row.author,
    cohort: { slug: row.slug, name: row.name, publication: row.publication },
    week: row.week,
  };
}

/** Every strategy shared publicly from a published cohort, newest first. */
export async function listSharedStrategies(db: D1Database): Promise<SharedStrategy[]> {
  const { results } = await db.prepare(`${SELECT} ORDER BY r.id DESC`).all<StrategyRow>();
  return results.map(toStrategy);
}

/** One publicly shared strategy, or null when there is none with that id (or it is not public). */
export async function getSharedStrategy(db: D1Database, id: number): Promise<SharedStrategy | null> {
  const row = await db.prepare(`${SELECT} AND r.id = ?1`).bind(id).first<StrategyRow>();
  return row ? toStrategy(row) : null;
}
