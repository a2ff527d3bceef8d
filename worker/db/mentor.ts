/**
 * The mentor's dashboard: each pair's health, pairs at risk first with the reason, and reflections
 * worth sharing that wait for their author's consent decision. Private to the cohort's mentor; never published.
 */
import type { CohortMetrics } from '../domain/cohort-metrics.ts';
import { riskReasons, type PairRecord, type RiskReason } from '../domain/risks.ts';
import { currentWeek, cycleStarts } from '../domain/weeks.ts';
import type { Cohort } from './cohorts.ts';
import { loadCohortMetrics } from './metrics.ts';
import { loadPairDetails, type PairDetail } from './pair-health.ts';
import { listProgramFeedback, listPulseComments, type ProgramVoice } from './pulses.ts';
import { lastMessagesByPair, type PairMessages } from './reminders.ts';
import { actionScore, latestOfItsWeek, menteesFromWeek, ONE_COHORT, pairWeeks, pausedIn, PULSE_MEAN } from './rules.ts';

export interface PairHealth extends Omit<PairDetail, 'record'> {
  pair: string;
  circle: string | null;
  members: string;
  /** The week of the pair's latest check-in. */
  lastCheckinWeek: number | null;
  /** Action score of the pair's actions that came due, e.g. 3.5 of 5. */
  actions: { done: number; due: number };
  /** The mean of each member's latest pulse, and the latest week among them. */
  latestPulse: { week: number; mean: number } | null;
  paused: boolean;
  /** Why the pair is at risk; empty when it is not. */
  risks: RiskReason[];
  /** When the pair was last reminded and nudged (ISO instants), and the latest failed send. */
  messages: PairMessages;
}

/** A private reflection with an insight or strategy its author might share. */
export interface WaitingReflection {
  week: number;
  author: string;
  title: string;
}

export interface Dashboard {
  week: number;
  lastComplete: number;
  pairs: PairHealth[];
  waiting: WaitingReflection[];
  /** The cohort's figures with every group shown, small ones too: the dashboard is the mentor's alone. */
  figures: CohortMetrics;
  programFeedback: ProgramVoice[];
  pulseComments: { name: string; week: number; comment: string }[];
}

const PAIRS = `
WITH
  ${menteesFromWeek(ONE_COHORT)},
  ${pairWeeks(ONE_COHORT)},
  -- Each member's own pulses, newest first: a drop compares a person with themselves.
  member_pulse AS (
    SELECT participant_id, pair_id, week, ${PULSE_MEAN} AS mean,
           ROW_NUMBER() OVER (PARTITION BY participant_id ORDER BY week DESC, id DESC) AS n
    FROM pulses WHERE cohort_id = ?1 AND pair_id IS NOT NULL),
  member_drop AS (
    SELECT a.pair_id, p.display_name AS who, b.week AS before_week, b.mean AS before, a.week AS after_week, a.mean AS after,
           ROW_NUMBER() OVER (PARTITION BY a.pair_id ORDER BY b.mean - a.mean DESC) AS rank
    FROM member_pulse a JOIN member_pulse b ON b.participant_id = a.participant_id AND b.n = 2
    JOIN participants p ON p.id = a.participant_id WHERE a.n = 1),
  -- The latest check-in of each mentee and week, as in the cohort's figures.
  pair_actions AS (
    SELECT c.pair_id, SUM(${actionScore('c.last_action_done')}) AS done, COUNT(*) AS due
    FROM checkins c
    WHERE c.cohort_id = ?1 AND c.pair_id IS NOT NULL AND c.last_action_done IS NOT NULL
      AND ${latestOfItsWeek('c')}
    GROUP BY c.pair_id)
SELECT pr.id AS pair_id, pr.label AS pair, ci.label AS circle,
  (SELECT group_concat(display_name, ' & ') FROM (SELECT display_name FROM participants WHERE pair_id = pr.id ORDER BY display_name)) AS members,
  (SELECT MIN(from_week) FROM mentee m WHERE m.pair_id = pr.id) AS from_week,
  last.week AS last_week,
  -- Paused now: in the week after its latest check-in, by the pause rule.
  ${pausedIn('pr.id', 'last.week + 1')} AS paused,
  EXISTS (SELECT 1 FROM pair_week w WHERE w.pair_id = pr.id AND w.week = ?2) AS had_first,
  EXISTS (SELECT 1 FROM pair_week w WHERE w.pair_id = pr.id AND w.week = ?4) AS had_second,
  COALESCE(a.done, 0) AS actions_done, COALESCE(a.due, 0) AS actions_due,
  (SELECT AVG(mean) FROM member_pulse mp WHERE mp.pair_id = pr.id AND mp.n = 1) AS pulse_mean,
  (SELECT MAX(week) FROM member_pulse mp WHERE mp.pair_id = pr.id AND mp.n = 1) AS pulse_week,
  d.who AS drop_who, d.before_week, d.before, d.after_week, d.after
FROM pairs pr
  LEFT JOIN circles ci ON ci.id = pr.circle_id
  LEFT JOIN pair_week last ON last.pair_id = pr.id AND last.week = (SELECT MAX(week) FROM pair_week w WHERE w.pair_id = pr.id)
  LEFT JOIN member_drop d ON d.pair_id = pr.id AND d.rank = 1
  LEFT JOIN pair_actions a ON a.pair_id = pr.id
WHERE pr.cohort_id = ?1
ORDER BY pr.label`;

