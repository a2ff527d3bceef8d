/**
 * What a circle's page shows its members: who is in it, who facilitates, when it meets, the
 * challenges members asked the circle about this cycle, and what members shared with the cohort.
 * Only for members of that circle; never built.
 */
import { scrubText } from '../domain/redact.ts';
import { isAgreed } from '../domain/contract.ts';
import { circleFacilitator, type Member } from '../domain/roles.ts';
import { cycleOn } from '../domain/weeks.ts';
import type { Participant } from './participants.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';
import { latestOfItsWeek, onCohortPages } from './rules.ts';

export interface CircleMember {
  id: number;
  displayName: string;
  pair: string;
}

export interface CircleChallenge {
  participantId: number;
  displayName: string;
  challenge: string;
}

export interface CircleSharing {
  displayName: string;
  week: number;
  insight: string;
  strategyTitle: string;
  strategyBody: string;
}

export interface CirclePage {
  label: string;
  members: CircleMember[];
  facilitator: { now: number | null; next: number | null };
  /** The day and time every pair of the circle agreed in its contract, or null when they did not agree one. */
  meeting: { day: string; time: string } | null;
  challenges: CircleChallenge[];
  sharing: CircleSharing[];
}

const MEMBERS = `
SELECT p.id, p.display_name, p.joined_on, p.pair_id, pr.label AS pair, ci.label AS circle
FROM pairs me JOIN circles ci ON ci.id = me.circle_id JOIN pairs pr ON pr.circle_id = ci.id JOIN participants p ON p.pair_id = pr.id
WHERE me.id = ?1
ORDER BY pr.label, p.display_name`;

// Each pair's latest contract, with who confirmed it as it stands.
const CONTRACTS = `
SELECT c.pair_id, c.meeting_day, c.meeting_time,
       (SELECT group_concat(participant_id) FROM contract_confirmations WHERE contract_id = c.id AND revision = c.revision) AS confirmed_by
FROM pairs me JOIN pairs pr ON pr.circle_id = me.circle_id JOIN contracts c ON c.pair_id = pr.id
WHERE me.id = ?1 AND me.circle_id IS NOT NULL AND c.version = (SELECT MAX(version) FROM contracts x WHERE x.pair_id = pr.id)`;

// Members' latest check-in of the week, where they asked the circle about their challenge.
const CHALLENGES = `
SELECT c.participant_id, p.display_name, c.challenge
FROM pairs me JOIN pairs pr ON pr.circle_id = me.circle_id JOIN participants p ON p.pair_id = pr.id JOIN checkins c ON c.participant_id = p.id AND c.week = ?2
WHERE me.id = ?1 AND me.circle_id IS NOT NULL AND c.challenge_to_circle = 1 AND c.challenge <> ''
  AND ${latestOfItsWeek('c')}
ORDER BY p.display_name`;

// What members shared with their cohort or wider: consent `cohort` reaches their circle too.
const SHARING = `
SELECT p.display_name, r.week, r.insight, r.strategy_title, r.strategy_body
FROM pairs me JOIN pairs pr ON pr.circle_id = me.circle_id JOIN participants p ON p.pair_id = pr.id JOIN reflections r ON r.participant_id = p.id
WHERE me.id = ?1 AND me.circle_id IS NOT NULL AND ${onCohortPages('r.consent')} AND (r.insight <> '' OR r.strategy_title <> '')
ORDER BY r.week DESC, r.id DESC`;

/** Whether the participant's pair is in a circle (for the links between their pages). */
export async function isInCircle(db: D1Database, participant: Participant): Promise<boolean> {
  if (participant.pairId === null) return false;
  const row = await db.prepare('SELECT circle_id FROM pairs WHERE id = ?1').bind(participant.pairId).first<{ circle_id: number | null }>();
  return row?.circle_id != null;
}

/** The circle of the participant's pair as of cycle `week`; null when their pair is in no circle. */
export async function loadCircle(db: D1Database, participant: Participant, week: number): Promise<CirclePage | null> {
  if (participant.pairId === null) return null;
  const [members, contracts, challenges, sharing, pairWeeks] = await db.batch([
    db.prepare(MEMBERS).bind(participant.pairId),
    db.prepare(CONTRACTS).bind(participant.pairId),
    db.prepare(CHALLENGES).bind(participant.pairId, week),
    db.prepare(SHARING).bind(participant.pairId),
    pairWeeksStatement(db, participant.cohortId, week + 1),
  ]);
  const rows = members!.results as { id: number; display_name: string; joined_on: string; pair_id: number; pair: string; circle: string }[];
  if (rows.length === 0) return null;

  const asMember = (r: (typeof rows)[number]): Member => ({ id: r.id, joinedCycle: cycleOn(participant.cohort, r.joined_on) });
  const pauses = pausesByPair(pairWeeks!.results as PairWeekRow[], week + 1);
  const pairOf = new Map(rows.map((r) => [r.id, r.pair_id]));
  const pausedIn = (id: number, cycle: number) => pauses.get(pairOf.get(id)!)?.has(cycle) ?? false;

  return {
    label: rows[0]!.circle,
    members: rows.map((r) => ({ id: r.id, displayName: r.display_name, pair: r.pair })),
    facilitator: { now: circleFacilitator(rows.map(asMember), week, pausedIn), next: circleFacilitator(rows.map(asMember), week + 1, pausedIn) },
    meeting: sharedMeeting(rows, contracts!.results as { pair_id: number; meeting_day: string; meeting_time: string; confirmed_by: string | null }[]),
    challenges: (challenges!.results as { participant_id: number; display_name: string; challenge: string }[]).map((r) => ({ participantId: r.participant_id, displayName: r.display_name, challenge: r.challenge })),
    sharing: (sharing!.results as { display_name: string; week: number; insight: string; strategy_title: string; strategy_body: string }[]).map((r) => ({
      displayName: r.display_name,
      week: r.week,
      // Shared with the cohort, so shown as the cohort's page shows it: scrubbed of contact details.
      insight: scrubText(r.insight),
      strategyTitle: scrubText(r.strategy_title),
      strategyBody: scrubText(r.strategy_body),
    })),
  };
}

/** The circle's meeting: the day and time, when every pair agreed a contract naming the same ones. */
function sharedMeeting(members: { id: number; pair_id: number }[], contracts: { pair_id: number; meeting_day: string; meeting_time: string; confirmed_by: string | null }[]) {
  const pairs = [...new Set(members.map((m) => m.pair_id))];
  const agreed = contracts.filter((c) => isAgreed(members.filter((m) => m.pair_id === c.pair_id).map((m) => m.id), c.confirmed_by ? c.confirmed_by.split(',').map(Number) : []));
  const times = new Set(agreed.map((c) => `${c.meeting_day} ${c.meeting_time}`));
  if (agreed.length !== pairs.length || times.size !== 1) return null;
  return { day: agreed[0]!.meeting_day, time: agreed[0]!.meeting_time };
}
