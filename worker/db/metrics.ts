/**
 * Outcome metrics of a cohort, counted in SQL (the formulas are in worker/domain/metrics.ts).
 * Each query returns counts grouped by week or period, never participants' rows;
 * worker/domain/cohort-metrics.ts turns them into figures, hiding every small group.
 */
import { cohortFigures, type CohortMetrics, type FeedbackCounts, type GoalCounts, type MetricCounts, type MilestoneCounts, type PulseCounts, type WeekCounts } from '../domain/cohort-metrics.ts';
import { COMPLETE_WORDS, MIN_GROUP_SIZE, PERIOD_WEEKS } from '../domain/metrics.ts';
import { currentWeek, cycleStarts, cycleStartsUtc, localDate } from '../domain/weeks.ts';
import { cohortsParam, inCohorts, rowsByCohort, runRead, type BatchRead } from './cohort-set.ts';
import type { Cohort } from './cohorts.ts';
import { actionScore, COHORT_ROWS, isComplete, latestOfItsWeek, menteesFromWeek, pairWeeks, pausedIn, PULSE_SUMS } from './rules.ts';


/**
 * CTE `cohort`: the cohorts asked about, from ?1 (`calendarsParam`), each with its last complete
 * week and the first days of its weeks, as local dates (`week_starts`) and as UTC instants
 * (`week_starts_utc`). Each cohort has its own calendar, so its weeks and periods are counted
 * against its own starts, and one statement counts them for a batch of cohorts: one per cohort
 * and kind was half the build's read, most of it preparing the same statement again.
 * MATERIALIZED: the JSON is read once, not again wherever a row asks for its cohort's starts.
 */
const COHORT = `
  cohort AS MATERIALIZED (
    SELECT value ->> 'id' AS id, value ->> 'lastComplete' AS last_week, value -> 'weekStarts' AS week_starts, value -> 'weekStartsUtc' AS week_starts_utc
    FROM json_each(?1))`;

/** ?1 of the metrics' statements: each cohort's id, last complete week and week starts (weeks 1 … current + 1). */
function calendarsParam(cohorts: readonly Cohort[], now: Date): string {
  return JSON.stringify(
    cohorts.map((cohort) => {
      const { week, lastComplete } = currentWeek(cohort, now);
      // Starts of weeks 1 … current + 1: a later day (a join, a rating) falls in an open week either way.
      return { id: cohort.id, lastComplete, weekStarts: cycleStarts(cohort, week + 1), weekStartsUtc: cycleStartsUtc(cohort, week + 1) };
    }),
  );
}

/**
 * Per cohort and week: mentees expected (less those of paused pairs), mentees who checked in, and
 * the actions that came due with their score. Each cohort's weeks run from 1 to its last complete.
 */
const WEEKLY = `
WITH RECURSIVE
  ${COHORT},
  weeks(cohort_id, week, last_week) AS (SELECT id, 1, last_week FROM cohort UNION ALL SELECT cohort_id, week + 1, last_week FROM weeks WHERE week < last_week),
  ${menteesFromWeek(COHORT_ROWS)},
  latest AS (
    SELECT c.cohort_id, c.week, c.last_action_done FROM cohort k JOIN checkins c ON c.cohort_id = k.id AND c.week <= k.last_week JOIN mentee m ON m.id = c.participant_id
    WHERE ${latestOfItsWeek('c')}),
  received AS (
    SELECT cohort_id, week, COUNT(*) AS checked_in, COUNT(last_action_done) AS actions_due,
           SUM(${actionScore('last_action_done')}) AS actions_done
    FROM latest GROUP BY cohort_id, week),
  ${pairWeeks(COHORT_ROWS)},
  -- MATERIALIZED: the pause rule once per pair and week, not again for every mentee of the pair.
  paused AS MATERIALIZED (SELECT pr.id AS pair_id, w.cohort_id, w.week FROM weeks w JOIN pairs pr ON pr.cohort_id = w.cohort_id WHERE ${pausedIn('pr.id', 'w.week')}),
  -- Mentees expected by each week: a running sum of those expected from it (from week 1 for any
  -- earlier), rather than every mentee compared with every week.
  expected_from AS (SELECT cohort_id, MAX(from_week, 1) AS week, COUNT(*) AS n FROM mentee GROUP BY cohort_id, MAX(from_week, 1)),
  enrolled AS (
    SELECT w.cohort_id, w.week, SUM(COALESCE(j.n, 0)) OVER (PARTITION BY w.cohort_id ORDER BY w.week) AS n
    FROM weeks w LEFT JOIN expected_from j ON j.cohort_id = w.cohort_id AND j.week = w.week),
  paused_mentees AS (SELECT pp.cohort_id, pp.week, COUNT(*) AS n FROM paused pp JOIN mentee m ON m.pair_id = pp.pair_id AND m.from_week <= pp.week GROUP BY pp.cohort_id, pp.week)
SELECT w.cohort_id, w.week, COALESCE(e.n, 0) - COALESCE(pm.n, 0) AS expected, COALESCE(pm.n, 0) AS paused,
       COALESCE(r.checked_in, 0) AS checked_in, COALESCE(r.actions_due, 0) AS actions_due, COALESCE(r.actions_done, 0) AS actions_done
FROM weeks w
  LEFT JOIN enrolled e ON e.cohort_id = w.cohort_id AND e.week = w.week
  LEFT JOIN received r ON r.cohort_id = w.cohort_id AND r.week = w.week
  LEFT JOIN paused_mentees pm ON pm.cohort_id = w.cohort_id AND pm.week = w.week
ORDER BY w.cohort_id, w.week`;

