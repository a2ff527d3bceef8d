/**
 * Report queries the build reads: everything a cohort story page shows, and nothing else.
 * Only text whose consent allows it is selected; e-mails and tokens are never selected; published
 * text is scrubbed of e-mail addresses, phone numbers and URLs on its way out.
 */
import { engagementByWeek, weekCount, type EngagementWeek } from '../domain/engagement.ts';
import { scrubText } from '../domain/redact.ts';
import { localDate } from '../domain/weeks.ts';
import { listPublishedCohorts, type Cohort } from './cohorts.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';
import { listSharedStrategies, listSuccessStories, type SharedStrategy, type SuccessStory } from './strategies.ts';

/** Consent levels whose text may appear on a cohort's own pages. */
const COHORT_PAGE_CONSENT = "('cohort', 'public')";

export interface Member {
  displayName: string;
  role: 'mentor' | 'mentee';
  pair: string | null;
  circle: string | null;
}

export type MomentKind = 'win' | 'insight' | 'strategy';

export interface Moment {
  week: number;
  kind: MomentKind;
  author: string;
  title: string;
  text: string;
}

export interface CohortStory {
  cohort: Cohort;
  members: Member[];
  /** One row per week from 1 to the current week; null when the cohort is too small to show. */
  engagement: EngagementWeek[] | null;
  timeline: Moment[];
}

export async function loadCohortStory(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortStory> {
  const [members, counts, weekly, moments, pairWeeks, pairSizes] = await db.batch([
    db
      .prepare(
        `SELECT p.display_name, p.role, pr.label AS pair, ci.label AS circle
         FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
         WHERE p.cohort_id = ?1 ORDER BY p.role DESC, ci.label, pr.label, p.display_name`,
      )
      .bind(cohort.id),
    db.prepare(`SELECT COUNT(*) AS mentees FROM participants WHERE cohort_id = ?1 AND role = 'mentee'`).bind(cohort.id),
    db
      .prepare(
        `SELECT c.week, COUNT(DISTINCT c.participant_id) AS checked_in
         FROM checkins c JOIN participants p ON p.id = c.participant_id AND p.role = 'mentee'
         WHERE c.cohort_id = ?1 GROUP BY c.week ORDER BY c.week`,
      )
      .bind(cohort.id),
    db
      .prepare(
        `SELECT c.week, 'win' AS kind, p.display_name AS author, '' AS title, c.win AS text
         FROM checkins c JOIN participants p ON p.id = c.participant_id
         WHERE c.cohort_id = ?1 AND c.win_consent IN ${COHORT_PAGE_CONSENT} AND c.win <> ''
         UNION ALL
         SELECT r.week, 'insight', p.display_name, '', r.insight
         FROM reflections r JOIN participants p ON p.id = r.participant_id
         WHERE r.cohort_id = ?1 AND r.consent IN ${COHORT_PAGE_CONSENT} AND r.insight <> ''
         UNION ALL
         SELECT r.week, 'strategy', p.display_name, r.strategy_title, r.strategy_body
         FROM reflections r JOIN participants p ON p.id = r.participant_id
         WHERE r.cohort_id = ?1 AND r.consent IN ${COHORT_PAGE_CONSENT} AND r.strategy_title <> ''
         ORDER BY 1, 2, 3`,
      )
      .bind(cohort.id),
    // Every week up to a far bound: pauses are cut to the weeks shown below.
    pairWeeksStatement(db, cohort.id, Number.MAX_SAFE_INTEGER),
    db.prepare(`SELECT pair_id, COUNT(*) AS size FROM participants WHERE cohort_id = ?1 AND role = 'mentee' AND pair_id IS NOT NULL GROUP BY pair_id`).bind(cohort.id),
  ]);

  const expected = (counts!.results[0] as { mentees: number }).mentees;
  const byWeek = new Map((weekly!.results as { week: number; checked_in: number }[]).map((r) => [r.week, r.checked_in]));
  const today = localDate(now, cohort.timezone);
  const lastWeek = weekCount(cohort, today, byWeek.keys());
  const sizes = new Map((pairSizes!.results as { pair_id: number; size: number }[]).map((r) => [r.pair_id, r.size]));
  const pausedMentees = new Map<number, number>();
  for (const [pairId, weeks] of pausesByPair(pairWeeks!.results as PairWeekRow[], lastWeek)) {
    for (const week of weeks) pausedMentees.set(week, (pausedMentees.get(week) ?? 0) + (sizes.get(pairId) ?? 0));
  }
  const engagement = engagementByWeek(cohort, expected, byWeek, today, pausedMentees);

  return {
    cohort,
    members: (members!.results as { display_name: string; role: Member['role']; pair: string | null; circle: string | null }[]).map((m) => ({
      displayName: m.display_name,
      role: m.role,
      pair: m.pair,
      circle: m.circle,
    })),
    engagement,
    timeline: (moments!.results as { week: number; kind: MomentKind; author: string; title: string; text: string }[]).map((m) => ({
      week: m.week,
      kind: m.kind,
      author: m.author,
      title: scrubText(m.title),
      text: scrubText(m.text),
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
  const [stories, strategies, successStories] = await Promise.all([
    Promise.all(cohorts.map((cohort) => loadCohortStory(db, cohort, now))),
    listSharedStrategies(db),
    listSuccessStories(db),
  ]);
  return { stories, strategies, successStories };
}
