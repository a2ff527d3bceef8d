/** A cohort's pairs and circles with this cycle's roles, for the mentor. */
import { circleFacilitator, pairRoles, type PairRole } from '../domain/roles.ts';
import { cycleOn } from '../domain/weeks.ts';
import type { Cohort } from './cohorts.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';

export interface PairLine {
  label: string;
  paused: boolean;
  members: { name: string; role: PairRole | null }[];
}

export interface CircleLine {
  label: string | null;
  facilitator: string | null;
  pairs: PairLine[];
}

interface Row {
  id: number;
  name: string;
  role: 'mentor' | 'mentee';
  joined_on: string;
  pair_id: number | null;
  pair: string | null;
  circle: string | null;
}

/** Circles (and pairs without one, under label null) with who does what in `week`. */
export async function loadCircles(db: D1Database, cohort: Cohort, week: number): Promise<{ circles: CircleLine[]; mentors: string[] }> {
  const [people, pairWeeks] = await db.batch([
    db
      .prepare(
        `SELECT p.id, p.display_name AS name, p.role, p.joined_on, p.pair_id, pr.label AS pair, ci.label AS circle
         FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
         WHERE p.cohort_id = ?1 ORDER BY ci.label, pr.label, p.id`,
      )
      .bind(cohort.id),
    pairWeeksStatement(db, cohort.id, week),
  ]);
  const rows = people!.results as Row[];
  const pauses = pausesByPair(pairWeeks!.results as PairWeekRow[], week);
  const pairOf = new Map(rows.map((r) => [r.id, r.pair_id]));
  const pausedIn = (id: number, cycle: number) => pauses.get(pairOf.get(id)!)?.has(cycle) ?? false;
  const member = (r: Row) => ({ id: r.id, joinedCycle: cycleOn(cohort, r.joined_on) });
  const paired = rows.filter((r) => r.pair_id !== null);
  const circles = [...Map.groupBy(paired, (r) => r.circle)].map(([label, circleRows]): CircleLine => {
    const facilitator = label === null ? null : circleFacilitator(circleRows.map(member), week, pausedIn);
    return {
      label,
      facilitator: circleRows.find((r) => r.id === facilitator)?.name ?? null,
      pairs: [...Map.groupBy(circleRows, (r) => r.pair_id!)].map(([pairId, pairRows]) => {
        const roles = pairRoles(pairRows.map(member), week);
        return { label: pairRows[0]!.pair!, paused: pauses.get(pairId)?.has(week) ?? false, members: pairRows.map((r) => ({ name: r.name, role: roles.get(r.id) ?? null })) };
      }),
    };
  });
  return { circles, mentors: rows.filter((r) => r.role === 'mentor').map((r) => r.name) };
}
