/**
 * The dashboard's closer look at each pair: its contract, engagement, feedback, energy, this
 * week's challenges and the reasons it may be at risk beyond the weekly record (worker/db/mentor.ts).
 * Mentor-only: private text (challenges) is read here and shown on the dashboard, never built.
 */
import { isAgreed } from '../domain/contract.ts';
import { COMPLETE_WORDS, type Ratio } from '../domain/metrics.ts';
import { isFalling, silentPartner, type PairRecord, type WeekScore } from '../domain/risks.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';
import { actionScore, isComplete, latestOfItsWeek } from './rules.ts';

export type ContractState = { state: 'none' } | { state: 'proposed'; version: number; waitingFor: string[]; renegotiateOn: string } | { state: 'agreed'; version: number; renegotiateOn: string };

export interface PairDetail {
  contract: ContractState;
  /** Check-ins received ÷ expected since each member joined the pair, paused weeks not expected. */
  engagement: Ratio;
  /** Feedback the pair's members gave: complete pieces ÷ given, and the ratings receivers gave it. */
  feedback: { complete: Ratio; usefulness: Ratio };
  /** Each member's energies at their last three check-ins, oldest first. */
  energy: { who: string; energies: number[] }[];
  /** Challenges in this week's check-ins. */
  challenges: { who: string; text: string }[];
  /** The rest of the pair's record for the risk rules. */
  record: Pick<PairRecord, 'noContractBy' | 'recentActions' | 'energyFall' | 'reviewPassedOn' | 'silent'>;
}

const MEMBERS = `
SELECT p.id, p.display_name, p.pair_id,
       (SELECT MIN(m.from_week) FROM pair_memberships m WHERE m.participant_id = p.id AND m.pair_id = p.pair_id) AS since,
       (SELECT COUNT(DISTINCT c.week) FROM checkins c WHERE c.participant_id = p.id AND c.week <= ?2
          AND c.week >= (SELECT MIN(m.from_week) FROM pair_memberships m WHERE m.participant_id = p.id AND m.pair_id = p.pair_id)) AS checked_in
FROM participants p WHERE p.cohort_id = ?1 AND p.role = 'mentee' AND p.pair_id IS NOT NULL
ORDER BY p.display_name`;

// The latest check-in of each mentee and week, from three weeks before the last complete one to now.
const RECENT = `
SELECT c.participant_id, c.pair_id, c.week, c.last_action_done, ${actionScore('c.last_action_done')} AS score, c.challenge
FROM checkins c
WHERE c.cohort_id = ?1 AND c.week BETWEEN ?2 - 2 AND ?3 AND ${latestOfItsWeek('c')}`;

const ENERGY = `
SELECT participant_id, week, energy FROM (
  SELECT c.participant_id, c.week, c.energy, ROW_NUMBER() OVER (PARTITION BY c.participant_id ORDER BY c.week DESC) AS n
  FROM checkins c WHERE c.cohort_id = ?1 AND c.energy IS NOT NULL AND ${latestOfItsWeek('c')})
WHERE n <= 3 ORDER BY participant_id, week`;

const CONTRACTS = `
SELECT c.pair_id, c.version, c.renegotiate_on,
       (SELECT group_concat(participant_id) FROM contract_confirmations WHERE contract_id = c.id AND revision = c.revision) AS confirmed_by
FROM pairs pr JOIN contracts c ON c.pair_id = pr.id
WHERE pr.cohort_id = ?1 AND c.version = (SELECT MAX(version) FROM contracts x WHERE x.pair_id = pr.id)`;

const FEEDBACK = `
SELECT p.pair_id, COUNT(*) AS given, SUM(${isComplete('f', String(COMPLETE_WORDS))}) AS complete,
       COUNT(f.usefulness) AS rated, COALESCE(SUM(f.usefulness), 0) AS usefulness
FROM feedback f JOIN participants p ON p.id = f.participant_id
WHERE f.cohort_id = ?1 AND p.pair_id IS NOT NULL GROUP BY p.pair_id`;

interface Member {
  id: number;
  display_name: string;
  pair_id: number;
  since: number | null;
  checked_in: number;
}

/**
 * Each pair's details (by pair id) as of `week`, with `lastComplete` its last complete week and
 * `today` the cohort's date.
 */
