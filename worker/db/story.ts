/**
 * Report queries the build reads: everything a cohort story page shows, and nothing else.
 * Only text shared publicly is selected (text shared with the cohort stays on the members-only
 * page the Worker renders); e-mails and tokens are never selected; published text is scrubbed of
 * e-mail addresses, phone numbers and URLs on its way out.
 */
import type { CohortMetrics } from '../domain/cohort-metrics.ts';
import { digestOf } from '../domain/digest.ts';
import { listPublishedCohorts, type Cohort } from './cohorts.ts';
import { cohortMetricsStatements, readCohortMetrics } from './metrics.ts';
import { momentFrom, momentsStatement, type Moment } from './moments.ts';
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

/** The statements of a cohort's story, for a caller's db.batch(); read them with readCohortStory. */
function cohortStoryStatements(db: D1Database, cohort: Cohort, now: Date): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `SELECT p.display_name, p.role, pr.label AS pair, ci.label AS circle
         FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
         WHERE p.cohort_id = ?1 ORDER BY p.role DESC, ci.label, pr.label, p.display_name`,
      )
      .bind(cohort.id),
    momentsStatement(db, cohort.id, 'site'),
    ...cohortMetricsStatements(db, cohort, now),
  ];
}

function readCohortStory(cohort: Cohort, now: Date, [members, moments, ...figures]: D1Result[]): CohortStory {
  return {
    cohort,
    members: (members!.results as { display_name: string; role: Member['role']; pair: string | null; circle: string | null }[]).map((m) => ({
      displayName: m.display_name,
      role: m.role,
      pair: m.pair,
      circle: m.circle,
    })),
    metrics: readCohortMetrics(cohort, now, figures),
    timeline: (moments!.results as Moment[]).map(momentFrom),
  };
}

export async function loadCohortStory(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortStory> {
  return readCohortStory(cohort, now, await db.batch(cohortStoryStatements(db, cohort, now)));
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
  const stories: CohortStory[] = [];
  for (let i = 0; i < cohorts.length; i += COHORTS_PER_BATCH) {
    const chunk = cohorts.slice(i, i + COHORTS_PER_BATCH);
    const statements = chunk.map((cohort) => cohortStoryStatements(db, cohort, now));
    const results = await db.batch(statements.flat());
    let at = 0;
    for (const [j, cohort] of chunk.entries()) {
      stories.push(readCohortStory(cohort, now, results.slice(at, at + statements[j]!.length)));
      at += statements[j]!.length;
    }
  }
  const [strategies, successStories] = await Promise.all([listSharedStrategies(db), listSuccessStories(db)]);
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
