/** Which pairs of a cohort are paused in which weeks, from their check-ins. */
import { pausedWeeks } from '../domain/pauses.ts';
import { ONE_COHORT, pairWeeks } from './rules.ts';

export interface PairWeekRow {
  pair_id: number;
  week: number;
  pause: number;
}

/** Each pair's weeks with check-ins, and whether one of them asked for a pause, up to `lastWeek`. */
export function pairWeeksStatement(db: D1Database, cohortId: number, lastWeek: number): D1PreparedStatement {
  return db.prepare(`WITH ${pairWeeks(ONE_COHORT)} SELECT pair_id, week, pause FROM pair_week WHERE week <= ?2`).bind(cohortId, lastWeek);
}

/** Paused weeks per pair id (pairs never paused are absent). */
export function pausesByPair(rows: readonly PairWeekRow[], lastWeek: number): Map<number, Set<number>> {
  const pauses = new Map<number, Set<number>>();
  for (const [pairId, weeks] of Map.groupBy(rows, (r) => r.pair_id)) {
    const paused = pausedWeeks(weeks.map((w) => ({ week: w.week, pause: w.pause === 1 })), lastWeek);
    if (paused.size) pauses.set(pairId, paused);
  }
  return pauses;
}
