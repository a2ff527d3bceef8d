/**
 * What a pair's page shows one participant: their own words and their partners' — only for the
 * weeks they were partners (pair_memberships) — never anyone else's. Private text ends here: the
 * build never reads these queries.
 */
import { CONTRACT_COLUMNS, contractFrom, type Contract, type ContractRow } from './contracts.ts';
import { fromJson } from './history.ts';
import { latestOfItsWeek } from './rules.ts';
import type { Participant } from './participants.ts';

/**
 * The weeks viewer ?1 and each of their partners, past or present, were in the same pair:
 * [from_week, until_week). The one definition of "partners at the time" (consent `private`).
 */
export const PARTNER_WEEKS = `
  partner_weeks AS (
    SELECT them.participant_id AS partner_id, me.pair_id,
           MAX(me.from_week, them.from_week) AS from_week,
           MIN(COALESCE(me.until_week, 1e9), COALESCE(them.until_week, 1e9)) AS until_week
    FROM pair_memberships me JOIN pair_memberships them ON them.pair_id = me.pair_id AND them.participant_id <> me.participant_id
    WHERE me.participant_id = ?1
      AND MAX(me.from_week, them.from_week) < MIN(COALESCE(me.until_week, 1e9), COALESCE(them.until_week, 1e9)))`;

/** Whether row `alias` (with participant_id and week) is the viewer's own, or a partner's from a week they were partners. */
export function readableBy(alias: string): string {
  return `(${alias}.participant_id = ?1 OR EXISTS (SELECT 1 FROM partner_weeks pw WHERE pw.partner_id = ${alias}.participant_id AND ${alias}.week >= pw.from_week AND ${alias}.week < pw.until_week))`;
}

/** The people whose rows the viewer may read: themselves and every partner they had. */
const AUTHORS = `(SELECT ?1 UNION SELECT partner_id FROM partner_weeks)`;

export interface PairCheckin {
  id: number;
  participantId: number;
  week: number;
  progress: string;
  obstacles: string;
  nextStep: string;
  committedAction: string;
  carriedForward: boolean;
  lastActionDone: 'yes' | 'partly' | 'no' | null;
  win: string;
  challenge: string;
  challengeToCircle: boolean;
  decisionReason: string;
  energy: number | null;
  needsPause: boolean;
}

export interface PairInsight {
  participantId: number;
  week: number;
  insight: string;
  strategyTitle: string;
}

export interface PairGoal {
  id: number;
  participantId: number;
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  milestones: { id: number; title: string; reachedOn: string; congratulatedBy: number[] }[];
}

export interface FeedbackItem {
  id: number;
  week: number;
  fromId: number;
  from: string;
  toId: number;
  to: string;
  behaviour: string;
  impact: string;
  nextStep: string;
  usefulness: number | null;
}

export interface Partnership {
  /** Everyone the page names: the viewer and every partner they had, by id. */
  names: Map<number, string>;
  /** The viewer's partners now. */
  partners: { id: number; displayName: string }[];
  /** The circle the viewer's pair belongs to, if any. */
  circleId: number | null;
  /** Every check-in the viewer may read (the latest of each person and week), oldest first. */
  checkins: PairCheckin[];
  insights: PairInsight[];
  /** Active goals of the viewer and their current partners, with milestones. */
  goals: PairGoal[];
  /** Every version of the current pair's contract the viewer may read, newest first. */
  contracts: Contract[];
  /** Feedback the viewer gave or received, newest first. */
  feedback: FeedbackItem[];
}

const CHECKINS = `
WITH ${PARTNER_WEEKS}
SELECT c.id, c.participant_id, c.week, c.progress, c.obstacles, c.next_step, c.committed_action, c.carried_forward, c.last_action_done,
       c.win, c.challenge, c.challenge_to_circle, c.decision_reason, c.energy, c.needs_pause
FROM checkins c
WHERE c.participant_id IN ${AUTHORS} AND ${readableBy('c')}
  AND ${latestOfItsWeek('c')}
ORDER BY c.week, c.participant_id`;

const INSIGHTS = `
WITH ${PARTNER_WEEKS}
SELECT r.participant_id, r.week, r.insight, r.strategy_title FROM reflections r
WHERE r.participant_id IN ${AUTHORS} AND ${readableBy('r')} AND (r.insight <> '' OR r.strategy_title <> '')
ORDER BY r.week, r.id`;

const GOALS = `
WITH ${PARTNER_WEEKS}
SELECT g.id, g.participant_id, g.what, g.measure, g.target, g.due_on,
       (SELECT json_group_array(json_object('id', m.id, 'title', m.title, 'reachedOn', m.reached_on,
          'congratulatedBy', (SELECT json_group_array(k.participant_id) FROM congratulations k WHERE k.milestone_id = m.id)))
        FROM milestones m WHERE m.goal_id = g.id) AS milestones
FROM goals g
WHERE g.participant_id IN (SELECT ?1 UNION SELECT id FROM participants WHERE pair_id = ?2 AND ?2 IS NOT NULL)
  AND g.status = 'active' AND ${readableBy('g')}
ORDER BY g.participant_id = ?1 DESC, g.due_on, g.id`;

