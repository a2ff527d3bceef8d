/**
 * Outcome metrics of a cohort, counted in SQL (the formulas are in worker/domain/metrics.ts).
 * Each query returns counts grouped by week or period, never participants' rows; the small-group
 * rule is applied to those counts before anything leaves this module.
 */
import {
  COMPLETE_WORDS,
  headline,
  MIN_GROUP_SIZE,
  PERIOD_WEEKS,
  periodOf,
  periodWeeks,
  shown,
  type Headline,
  type Ratio,
} from '../domain/metrics.ts';
import { cycleOn, cycleStart, cycleStartsUtc, localDate } from '../domain/weeks.ts';
import type { Cohort } from './cohorts.ts';

/**
 * A complete week's figures. The week under way is never published: comparing builds an hour
 * apart would show what the one new answer was.
 */
export interface WeekFigures {
  week: number;
  /** First day of the week, YYYY-MM-DD in the cohort's timezone. */
  startsOn: string;
  /**
   * Mentees who checked in of mentees expected; null when fewer than five were expected, or when
   * one to four were paused (mentees − expected would name a small group).
   */
  engagement: Ratio | null;
  /** Action score of the actions that came due; null when fewer than five came due. */
  actions: Ratio | null;
}

export const PULSE_DIMENSIONS = ['trust', 'safety', 'feedbackEase', 'adaptability'] as const;
export type PulseDimension = (typeof PULSE_DIMENSIONS)[number];

export interface PeriodFigures {
  period: number;
  fromWeek: number;
  toWeek: number;
}

/** Pulse means of a period (sum of scores of the responses): null when under five people answered. */
export interface PulsePeriod extends PeriodFigures {
  means: Record<PulseDimension, Ratio> | null;
}

export interface FeedbackPeriod extends PeriodFigures {
  /** Sum of ratings ÷ ratings; null when under five receivers rated. */
  usefulness: Ratio | null;
  /** Complete pieces ÷ pieces given; null when under five people gave feedback. */
  complete: Ratio | null;
}

export interface GoalFigures {
  /** Goals by status; null when under five people set goals. */
  byStatus: { active: number; done: number; recalibrated: number; dropped: number } | null;
  completion: Ratio | null;
  adaptability: Ratio | null;
}

export type HeadlineKey = 'engagement' | 'actions' | 'usefulness' | 'completeFeedback' | 'pulse' | 'goalCompletion' | 'adaptability';

export interface CohortMetrics {
  weeks: WeekFigures[];
  pulses: PulsePeriod[];
  feedback: FeedbackPeriod[];
  goals: GoalFigures;
  /** Milestones reached; null when under five people reached one. */
  milestones: number | null;
  headlines: Record<HeadlineKey, Headline>;
}

/**
 * The words in a text column, for the complete-feedback rule: line breaks and tabs count as spaces,
 * and runs of up to eight spaces as one gap.
 */
function words(column: string): string {
  let text = `replace(replace(replace(${column}, char(13), ' '), char(10), ' '), char(9), ' ')`;
  for (let i = 0; i < 3; i++) text = `replace(${text}, '  ', ' ')`;
  return `(length(trim(${text})) - length(replace(trim(${text}), ' ', '')) + (trim(${text}) <> ''))`;
}

/** The cohort week (1-based) of a YYYY-MM-DD… column, given ?3 = starts_on and ?4 = cadence in days. */
const weekOf = (column: string) => `MAX(1, CAST((julianday(substr(${column}, 1, 10)) - julianday(?3)) / ?4 AS INTEGER) + 1)`;

/**
 * Mentees of cohort ?1 and the first week they are expected to check in: the week they joined, or
 * their first check-in if earlier (a roster imported after the start, as the demo's is, would
 * otherwise make everyone a late joiner). Needs ?3 = starts_on, ?4 = cadence in days.
 */
export const MENTEES_FROM_WEEK = `
  mentee AS (
    SELECT p.id, p.pair_id, MIN(${weekOf('p.joined_on')}, COALESCE((SELECT MIN(x.week) FROM checkins x WHERE x.participant_id = p.id), 1e9)) AS from_week
    FROM participants p WHERE p.cohort_id = ?1 AND p.role = 'mentee')`;

/**
 * Per week: mentees expected (less those of paused pairs), mentees who checked in, and the actions
 * that came due with their score. Weeks run from 1 to ?2 or the latest week with a check-in.
 */
