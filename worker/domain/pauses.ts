/** Pauses: a pair that asked for one is not expected to check in until it comes back. */

export interface PairWeek {
  week: number;
  /** Whether a check-in of the pair that week asked for a pause. */
  pause: boolean;
}

/**
 * The weeks, up to `lastWeek`, in which a pair is paused: every week after a week whose check-in
 * asked for a pause, until (not including) the next week in which the pair checks in without
 * asking. The week of the request itself is not paused: the pair checked in that week.
 */
export function pausedWeeks(checkinWeeks: readonly PairWeek[], lastWeek: number): Set<number> {
  const byWeek = new Map(checkinWeeks.map((w) => [w.week, w.pause]));
  const paused = new Set<number>();
  let pausing = false;
  for (let week = 1; week <= lastWeek; week++) {
    const checkedIn = byWeek.get(week);
    if (checkedIn === undefined) {
      if (pausing) paused.add(week);
    } else {
      pausing = checkedIn;
    }
  }
  return paused;
}