export async function loadPairDetails(db: D1Database, cohortId: number, week: number, lastComplete: number, today: string): Promise<Map<number, PairDetail>> {
  const [members, recent, energy, contracts, feedback, pairWeeks] = await db.batch([
    db.prepare(MEMBERS).bind(cohortId, lastComplete),
    db.prepare(RECENT).bind(cohortId, lastComplete, week),
    db.prepare(ENERGY).bind(cohortId),
    db.prepare(CONTRACTS).bind(cohortId),
    db.prepare(FEEDBACK).bind(cohortId),
    pairWeeksStatement(db, cohortId, lastComplete),
  ]);
  const recentRows = recent!.results as { participant_id: number; pair_id: number | null; week: number; last_action_done: string | null; score: number; challenge: string }[];
  const energyRows = energy!.results as { participant_id: number; week: number; energy: number }[];
  const contractOf = new Map((contracts!.results as { pair_id: number; version: number; renegotiate_on: string; confirmed_by: string | null }[]).map((c) => [c.pair_id, c]));
  const feedbackOf = new Map((feedback!.results as { pair_id: number; given: number; complete: number; rated: number; usefulness: number }[]).map((f) => [f.pair_id, f]));
  const pauses = pausesByPair(pairWeeks!.results as PairWeekRow[], lastComplete);

  const details = new Map<number, PairDetail>();
  for (const [pairId, group] of Map.groupBy(members!.results as Member[], (m) => m.pair_id)) {
    const paused = pauses.get(pairId) ?? new Set<number>();
    const ids = group.map((m) => m.id);
    const name = (id: number) => group.find((m) => m.id === id)!.display_name;
    const since = Math.max(1, ...group.map((m) => m.since ?? 1));
    const expected = group.reduce((sum, m) => sum + weeksFrom(m.since ?? 1, lastComplete).filter((w) => !paused.has(w)).length, 0);

    const contract = contractOf.get(pairId);
    const confirmed = contract?.confirmed_by ? contract.confirmed_by.split(',').map(Number) : [];
    const state: ContractState = !contract
      ? { state: 'none' }
      : isAgreed(ids, confirmed)
        ? { state: 'agreed', version: contract.version, renegotiateOn: contract.renegotiate_on }
        : { state: 'proposed', version: contract.version, waitingFor: ids.filter((id) => !confirmed.includes(id)).map(name), renegotiateOn: contract.renegotiate_on };

    const own = recentRows.filter((r) => ids.includes(r.participant_id));
    const recentActions: WeekScore[] = [lastComplete - 2, lastComplete - 1, lastComplete]
      .filter((w) => w >= since)
      .map((w) => {
        const due = own.filter((r) => r.week === w && r.last_action_done !== null);
        return { week: w, done: due.reduce((s, r) => s + r.score, 0), due: due.length };
      });
    const energies = group.map((m) => ({ who: m.display_name, energies: energyRows.filter((e) => e.participant_id === m.id).map((e) => e.energy) }));
    const silenceWeeks = [lastComplete - 1, lastComplete].filter((w) => w >= since && !paused.has(w));
    const f = feedbackOf.get(pairId);

    details.set(pairId, {
      contract: state,
      engagement: { part: group.reduce((s, m) => s + m.checked_in, 0), whole: expected },
      feedback: { complete: { part: f?.complete ?? 0, whole: f?.given ?? 0 }, usefulness: { part: f?.usefulness ?? 0, whole: f?.rated ?? 0 } },
      energy: energies.filter((e) => e.energies.length > 0),
      challenges: own.filter((r) => r.week === week && r.challenge !== '').map((r) => ({ who: name(r.participant_id), text: r.challenge })),
      record: {
        noContractBy: state.state !== 'agreed' && since + 1 <= lastComplete ? since + 1 : null,
        recentActions,
        energyFall: energies.find((e) => isFalling(e.energies)) ?? null,
        reviewPassedOn: state.state === 'agreed' && state.renegotiateOn < today ? state.renegotiateOn : null,
        silent: silentPartner(new Map(group.map((m) => [m.display_name, own.filter((r) => r.participant_id === m.id).map((r) => r.week)])), silenceWeeks),
      },
    });
  }
  return details;
}

/** Weeks `from`…`to`, both included. */
function weeksFrom(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