const WEEKLY = `
WITH RECURSIVE
  weeks(week) AS (SELECT 1 UNION ALL SELECT week + 1 FROM weeks WHERE week < ?2),
  ${MENTEES_FROM_WEEK},
  latest AS (
    SELECT c.week, c.last_action_done FROM checkins c JOIN mentee m ON m.id = c.participant_id
    WHERE c.cohort_id = ?1 AND c.week <= ?2 AND c.id = (SELECT MAX(x.id) FROM checkins x WHERE x.participant_id = c.participant_id AND x.week = c.week)),
  received AS (
    SELECT week, COUNT(*) AS checked_in, COUNT(last_action_done) AS actions_due,
           SUM(CASE last_action_done WHEN 'yes' THEN 1.0 WHEN 'partly' THEN 0.5 ELSE 0 END) AS actions_done
    FROM latest GROUP BY week),
  pair_week AS (
    SELECT pair_id, week, MAX(needs_pause) AS pause FROM checkins
    WHERE cohort_id = ?1 AND pair_id IS NOT NULL GROUP BY pair_id, week),
  paused AS (
    SELECT pr.id AS pair_id, w.week FROM pairs pr JOIN weeks w
    WHERE pr.cohort_id = ?1
      AND NOT EXISTS (SELECT 1 FROM pair_week pw WHERE pw.pair_id = pr.id AND pw.week = w.week)
      AND (SELECT pw.pause FROM pair_week pw WHERE pw.pair_id = pr.id AND pw.week < w.week ORDER BY pw.week DESC LIMIT 1) = 1),
  enrolled AS (SELECT w.week, COUNT(m.id) AS n FROM weeks w JOIN mentee m ON m.from_week <= w.week GROUP BY w.week),
  paused_mentees AS (SELECT p.week, COUNT(*) AS n FROM paused p JOIN mentee m ON m.pair_id = p.pair_id AND m.from_week <= p.week GROUP BY p.week)
SELECT w.week, COALESCE(e.n, 0) - COALESCE(pm.n, 0) AS expected, COALESCE(pm.n, 0) AS paused,
       COALESCE(r.checked_in, 0) AS checked_in, COALESCE(r.actions_due, 0) AS actions_due, COALESCE(r.actions_done, 0) AS actions_done
FROM weeks w LEFT JOIN enrolled e ON e.week = w.week LEFT JOIN received r ON r.week = w.week LEFT JOIN paused_mentees pm ON pm.week = w.week
ORDER BY w.week`;

// PERIOD_WEEKS is written into the SQL: a bound number arrives as REAL and would not divide whole.
const PULSES = `
SELECT (week - 1) / ${PERIOD_WEEKS} + 1 AS period, COUNT(DISTINCT participant_id) AS participants, COUNT(*) AS responses,
       SUM(trust) AS trust, SUM(safety) AS safety, SUM(feedback_ease) AS feedback_ease, SUM(adaptability) AS adaptability
FROM pulses WHERE cohort_id = ?1 GROUP BY period ORDER BY period`;

// Feedback counts in the period it was given, a rating in the period it was given in: a period,
// once closed, never changes, so comparing builds cannot single out a late rating. rated_at is a
// UTC instant, so its week is counted against ?3, a JSON array of the UTC instants at which weeks
// 1, 2, … begin in the cohort's timezone (cycleStartsUtc); before the first, it is week 1.
const FEEDBACK = `
WITH
  given AS (
    SELECT (week - 1) / ${PERIOD_WEEKS} + 1 AS period, COUNT(*) AS given, COUNT(DISTINCT participant_id) AS givers,
           SUM(${words('behaviour')} >= ?2 AND ${words('impact')} >= ?2 AND ${words('next_step')} >= ?2) AS complete
    FROM feedback WHERE cohort_id = ?1 GROUP BY period),
  rated AS (
    SELECT (MAX(1, (SELECT COUNT(*) FROM json_each(?3) WHERE value <= rated_at)) - 1) / ${PERIOD_WEEKS} + 1 AS period, SUM(usefulness) AS usefulness, COUNT(*) AS rated, COUNT(DISTINCT receiver_id) AS raters
    FROM feedback WHERE cohort_id = ?1 AND usefulness IS NOT NULL AND rated_at IS NOT NULL GROUP BY period),
  periods AS (SELECT period FROM given UNION SELECT period FROM rated)
SELECT p.period, COALESCE(g.given, 0) AS given, COALESCE(g.givers, 0) AS givers, COALESCE(g.complete, 0) AS complete,
       COALESCE(r.usefulness, 0) AS usefulness, COALESCE(r.rated, 0) AS rated, COALESCE(r.raters, 0) AS raters
FROM periods p LEFT JOIN given g ON g.period = p.period LEFT JOIN rated r ON r.period = p.period
ORDER BY p.period`;

