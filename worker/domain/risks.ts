/**
 * When a pair is at risk, for the mentor's dashboard: each rule a small pure function of the pair's
 * recent record, each reason stated in words a mentor can act on.
 */

/** A pulse drop (mean of the four dimensions) that puts a pair at risk. */
export const PULSE_DROP = 1;
/** Action completion below this share, three complete weeks running, puts a pair at risk. */
export const LOW_ACTIONS = 0.5;

export interface WeekScore {
  week: number;
  done: number;
  due: number;
}

/** What a pair's recent record says. */
export interface PairRecord {
  /** Weeks of the two most recent complete cycles in which the pair sent no check-in and was not paused. */
  missedRecentWeeks: number[];
  /** The week of the pair's latest check-in, when it asked for a pause; null otherwise. */
  pauseAskedInWeek: number | null;
  /** The member whose own pulse fell most from their previous pulse to their latest (null when none has two). */
  drop: { who: string; before: { week: number; mean: number }; after: { week: number; mean: number } } | null;
  /** The week by which the pair should have agreed its contract (its second), once that week is complete and it has not; else null. */
  noContractBy?: number | null;
  /** The action scores of the last three complete weeks, oldest first. */
  recentActions?: WeekScore[];
  /** A member whose energy fell at each of their last three check-ins, with those energies, oldest first. */
  energyFall?: { who: string; energies: number[] } | null;
  /** The agreed contract's review date, when it has passed. */
  reviewPassedOn?: string | null;
  /** A member silent in both of the last two complete weeks while a partner checked in both. */
  silent?: { who: string; while: string; weeks: number[] } | null;
}

/** Why a pair is at risk; empty when it is not. */
export function riskReasons(pair: PairRecord): string[] {
  const reasons: string[] = [];
  if (pair.missedRecentWeeks.length >= 2) reasons.push(`No check-in in weeks ${pair.missedRecentWeeks.join(' and ')}`);
  if (pair.pauseAskedInWeek !== null) reasons.push(`Asked for a pause in week ${pair.pauseAskedInWeek}`);
  const { drop } = pair;
  if (drop && drop.before.mean - drop.after.mean >= PULSE_DROP - 1e-9) {
    reasons.push(`${drop.who}’s pulse fell from ${drop.before.mean.toFixed(1)} to ${drop.after.mean.toFixed(1)} (week ${drop.before.week} → week ${drop.after.week})`);
  }
  if (pair.noContractBy) reasons.push(`No agreed contract by its second week (week ${pair.noContractBy})`);
  const weeks = pair.recentActions ?? [];
  if (weeks.length === 3 && weeks.every((w) => w.due > 0 && w.done / w.due < LOW_ACTIONS)) {
    reasons.push(`Actions completed under half for three weeks (weeks ${weeks[0]!.week}–${weeks[2]!.week})`);
  }
  if (pair.energyFall) reasons.push(`${pair.energyFall.who}’s energy fell at each of their last three check-ins (${pair.energyFall.energies.join(' → ')})`);
  if (pair.reviewPassedOn) reasons.push(`Its contract’s review date, ${pair.reviewPassedOn}, has passed`);
  if (pair.silent) reasons.push(`${pair.silent.who} has not checked in for weeks ${pair.silent.weeks.join(' and ')}, while ${pair.silent.while} did`);
  return reasons;
}

/** Whether energies (oldest first) fell at each step of the last three. */
export function isFalling(energies: readonly number[]): boolean {
  const last = energies.slice(-3);
  return last.length === 3 && last[0]! > last[1]! && last[1]! > last[2]!;
}

/**
 * A member silent in every one of `weeks` while another member checked in in all of them; null when none.
 * `checkedIn` maps each member's name to the weeks they checked in.
 */
export function silentPartner(checkedIn: ReadonlyMap<string, readonly number[]>, weeks: readonly number[]): { who: string; while: string; weeks: number[] } | null {
  const names = [...checkedIn.keys()];
  const all = (name: string) => weeks.every((w) => checkedIn.get(name)!.includes(w));
  const none = (name: string) => weeks.every((w) => !checkedIn.get(name)!.includes(w));
  const active = names.find(all);
  const silent = names.find(none);
  return weeks.length > 0 && active && silent ? { who: silent, while: active, weeks: [...weeks] } : null;
}
