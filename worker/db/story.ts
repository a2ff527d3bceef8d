/**
 * Report queries the build reads: everything a cohort story page shows, and nothing else.
 * Only text whose consent allows it is selected; e-mails and tokens are never selected; published
 * text is scrubbed of e-mail addresses, phone numbers and URLs on its way out.
 */
import { engagementByWeek, weekCount, type EngagementWeek } from '../domain/engagement.ts';
import { pausedWeeks } from '../domain/pauses.ts';
import { scrubText } from '../domain/redact.ts';
import { localDate } from '../domain/weeks.ts';
import { listPublishedCohorts, type Cohort } from './cohorts.ts';

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

interface PairWeekRow {
  pair_id: number;
  week: number;
  pause: number;
  size: number;
}

/** Mentees of paused pairs, per week. */
function pausedMentees(rows: PairWeekRow[], lastWeek: number): Map<number, number> {
  const paused = new Map<number, number>();
  for (const pair of Map.groupBy(rows, (r) => r.pair_id).values()) {
    for (const week of pausedWeeks(pair.map((r) => ({ week: r.week, pause: r.pause === 1 })), lastWeek)) {
      paused.set(week, (paused.get(week) ?? 0) + pair[0]!.size);
    }
  }
  return paused;
}

export async function loadCohortStory(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortStory> {
  const [members, counts, weekly, moments, pairWeeks] = await db.batch([
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
    db
      .prepare(
        `SELECT c.pair_id, c.week, MAX(c.needs_pause) AS pause, (SELECT COUNT(*) FROM participants m WHERE m.pair_id = c.pair_id AND m.role = 'mentee') AS size
         FROM checkins c WHERE c.cohort_id = ?1 AND c.pair_id IS NOT NULL GROUP BY c.pair_id, c.week ORDER BY c.pair_id, c.week`,
      )
      .bind(cohort.id),
  ]);

  const expected = (counts!.results[0] as { mentees: number }).mentees;
  const byWeek = new Map((weekly!.results as { week: number; checked_in: number }[]).map((r) => [r.week, r.checked_in]));
  const today = localDate(now, cohort.timezone);
  const engagement = engagementByWeek(cohort, expected, byWeek, today, pausedMentees(pairWeeks!.results as PairWeekRow[], weekCount(cohort, today, byWeek.keys())));

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

/** Every story the build publishes: one per public or unlisted cohort. Private cohorts are not read. */
export async function loadPublishedProgram(db: D1Database, now = new Date()): Promise<CohortStory[]> {
  const cohorts = await listPublishedCohorts(db);
  return Promise.all(cohorts.map((cohort) => loadCohortStory(db, cohort, now)));
}
