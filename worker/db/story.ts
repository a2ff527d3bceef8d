/**
 * Report queries the build reads: everything a cohort story page shows, and nothing else.
 * Only text whose consent allows it is selected; e-mails and tokens are never selected; published
 * text is scrubbed of e-mail addresses, phone numbers and URLs on its way out.
 */
import type { CohortMetrics } from '../domain/cohort-metrics.ts';
import type { MomentKind, SharedConsent } from '../domain/consent.ts';
import { scrubText } from '../domain/redact.ts';
import { listPublishedCohorts, type Cohort } from './cohorts.ts';
import { cohortMetricsStatements, readCohortMetrics } from './metrics.ts';
import { PUBLISHED } from './rules.ts';
import { listSharedStrategies, listSuccessStories, type SharedStrategy, type SuccessStory } from './strategies.ts';

export interface Member {
  displayName: string;
  role: 'mentor' | 'mentee';
  pair: string | null;
  circle: string | null;
}

export interface Moment {
  week: number;
  kind: MomentKind;
  author: string;
  title: string;
  text: string;
  /** 'cohort': for the cohort's pages only; 'public': also for public reports and the library. */
  consent: SharedConsent;
}

export interface CohortStory {
  cohort: Cohort;
  members: Member[];
  /** Outcome figures, every small group already hidden. */
  metrics: CohortMetrics;
  /** Consented wins, insights, strategies and milestones, by week. */
  timeline: Moment[];
}

export async function loadCohortStory(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortStory> {
  const [members, moments, ...figures] = await db.batch([
    db
      .prepare(
        `SELECT p.display_name, p.role, pr.label AS pair, ci.label AS circle
         FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
         WHERE p.cohort_id = ?1 ORDER BY p.role DESC, ci.label, pr.label, p.display_name`,
      )
      .bind(cohort.id),
    db
      .prepare(
        `SELECT s.week, s.kind, p.display_name AS author, s.title, s.text, s.consent
         FROM (${PUBLISHED}) s JOIN participants p ON p.id = s.participant_id
         WHERE s.cohort_id = ?1
         ORDER BY s.week, s.kind, author`,
      )
      .bind(cohort.id),
    ...cohortMetricsStatements(db, cohort, now),
  ]);

  return {
    cohort,
    members: (members!.results as { display_name: string; role: Member['role']; pair: string | null; circle: string | null }[]).map((m) => ({
      displayName: m.display_name,
      role: m.role,
      pair: m.pair,
      circle: m.circle,
    })),
    metrics: readCohortMetrics(cohort, now, figures),
    timeline: (moments!.results as Moment[]).map((m) => ({
      week: m.week,
      kind: m.kind,
      author: m.author,
      title: scrubText(m.title),
      text: scrubText(m.text),
      consent: m.consent,
    })),
  };
}

export interface PublishedProgram {
  /** One story per public or unlisted cohort; private cohorts are not read. */
  stories: CohortStory[];
  /** Strategies shared with public consent, for the library. */
  strategies: SharedStrategy[];
  /** Milestones shared as success stories, for the library. */
  successStories: SuccessStory[];
}

/** Everything the build publishes from D1, and nothing else. */
export async function loadPublishedProgram(db: D1Database, now = new Date()): Promise<PublishedProgram> {
  const cohorts = await listPublishedCohorts(db);
  // One cohort at a time: the build runs this inside workerd (worker/read-program.ts), next to one
  // SQLite file that answers one statement at a time anyway, and hundreds of batches in flight at
  // once once made Miniflare's proxy, which the CLI and tests still use, lose track of one.
  const stories: CohortStory[] = [];
  for (const cohort of cohorts) stories.push(await loadCohortStory(db, cohort, now));
  const [strategies, successStories] = await Promise.all([listSharedStrategies(db), listSuccessStories(db)]);
  return { stories, strategies, successStories };
}