const GOALS = `
WITH goal AS (
  SELECT g.participant_id, g.status, g.due_on, EXISTS (SELECT 1 FROM goals n WHERE n.replaces_goal_id = g.id) AS recalibrated
  FROM goals g WHERE g.cohort_id = ?1)
SELECT COALESCE(SUM(status = 'active' AND NOT recalibrated), 0) AS active,
       COUNT(DISTINCT CASE WHEN status = 'active' AND NOT recalibrated THEN participant_id END) AS active_people,
       COUNT(DISTINCT CASE WHEN status = 'done' AND NOT recalibrated THEN participant_id END) AS done_people,
       COUNT(DISTINCT CASE WHEN recalibrated THEN participant_id END) AS recalibrated_people,
       COUNT(DISTINCT CASE WHEN status = 'dropped' AND NOT recalibrated THEN participant_id END) AS dropped_people,
       COALESCE(SUM(status = 'done' AND NOT recalibrated), 0) AS done,
       COALESCE(SUM(recalibrated), 0) AS recalibrated,
       COALESCE(SUM(status = 'dropped' AND NOT recalibrated), 0) AS dropped,
       COALESCE(SUM((due_on <= ?2 OR status = 'done') AND NOT recalibrated), 0) AS due,
       COUNT(DISTINCT CASE WHEN (due_on <= ?2 OR status = 'done') AND NOT recalibrated THEN participant_id END) AS due_participants,
       COUNT(DISTINCT CASE WHEN recalibrated OR status = 'dropped' THEN participant_id END) AS given_up_participants
FROM goal`;

const MILESTONES = `SELECT COUNT(*) AS reached, COUNT(DISTINCT participant_id) AS participants FROM milestones WHERE cohort_id = ?1`;

interface WeekRow {
  week: number;
  expected: number;
  paused: number;
  checked_in: number;
  actions_due: number;
  actions_done: number;
}
interface PulseRow {
  period: number;
  participants: number;
  responses: number;
  trust: number;
  safety: number;
  feedback_ease: number;
  adaptability: number;
}
interface FeedbackRow {
  period: number;
  given: number;
  givers: number;
  usefulness: number;
  rated: number;
  raters: number;
  complete: number;
}
interface GoalRow {
  active_people: number;
  done_people: number;
  recalibrated_people: number;
  dropped_people: number;
  active: number;
  done: number;
  recalibrated: number;
  dropped: number;
  due: number;
  due_participants: number;
  given_up_participants: number;
}

/**
 * The cohort's current week (its last week once it has ended), and its last complete week: the
 * week before the current one, or the last week once the cohort has ended.
 */
export function currentWeek(cohort: Pick<Cohort, 'startsOn' | 'cadenceDays' | 'endsOn' | 'timezone'>, now: Date): { week: number; lastComplete: number; ended: boolean; today: string } {
  const today = localDate(now, cohort.timezone);
  const ended = cohort.endsOn !== null && cohort.endsOn < today;
  const week = cycleOn(cohort.startsOn, cohort.cadenceDays, ended ? cohort.endsOn! : today);
  return { week, lastComplete: ended ? week : week - 1, ended, today };
}

/** The statements of a cohort's metrics, for a caller's db.batch(); read them with readCohortMetrics. */
export function cohortMetricsStatements(db: D1Database, cohort: Cohort, now: Date): D1PreparedStatement[] {
  const { week, lastComplete, today } = currentWeek(cohort, now);
  // Starts of weeks 1 … current + 1: a later rating falls in an open period either way.
  const weekStarts = JSON.stringify(cycleStartsUtc(cohort.startsOn, cohort.cadenceDays, cohort.timezone, week + 1));
  return [
    db.prepare(WEEKLY).bind(cohort.id, lastComplete, cohort.startsOn, cohort.cadenceDays),
    db.prepare(PULSES).bind(cohort.id),
    db.prepare(FEEDBACK).bind(cohort.id, COMPLETE_WORDS, weekStarts),
    db.prepare(GOALS).bind(cohort.id, today),
    db.prepare(MILESTONES).bind(cohort.id),
  ];
}