// PERIOD_WEEKS is written into the SQL: a bound number arrives as REAL and would not divide whole.
const pulsesQuery = (ids: readonly number[]) => `
SELECT cohort_id, (week - 1) / ${PERIOD_WEEKS} + 1 AS period, COUNT(DISTINCT participant_id) AS participants, COUNT(*) AS responses,
       ${PULSE_SUMS}
FROM pulses WHERE ${inCohorts('cohort_id', ids)} GROUP BY cohort_id, period ORDER BY cohort_id, period`;

// Feedback counts in the period it was given, a rating in the period it was given in: a period,
// once closed, never changes, so comparing builds cannot single out a late rating. rated_at is a
// UTC instant, so its week is counted against the UTC instants at which the cohort's weeks 1, 2, …
// begin in its timezone (cycleStartsUtc); before the first, it is week 1. ?2: COMPLETE_WORDS.
const FEEDBACK = `
WITH
  ${COHORT},
  given AS (
    SELECT cohort_id, (week - 1) / ${PERIOD_WEEKS} + 1 AS period, COUNT(*) AS given, COUNT(DISTINCT participant_id) AS givers,
           SUM(${isComplete('feedback', '?2')}) AS complete
    FROM feedback WHERE ${COHORT_ROWS.has('cohort_id')} GROUP BY cohort_id, period),
  rated AS (
    SELECT f.cohort_id, (MAX(1, (SELECT COUNT(*) FROM json_each(k.week_starts_utc) WHERE value <= f.rated_at)) - 1) / ${PERIOD_WEEKS} + 1 AS period,
           SUM(f.usefulness) AS usefulness, COUNT(*) AS rated, COUNT(DISTINCT f.receiver_id) AS raters
    FROM cohort k JOIN feedback f ON f.cohort_id = k.id WHERE f.usefulness IS NOT NULL AND f.rated_at IS NOT NULL GROUP BY f.cohort_id, period),
  periods AS (SELECT cohort_id, period FROM given UNION SELECT cohort_id, period FROM rated)
SELECT p.cohort_id, p.period, COALESCE(g.given, 0) AS given, COALESCE(g.givers, 0) AS givers, COALESCE(g.complete, 0) AS complete,
       COALESCE(r.usefulness, 0) AS usefulness, COALESCE(r.rated, 0) AS rated, COALESCE(r.raters, 0) AS raters
FROM periods p
  LEFT JOIN given g ON g.cohort_id = p.cohort_id AND g.period = p.period
  LEFT JOIN rated r ON r.cohort_id = p.cohort_id AND r.period = p.period
ORDER BY p.cohort_id, p.period`;

/**
 * One row per cohort of ?1 (a JSON array of ids), each with its own today: ?2, a JSON array of the
 * cohorts' local dates in the same order. A cohort without goals gets its row of zeros.
 */
