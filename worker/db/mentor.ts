/**
 * The mentor's dashboard: each pair's health, pairs at risk first with the reason, and strategies
 * waiting for their author's consent decision. Private to the cohort's mentor; never published.
 */
import { riskReasons, type PairRecord } from '../domain/metrics.ts';
import type { Cohort } from './cohorts.ts';
import { currentWeek } from './metrics.ts';

export interface PairHealth {
  pair: string;
  circle: string | null;
  members: string;
  /** Week and time of the pair's latest check-in. */
  lastCheckin: { week: number; at: string } | null;
  /** Action score of the pair's actions that came due, e.g. 3.5 of 5. */
  actions: { done: number; due: number };
  latestPulse: PairRecord['latestPulse'];
  paused: boolean;
  /** Why the pair is at risk; empty when it is not. */
  risks: string[];
}

export interface WaitingStrategy {
  week: number;
  author: string;
  title: string;
}

export interface Dashboard {
  week: number;
  pairs: PairHealth[];
  waiting: WaitingStrategy[];
}

const PAIRS = `
WITH
  pair_week AS (
    SELECT pair_id, week, MAX(needs_pause) AS pause, MAX(submitted_at) AS at FROM checkins
    WHERE cohort_id = ?1 AND pair_id IS NOT NULL GROUP BY pair_id, week),
  pair_pulse AS (
    SELECT pair_id, week, AVG((trust + safety + feedback_ease + adaptability) / 4.0) AS mean FROM pulses
    WHERE cohort_id = ?1 AND pair_id IS NOT NULL GROUP BY pair_id, week)
SELECT pr.label AS pair, ci.label AS circle,
  (SELECT group_concat(display_name, ' & ') FROM (SELECT display_name FROM participants WHERE pair_id = pr.id ORDER BY display_name)) AS members,
  last.week AS last_week, last.at AS last_at, last.pause AS last_pause,
  EXISTS (SELECT 1 FROM pair_week w WHERE w.pair_id = pr.id AND w.week = ?2 - 1) AS had_week_1,
  EXISTS (SELECT 1 FROM pair_week w WHERE w.pair_id = pr.id AND w.week = ?2 - 2) AS had_week_2,
  (SELECT COALESCE(SUM(CASE last_action_done WHEN 'yes' THEN 1.0 WHEN 'partly' THEN 0.5 ELSE 0 END), 0) FROM checkins c WHERE c.pair_id = pr.id AND c.last_action_done IS NOT NULL) AS actions_done,
  (SELECT COUNT(*) FROM checkins c WHERE c.pair_id = pr.id AND c.last_action_done IS NOT NULL) AS actions_due,
  (SELECT week FROM pair_pulse pp WHERE pp.pair_id = pr.id ORDER BY week DESC LIMIT 1) AS pulse_week,
  (SELECT mean FROM pair_pulse pp WHERE pp.pair_id = pr.id ORDER BY week DESC LIMIT 1) AS pulse_mean,
  (SELECT week FROM pair_pulse pp WHERE pp.pair_id = pr.id ORDER BY week DESC LIMIT 1 OFFSET 1) AS previous_pulse_week,
  (SELECT mean FROM pair_pulse pp WHERE pp.pair_id = pr.id ORDER BY week DESC LIMIT 1 OFFSET 1) AS previous_pulse_mean
FROM pairs pr
  LEFT JOIN circles ci ON ci.id = pr.circle_id
  LEFT JOIN pair_week last ON last.pair_id = pr.id AND last.week = (SELECT MAX(week) FROM pair_week w WHERE w.pair_id = pr.id)
WHERE pr.cohort_id = ?1
ORDER BY pr.label`;

const WAITING = `
SELECT r.week, p.display_name AS author, r.strategy_title AS title
FROM reflections r JOIN participants p ON p.id = r.participant_id
WHERE r.cohort_id = ?1 AND r.consent = 'private' AND r.strategy_title <> ''
ORDER BY r.week DESC, r.id DESC`;

interface PairRow {
  pair: string;
  circle: string | null;
  members: string | null;
  last_week: number | null;
  last_at: string | null;
  last_pause: number | null;
  had_week_1: number;
  had_week_2: number;
  actions_done: number;
  actions_due: number;
  pulse_week: number | null;
  pulse_mean: number | null;
  previous_pulse_week: number | null;
  previous_pulse_mean: number | null;
}

/** What the dashboard shows, as of `now`. */
export async function loadDashboard(db: D1Database, cohort: Cohort, now = new Date()): Promise<Dashboard> {
  const { week } = currentWeek(cohort, now);
  const [pairs, waiting] = await db.batch([db.prepare(PAIRS).bind(cohort.id, week), db.prepare(WAITING).bind(cohort.id)]);
  const health = (pairs!.results as PairRow[]).map((row): PairHealth => {
    const paused = row.last_pause === 1;
    // The two complete weeks before this one; a pause explains silence, so it is not "missed".
    const missed = paused ? [] : [week - 2, week - 1].filter((w, i) => w >= 1 && !(i === 0 ? row.had_week_2 : row.had_week_1));
    const record: PairRecord = {
      missedRecentWeeks: missed,
      pauseAskedInWeek: paused ? row.last_week : null,
      latestPulse: row.pulse_week === null ? null : { week: row.pulse_week, mean: row.pulse_mean! },
      previousPulse: row.previous_pulse_week === null ? null : { week: row.previous_pulse_week, mean: row.previous_pulse_mean! },
    };
    return {
      pair: row.pair,
      circle: row.circle,
      members: row.members ?? '',
      lastCheckin: row.last_week === null ? null : { week: row.last_week, at: row.last_at! },
      actions: { done: row.actions_done, due: row.actions_due },
      latestPulse: record.latestPulse,
      paused,
      risks: riskReasons(record),
    };
  });
  // Pairs at risk first (most reasons first), then the rest by label.
  health.sort((a, b) => b.risks.length - a.risks.length || a.pair.localeCompare(b.pair, undefined, { numeric: true }));
  return { week, pairs: health, waiting: waiting!.results as WaitingStrategy[] };
}