/** Turns the results of cohortMetricsStatements into figures, hiding every small group. */
export function readCohortMetrics(cohort: Cohort, now: Date, results: D1Result[]): CohortMetrics {
  const [weekly, pulseRows, feedbackRows, goalRows, milestoneRows] = results.map((r) => r.results) as [WeekRow[], PulseRow[], FeedbackRow[], GoalRow[], { reached: number; participants: number }[]];
  const { lastComplete } = currentWeek(cohort, now);
  const closed = <T extends { toWeek: number }>(period: T) => period.toWeek <= lastComplete;
  const completePeriods = Math.floor(lastComplete / PERIOD_WEEKS);

  const weeks: WeekFigures[] = weekly.map((r) => ({
    week: r.week,
    startsOn: cycleStart(cohort.startsOn, cohort.cadenceDays, r.week),
    // One to four paused mentees would be a small group worked out as "mentees − expected".
    engagement: shown({ part: r.checked_in, whole: r.expected, participants: r.paused > 0 && r.paused < MIN_GROUP_SIZE ? 0 : r.expected }),
    // One answer per mentee and week, so the actions that came due are also the people behind them.
    actions: shown({ part: r.actions_done, whole: r.actions_due, participants: r.actions_due }),
  }));

  const pulses: PulsePeriod[] = pulseRows.map((r) => ({
    ...periodFigures(r.period),
    means:
      r.participants >= MIN_GROUP_SIZE
        ? { trust: { part: r.trust, whole: r.responses }, safety: { part: r.safety, whole: r.responses }, feedbackEase: { part: r.feedback_ease, whole: r.responses }, adaptability: { part: r.adaptability, whole: r.responses } }
        : null,
  })).filter(closed);

  const feedback: FeedbackPeriod[] = feedbackRows.map((r) => ({
    ...periodFigures(r.period),
    usefulness: shown({ part: r.usefulness, whole: r.rated, participants: r.raters }),
    complete: shown({ part: r.complete, whole: r.given, participants: r.givers }),
  })).filter(closed);

  const g = goalRows[0]!;
  // Each status is a group of its own: shown only when every status that has goals has five people.
  const statusPeople = [g.active_people, g.done_people, g.recalibrated_people, g.dropped_people];
  const goals: GoalFigures = {
    byStatus: statusPeople.some((n) => n > 0) && statusPeople.every((n) => n === 0 || n >= MIN_GROUP_SIZE) ? { active: g.active, done: g.done, recalibrated: g.recalibrated, dropped: g.dropped } : null,
    completion: shown({ part: g.done, whole: g.due, participants: g.due_participants }),
    adaptability: shown({ part: g.recalibrated, whole: g.recalibrated + g.dropped, participants: g.given_up_participants }),
  };
  const m = milestoneRows[0]!;

  const pulseOverall = (p: PulsePeriod): Ratio | null =>
    p.means && { part: PULSE_DIMENSIONS.reduce((s, d) => s + p.means![d].part, 0), whole: PULSE_DIMENSIONS.reduce((s, d) => s + p.means![d].whole, 0) };
  const once = (ratio: Ratio | null): Headline => ({ ...headline([{ period: 1, ratio }], 0), latest: null, previous: null });

  return {
    weeks,
    pulses,
    feedback,
    goals,
    milestones: m.participants >= MIN_GROUP_SIZE ? m.reached : null,
    headlines: {
      engagement: headline(weeks.map((w) => ({ period: periodOf(w.week), ratio: w.engagement })), completePeriods),
      actions: headline(weeks.map((w) => ({ period: periodOf(w.week), ratio: w.actions })), completePeriods),
      usefulness: headline(feedback.map((p) => ({ period: p.period, ratio: p.usefulness })), completePeriods),
      completeFeedback: headline(feedback.map((p) => ({ period: p.period, ratio: p.complete })), completePeriods),
      pulse: headline(pulses.map((p) => ({ period: p.period, ratio: pulseOverall(p) })), completePeriods),
      goalCompletion: once(goals.completion),
      adaptability: once(goals.adaptability),
    },
  };
}

function periodFigures(period: number): PeriodFigures {
  return { period, ...periodWeeks(period) };
}

/** A cohort's metrics in one round trip. */
export async function loadCohortMetrics(db: D1Database, cohort: Cohort, now = new Date()): Promise<CohortMetrics> {
  return readCohortMetrics(cohort, now, await db.batch(cohortMetricsStatements(db, cohort, now)));
}