const CONTRACTS = `
SELECT ${CONTRACT_COLUMNS} FROM contracts c
WHERE c.pair_id = ?2 AND c.week >= (SELECT MIN(from_week) FROM pair_memberships WHERE participant_id = ?1 AND pair_id = ?2 AND until_week IS NULL)
ORDER BY c.version DESC`;

const FEEDBACK = `
SELECT f.id, f.week, f.participant_id AS from_id, g.display_name AS giver, f.receiver_id AS to_id, r.display_name AS receiver,
       f.behaviour, f.impact, f.next_step, f.usefulness
FROM feedback f JOIN participants g ON g.id = f.participant_id JOIN participants r ON r.id = f.receiver_id
WHERE f.participant_id = ?1 OR f.receiver_id = ?1
ORDER BY f.week DESC, f.id DESC`;

const NAMES = `
WITH ${PARTNER_WEEKS}
SELECT id, display_name, (pair_id = ?2 AND id <> ?1) AS partner_now FROM participants WHERE id IN ${AUTHORS} OR (pair_id = ?2 AND ?2 IS NOT NULL)
ORDER BY display_name`;

type Row = Record<string, unknown>;

/** Everything of the partnership the participant may read, in one round trip. */
export async function loadPartnership(db: D1Database, participant: Participant): Promise<Partnership> {
  const [names, circle, checkins, insights, goals, contracts, feedback] = await db.batch([
    db.prepare(NAMES).bind(participant.id, participant.pairId),
    db.prepare('SELECT circle_id FROM pairs WHERE id = ?1').bind(participant.pairId),
    db.prepare(CHECKINS).bind(participant.id),
    db.prepare(INSIGHTS).bind(participant.id),
    db.prepare(GOALS).bind(participant.id, participant.pairId),
    db.prepare(CONTRACTS).bind(participant.id, participant.pairId),
    db.prepare(FEEDBACK).bind(participant.id),
  ]);
  const rows = (result: D1Result | undefined) => (result?.results ?? []) as Row[];
  return {
    names: new Map(rows(names).map((r) => [r.id as number, r.display_name as string])),
    partners: rows(names).filter((r) => r.partner_now === 1).map((r) => ({ id: r.id as number, displayName: r.display_name as string })),
    circleId: (rows(circle)[0]?.circle_id as number | null | undefined) ?? null,
    checkins: rows(checkins).map(checkinFrom),
    insights: rows(insights).map((r) => ({ participantId: r.participant_id as number, week: r.week as number, insight: r.insight as string, strategyTitle: r.strategy_title as string })),
    goals: rows(goals).map((r) => ({
      id: r.id as number,
      participantId: r.participant_id as number,
      what: r.what as string,
      measure: r.measure as string,
      target: r.target as string,
      dueOn: r.due_on as string,
      milestones: fromJson<PairGoal['milestones']>(r.milestones).map((m) => ({ ...m, congratulatedBy: fromJson<number[]>(m.congratulatedBy) })),
    })),
    contracts: rows(contracts).map((r) => contractFrom(r as unknown as ContractRow)),
    feedback: rows(feedback).map((r) => ({
      id: r.id as number,
      week: r.week as number,
      fromId: r.from_id as number,
      from: r.giver as string,
      toId: r.to_id as number,
      to: r.receiver as string,
      behaviour: r.behaviour as string,
      impact: r.impact as string,
      nextStep: r.next_step as string,
      usefulness: r.usefulness as number | null,
    })),
  };
}

export function checkinFrom(r: Row): PairCheckin {
  return {
    id: r.id as number,
    participantId: r.participant_id as number,
    week: r.week as number,
    progress: r.progress as string,
    obstacles: r.obstacles as string,
    nextStep: r.next_step as string,
    committedAction: r.committed_action as string,
    carriedForward: r.carried_forward === 1,
    lastActionDone: r.last_action_done as PairCheckin['lastActionDone'],
    win: r.win as string,
    challenge: r.challenge as string,
    challengeToCircle: r.challenge_to_circle === 1,
    decisionReason: r.decision_reason as string,
    energy: r.energy as number | null,
    needsPause: r.needs_pause === 1,
  };
}

/**
 * Congratulates a partner on a milestone, once: only a milestone of someone the participant is
 * in a pair with now, reached in a week they were partners. False when it is not such a milestone.
 */
export async function congratulate(db: D1Database, participant: Participant, milestoneId: number): Promise<boolean> {
  const row = await db
    .prepare(
      `WITH ${PARTNER_WEEKS}
       INSERT INTO congratulations (milestone_id, participant_id)
       SELECT m.id, ?1 FROM milestones m
       WHERE m.id = ?2 AND m.participant_id <> ?1 AND ${readableBy('m')}
       ON CONFLICT (milestone_id, participant_id) DO UPDATE SET sent_at = sent_at
       RETURNING milestone_id`,
    )
    .bind(participant.id, milestoneId)
    .first();
  return row !== null;
}
