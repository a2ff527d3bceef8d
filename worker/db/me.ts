/** Everything a participant's own page shows, read for one participant. */
import { isAgreed } from '../domain/contract.ts';
import { needsOf, type Need } from '../domain/needs.ts';
import { circleFacilitator, pairRoles, type Member, type PairRole } from '../domain/roles.ts';
import { cycleOn } from '../domain/weeks.ts';
import { PULSE_EVERY } from '../domain/reminders.ts';
import { getLatestContract, type Contract } from './contracts.ts';
import { listFeedbackToRate, type FeedbackToRate } from './feedback.ts';
import { listActiveGoals, type Goal } from './goals.ts';
import { listPublished, type PublishedItem } from './published.ts';
import type { Participant } from './participants.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';
import { lastPulseWeek } from './pulses.ts';
import { lastCheckinBefore } from './submissions.ts';

export interface Person {
  id: number;
  displayName: string;
}

export interface MyWeek {
  week: number;
  partners: (Person & { role: PairRole | null })[];
  myRole: PairRole | null;
  circle: { label: string; facilitator: Person | null } | null;
  /** The action committed in the latest check-in (this week's, if sent). */
  action: { text: string; week: number } | null;
  /** What the latest check-in revealed that the library has guidance for. */
  needs: Need[];
  checkedInThisWeek: boolean;
  pairPaused: boolean;
  goals: Goal[];
  /** What of theirs is published, which they can withdraw item by item. */
  published: PublishedItem[];
  contract: (Contract & { agreed: boolean; waitingFor: Person[] }) | null;
  feedbackToRate: FeedbackToRate[];
  pulseDue: boolean;
}

interface MemberRow {
  id: number;
  display_name: string;
  joined_on: string;
  pair_id: number;
}

export async function loadMyWeek(db: D1Database, participant: Participant, week: number): Promise<MyWeek> {
  const asMember = (r: MemberRow): Member => ({ id: r.id, joinedCycle: cycleOn(participant.cohort, r.joined_on) });
  const [circleRows, pairWeeks, thisWeek] = await db.batch([
    db
      .prepare(
        // The pair, and every pair of its circle: a list of pair ids, so each is an index lookup.
        `SELECT p.id, p.display_name, p.joined_on, p.pair_id, ci.label AS circle
         FROM participants p JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
         WHERE p.pair_id IN (SELECT ?1 UNION SELECT o.id FROM pairs me JOIN pairs o ON o.circle_id = me.circle_id WHERE me.id = ?1)
         ORDER BY p.id`,
      )
      .bind(participant.pairId),
    pairWeeksStatement(db, participant.cohortId, week),
    db.prepare('SELECT 1 AS yes FROM checkins WHERE participant_id = ?1 AND week = ?2 LIMIT 1').bind(participant.id, week),
  ]);
  const rows = (circleRows!.results as (MemberRow & { circle: string | null })[]) ?? [];
  const pairRows = rows.filter((r) => r.pair_id === participant.pairId);
  const pauses = pausesByPair(pairWeeks!.results as PairWeekRow[], week);
  const pairOf = new Map(rows.map((r) => [r.id, r.pair_id]));
  const pausedIn = (id: number, cycle: number) => pauses.get(pairOf.get(id)!)?.has(cycle) ?? false;
  const roles = pairRoles(pairRows.map(asMember), week);
  const circleLabel = rows.find((r) => r.circle !== null)?.circle ?? null;
  const facilitatorId = circleLabel ? circleFacilitator(rows.map(asMember), week, pausedIn) : null;
  const person = (id: number): Person => ({ id, displayName: rows.find((r) => r.id === id)!.display_name });

  const [last, goals, published, contract, feedbackToRate, pulseWeek] = await Promise.all([
    lastCheckinBefore(db, participant.id, week + 1),
    listActiveGoals(db, participant.id),
    listPublished(db, participant.id),
    participant.pairId === null ? null : getLatestContract(db, participant.pairId),
    listFeedbackToRate(db, participant.id),
    lastPulseWeek(db, participant.id),
  ]);
  const memberIds = pairRows.map((r) => r.id);
  return {
    week,
    partners: pairRows.filter((r) => r.id !== participant.id).map((r) => ({ id: r.id, displayName: r.display_name, role: roles.get(r.id) ?? null })),
    myRole: roles.get(participant.id) ?? null,
    circle: circleLabel ? { label: circleLabel, facilitator: facilitatorId === null ? null : person(facilitatorId) } : null,
    action: last ? { text: last.action, week: last.week } : null,
    needs: last ? needsOf({ needs_pause: last.needsPause, last_action_done: last.lastActionDone, obstacles: last.obstacles }) : [],
    checkedInThisWeek: thisWeek!.results.length > 0,
    pairPaused: pausedIn(participant.id, week),
    goals,
    published,
    contract: contract && {
      ...contract,
      agreed: isAgreed(memberIds, contract.confirmedBy),
      waitingFor: memberIds.filter((id) => !contract.confirmedBy.includes(id)).map(person),
    },
    feedbackToRate,
    pulseDue: pulseWeek === null || week - pulseWeek >= PULSE_EVERY,
  };
}