const GOALS = `
WITH
  cohort AS (SELECT ids.value AS id, days.value AS today FROM json_each(?1) ids JOIN json_each(?2) days ON days.key = ids.key),
  goal AS (
    SELECT c.id AS cohort_id, c.today, g.participant_id, g.status, g.due_on, EXISTS (SELECT 1 FROM goals n WHERE n.replaces_goal_id = g.id) AS recalibrated
    FROM cohort c LEFT JOIN goals g ON g.cohort_id = c.id)
SELECT cohort_id,
       COALESCE(SUM(status = 'active' AND NOT recalibrated), 0) AS active,
       COUNT(DISTINCT CASE WHEN status = 'active' AND NOT recalibrated THEN participant_id END) AS active_people,
       COUNT(DISTINCT CASE WHEN status = 'done' AND NOT recalibrated THEN participant_id END) AS done_people,
       COUNT(DISTINCT CASE WHEN recalibrated THEN participant_id END) AS recalibrated_people,
       COUNT(DISTINCT CASE WHEN status = 'dropped' AND NOT recalibrated THEN participant_id END) AS dropped_people,
       COALESCE(SUM(status = 'done' AND NOT recalibrated), 0) AS done,
       COALESCE(SUM(recalibrated), 0) AS recalibrated,
       COALESCE(SUM(status = 'dropped' AND NOT recalibrated), 0) AS dropped,
       COALESCE(SUM((due_on <= today OR status = 'done') AND NOT recalibrated), 0) AS due,
       COUNT(DISTINCT CASE WHEN (due_on <= today OR status = 'done') AND NOT recalibrated THEN participant_id END) AS due_participants,
       COUNT(DISTINCT CASE WHEN recalibrated OR status = 'dropped' THEN participant_id END) AS given_up_participants
FROM goal GROUP BY cohort_id`;

/** One row per cohort of ?1 (a JSON array of ids); zeros for a cohort without milestones. */
const MILESTONES = `
SELECT c.value AS cohort_id, COUNT(m.id) AS reached, COUNT(DISTINCT m.participant_id) AS participants
FROM json_each(?1) c LEFT JOIN milestones m ON m.cohort_id = c.value GROUP BY c.value`;

/**
 * Cohorts' metrics for a caller's db.batch(), figures in the order of `cohorts`, every group
 * smaller than `minGroup` hidden. One statement of each kind counts them for all of the cohorts.
 */
export function metricsRead(db: D1Database, cohorts: readonly Cohort[], now: Date, minGroup = MIN_GROUP_SIZE): BatchRead<CohortMetrics[]> {
  const ids = cohorts.map((c) => c.id);
  const calendars = calendarsParam(cohorts, now);
  const today = cohorts.map((cohort) => localDate(now, cohort.timezone));
  return {
    statements: [
      db.prepare(pulsesQuery(ids)).bind(cohortsParam(ids)),
      db.prepare(GOALS).bind(JSON.stringify(ids), JSON.stringify(today)),
      db.prepare(MILESTONES).bind(JSON.stringify(ids)),
      db.prepare(WEEKLY).bind(calendars),
      db.prepare(FEEDBACK).bind(calendars, COMPLETE_WORDS),
    ],
    read([pulseRows, goalRows, milestoneRows, weekRows, feedbackRows]) {
      const pulsesOf = rowsByCohort(ids, pulseRows!.results as (PulseCounts & { cohort_id: number })[]);
      const goalsOf = rowsByCohort(ids, goalRows!.results as (GoalCounts & { cohort_id: number })[]);
      const milestonesOf = rowsByCohort(ids, milestoneRows!.results as (MilestoneCounts & { cohort_id: number })[]);
      const weeksOf = rowsByCohort(ids, weekRows!.results as (WeekCounts & { cohort_id: number })[]);
      const feedbackOf = rowsByCohort(ids, feedbackRows!.results as (FeedbackCounts & { cohort_id: number })[]);
      return cohorts.map((cohort, i) => {
        const counts: MetricCounts = {
          weeks: weeksOf[i]!,
          pulses: pulsesOf[i]!,
          feedback: feedbackOf[i]!,
          goals: goalsOf[i]![0]!,
          milestones: milestonesOf[i]![0]!,
        };
        return cohortFigures(cohort, now, counts, minGroup);
      });
    },
  };
}

/** A cohort's metrics in one round trip; `minGroup` 0 shows every group (the mentor's dashboard, never published). */
export async function loadCohortMetrics(db: D1Database, cohort: Cohort, now = new Date(), minGroup = MIN_GROUP_SIZE): Promise<CohortMetrics> {
  const [metrics] = await runRead(db, metricsRead(db, [cohort], now, minGroup));
  return metrics!;
}
