/** Engagement by week, and the small-group rule that guards every published aggregate. */
import { cycleOn, cycleStart } from './weeks.ts';

/**
 * Privacy rule 4: a published aggregate describing fewer participants than this is replaced by
 * "not enough responses to show".
 */
export const MIN_GROUP_SIZE = 5;

export interface EngagementWeek {
  week: number;
  /** First day of the week, YYYY-MM-DD in the cohort's timezone. */
  startsOn: string;
  /** Mentees who sent at least one check-in that week; null when too few were expected to show it. */
  checkedIn: number | null;
  /** Mentees expected to check in: the cohort's mentees, less those of pairs paused that week. */
  expected: number;
  /** The week is still running, so its figure is not final. */
  inProgress: boolean;
}

export interface EngagementCohort {
  startsOn: string;
  cadenceDays: number;
  endsOn: string | null;
}

/**
 * One row per week from week 1 to the cohort's current week (its last week once it has ended, or
 * a later week that already has check-ins); engagement is checkedIn ÷ expected, where a paused
 * pair's mentees are not expected (`pausedByWeek`: mentees of paused pairs, per week). Null when
 * the cohort has fewer than MIN_GROUP_SIZE mentees, since every figure would describe a small group.
 */
export function engagementByWeek(
  cohort: EngagementCohort,
  mentees: number,
  checkedInByWeek: ReadonlyMap<number, number>,
  today: string,
  pausedByWeek: ReadonlyMap<number, number> = new Map(),
): EngagementWeek[] | null {
  if (mentees < MIN_GROUP_SIZE) return null;
  const ended = cohort.endsOn !== null && cohort.endsOn < today;
  const current = cycleOn(cohort.startsOn, cohort.cadenceDays, ended ? cohort.endsOn! : today);
  const weeks = weekCount(cohort, today, checkedInByWeek.keys());
  return Array.from({ length: weeks }, (_, i) => {
    const week = i + 1;
    const expected = mentees - (pausedByWeek.get(week) ?? 0);
    return {
      week,
      startsOn: cycleStart(cohort.startsOn, cohort.cadenceDays, week),
      // Pauses can leave a week with a small group: its figure is hidden like a small cohort's.
      checkedIn: expected < MIN_GROUP_SIZE ? null : (checkedInByWeek.get(week) ?? 0),
      expected,
      inProgress: !ended && week === current,
    };
  });
}

/** How many weeks a cohort's figures cover: to its current (or last) week, or a later week with data. */
export function weekCount(cohort: EngagementCohort, today: string, weeksWithData: Iterable<number>): number {
  const ended = cohort.endsOn !== null && cohort.endsOn < today;
  return Math.max(cycleOn(cohort.startsOn, cohort.cadenceDays, ended ? cohort.endsOn! : today), ...weeksWithData);
}
