/**
 * Report queries the build reads: everything a cohort story page shows, and nothing else.
 * Only text shared publicly is selected (text shared with the cohort stays on the members-only
 * page the Worker renders); e-mails and tokens are never selected; published text is scrubbed of
 * e-mail addresses, phone numbers and URLs on its way out.
 */
import type { CohortMetrics } from '../domain/cohort-metrics.ts';
import { digestOf } from '../domain/digest.ts';
import { scrubText } from '../domain/redact.ts';
import { listPublishedCohorts, type Cohort } from './cohorts.ts';
import { cohortsParam, inCohorts, rowsByCohort, runRead, type BatchRead } from './cohort-set.ts';
import { metricsRead } from './metrics.ts';
import { momentFrom, momentsStatement, type Moment, type MomentRow } from './moments.ts';
import { listSharedStrategies, listSuccessStories, type SharedStrategy, type SuccessStory } from './strategies.ts';

export interface Member {
  displayName: string;
  role: 'mentor' | 'mentee';
  pair: string | null;
  circle: string | null;
}

export interface CohortStory {
  cohort: Cohort;
  members: Member[];
  /** Outcome figures, every small group already hidden. */
  metrics: CohortMetrics;
  /** Wins, insights, strategies and milestones shared publicly, by week. */
  timeline: Moment[];
}

interface MemberRow {
  cohort_id: number;
  display_name: string;
  role: Member['role'];
  pair: string | null;
  circle: string | null;
}

/** Cohorts' stories for a caller's db.batch(), in the order of `cohorts`; `scrub` scrubs their moments. */
function storiesRead(db: D1Database, cohorts: readonly Cohort[], now: Date, scrub: typeof scrubText = scrubText): BatchRead<CohortStory[]> {
  const ids = cohorts.map((c) => c.id);
  const members = db
    .prepare(
      `SELECT p.cohort_id, p.display_name, p.role, pr.label AS pair, ci.label AS circle
       FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
       WHERE ${inCohorts('p.cohort_id', ids)} ORDER BY p.cohort_id, p.role DESC, ci.label, pr.label, p.display_name`,
    )
    .bind(cohortsParam(ids));
  const metrics = metricsRead(db, cohorts, now);
  return {
    statements: [members, momentsStatement(db, ids, 'site'), ...metrics.statements],
    read([memberRows, momentRows, ...figures]) {
      const membersOf = rowsByCohort(ids, memberRows!.results as MemberRow[]);
      const momentsOf = rowsByCohort(ids, momentRows!.results as MomentRow[]);
      const metricsOf = metrics.read(figures);
      return cohorts.map((cohort, i) => ({
        cohort,
        members: membersOf[i]!.map((m) => ({ displayName: m.display_name, role: m.role, pair: m.pair, circle: m.circle })),
        metrics: metricsOf[i]!,
        timeline: momentsOf[i]!.map((row) => momentFrom(row, scrub)),
      }));
    },
  };
}

export async function loadCohortStory(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortStory> {
  const [story] = await runRead(db, storiesRead(db, [cohort], now));
  return story!;
}

export interface PublishedProgram {
  /** One story per public or unlisted cohort; private cohorts are not read. */
  stories: CohortStory[];
  /** Strategies shared with public consent, for the library. */
  strategies: SharedStrategy[];
  /** Milestones shared as success stories, for the library. */
  successStories: SuccessStory[];
}

/** How many cohorts' stories the build's read asks for in one batch. */
const COHORTS_PER_BATCH = 25;

/** Everything the build publishes from D1, and nothing else. */
export async function loadPublishedProgram(db: D1Database, now = new Date()): Promise<PublishedProgram> {
  const cohorts = await listPublishedCohorts(db);
  // Cohorts in batches of COHORTS_PER_BATCH, one batch at a time. Each batch is a round trip, and
  // inside workerd (worker/read-program.ts) the round trips, not the SQL, were most of the read:
  // at 4× one batch per cohort took 2.8 times as long as one batch for all. Not all in one: a
  // batch is a transaction, and production D1 serves nothing else while one runs. And not all
  // batches at once: hundreds in flight once made Miniflare's proxy, which the CLI and tests still
  // use, lose track of one.
  // The library publishes again what the stories publish (each public strategy, milestone and
  // insight of a published cohort is a moment of its story), so it takes the stories' scrubbed
  // text instead of scrubbing the same rows twice: at 4× that was most of the library's read.
  // Scrubbing is a pure function, so the text is the same. The stories only keep texts, never
  // look them up: each of their rows is scrubbed as before.
  const scrubbed = new Map<string, string>();
  const scrubAndKeep = (text: string) => {
    const clean = scrubText(text);
    scrubbed.set(text, clean);
    return clean;
  };
  const stories: CohortStory[] = [];
  for (let i = 0; i < cohorts.length; i += COHORTS_PER_BATCH) {
    stories.push(...(await runRead(db, storiesRead(db, cohorts.slice(i, i + COHORTS_PER_BATCH), now, scrubAndKeep))));
  }
  const scrubOnce = (text: string) => scrubbed.get(text) ?? scrubText(text);
  const [strategies, successStories] = await Promise.all([listSharedStrategies(db, scrubOnce), listSuccessStories(db, scrubOnce)]);
  return { stories, strategies, successStories };
}

/** A published cohort and the digest of its story: what its pages are rendered from. */
export interface CohortDigest {
  slug: string;
  digest: string;
}

/**
 * The publishable program for a build that already holds some cohorts' stories (`have`: slug →
 * digest): every cohort's digest, in the order of `stories`, and the stories of only those whose
 * digest differs from what is held. The digests are worked out next to D1 from the whole read,
 * so what travels to the build is what changed.
 */
export async function loadPublishedChanges(db: D1Database, have: Record<string, string> = {}, now = new Date()): Promise<{ program: PublishedProgram; digests: CohortDigest[] }> {
  const program = await loadPublishedProgram(db, now);
  const digests = await Promise.all(program.stories.map(async (story) => ({ slug: story.cohort.slug, digest: await digestOf(story) })));
  return { program: { ...program, stories: program.stories.filter((_, i) => have[digests[i]!.slug] !== digests[i]!.digest) }, digests };
}