// Reflections their authors kept private that hold something worth sharing: an insight or a strategy.
const WAITING = `
SELECT r.week, p.display_name AS author, CASE WHEN r.strategy_title <> '' THEN r.strategy_title ELSE r.insight END AS title
FROM reflections r JOIN participants p ON p.id = r.participant_id
WHERE r.cohort_id = ?1 AND r.consent = 'private' AND (r.strategy_title <> '' OR r.insight <> '')
ORDER BY r.week DESC, r.id DESC`;

interface PairRow {
  pair_id: number;
  pair: string;
  circle: string | null;
  members: string | null;
  from_week: number | null;
  last_week: number | null;
  paused: number | null;
  had_first: number;
  had_second: number;
  actions_done: number;
  actions_due: number;
  pulse_mean: number | null;
  pulse_week: number | null;
  drop_who: string | null;
  before_week: number | null;
  before: number | null;
  after_week: number | null;
  after: number | null;
}

/** What the dashboard shows, as of `now`. */
export async function loadDashboard(db: D1Database, cohort: Cohort, now = new Date()): Promise<Dashboard> {
  const { week, lastComplete, today } = currentWeek(cohort, now);
  // The last two complete weeks: the two before this one, or the last two once the cohort has ended.
  const recent = [lastComplete - 1, lastComplete];
  // ?3: the first days of weeks 1 … this week + 1, for the week each mentee joined (menteesFromWeek).
  const weekStarts = JSON.stringify(cycleStarts(cohort, week + 1));
  const [[pairs, waiting], details, figures, programFeedback, pulseComments] = await Promise.all([
    db.batch([db.prepare(PAIRS).bind(cohort.id, recent[0], weekStarts, recent[1]), db.prepare(WAITING).bind(cohort.id)]),
    loadPairDetails(db, cohort.id, week, lastComplete, today),
    loadCohortMetrics(db, cohort, now, 0),
    listProgramFeedback(db, cohort.id),
    listPulseComments(db, cohort.id),
  ]);
  const messages = await lastMessagesByPair(db, cohort.id);
  const health = (pairs!.results as PairRow[]).map((row): PairHealth => {
    const paused = row.paused === 1;
    // A pause explains silence, so it is not "missed"; nor are weeks before the pair joined.
    const had = [row.had_first, row.had_second];
    const missed = paused ? [] : recent.filter((w, i) => w >= Math.max(1, row.from_week ?? 1) && !had[i]);
    const detail = details.get(row.pair_id) ?? emptyDetail();
    const record: PairRecord = {
      ...detail.record,
      missedRecentWeeks: missed,
      pauseAskedInWeek: paused ? row.last_week : null,
      drop: row.drop_who === null ? null : { who: row.drop_who, before: { week: row.before_week!, mean: row.before! }, after: { week: row.after_week!, mean: row.after! } },
    };
    const { record: _, ...shown } = detail;
    return {
      ...shown,
      pair: row.pair,
      circle: row.circle,
      members: row.members ?? '',
      lastCheckinWeek: row.last_week,
      actions: { done: row.actions_done, due: row.actions_due },
      latestPulse: row.pulse_week === null ? null : { week: row.pulse_week, mean: row.pulse_mean! },
      paused,
      risks: riskReasons(record),
      messages: messages.get(row.pair_id) ?? { reminder: null, nudge: null, failure: null },
    };
  });
  // Pairs at risk first (most reasons first), then the rest by label.
  health.sort((a, b) => b.risks.length - a.risks.length || a.pair.localeCompare(b.pair, undefined, { numeric: true }));
  return { week, lastComplete, pairs: health, waiting: waiting!.results as WaitingReflection[], figures, programFeedback, pulseComments };
}

/** A pair with nobody in it yet. */
function emptyDetail(): PairDetail {
  const none = { part: 0, whole: 0 };
  return { contract: { state: 'none' }, engagement: none, feedback: { complete: none, usefulness: none }, energy: [], challenges: [], record: {} };
}
