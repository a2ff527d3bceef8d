/**
 * The dates a cohort may have. A cohort's weeks are counted from its first day, and every build
 * publishes each week's figures, so a start in year 0 made three quarters of a million weeks, a
 * 148 MB data.json and a site the platform refused. These bounds are wider than any real program,
 * and keep a cohort to at most about 1,800 cycles even at one check-in a day (a build of such a
 * cohort writes a data.json of about 0.4 MB; one started in 2000 took 2.5 minutes to build).
 */
import { addDays, isIsoDate } from './weeks.ts';

/** No cohort lasts longer than this many years, first day to last, so none starts longer ago than that either. */
export const MAX_YEARS_LONG = 5;
/** Nor starts more than this many years after today: a cohort is planned months ahead, not years. */
export const MAX_YEARS_AHEAD = 2;

/** The date `years` whole years after a YYYY-MM-DD date (29 February lands on 1 March). */
function yearsAfter(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** The earliest first day a new first day may be, seen from `today`. */
export function earliestStart(today: string): string {
  return yearsAfter(today, -MAX_YEARS_LONG);
}

/** The latest first day a cohort may have, seen from `today`. */
export function latestStart(today: string): string {
  return yearsAfter(today, MAX_YEARS_AHEAD);
}

/** The latest last day a cohort starting on `startsOn` may have. */
export function latestEnd(startsOn: string): string {
  return addDays(yearsAfter(startsOn, MAX_YEARS_LONG), -1);
}

/** What is wrong with a first day, for the mentor (null when it is fine); `option` names where it came from. */
export function startProblem(startsOn: string, today: string, option = '--starts'): string | null {
  if (!isIsoDate(startsOn)) return `${option} must be a date like 2027-03-01 (got “${startsOn}”).`;
  if (startsOn < earliestStart(today)) return `${option} ${startsOn} is more than ${MAX_YEARS_LONG} years ago; give the cohort's real first day, no earlier than ${earliestStart(today)}.`;
  if (startsOn > latestStart(today)) return `${option} ${startsOn} is more than ${MAX_YEARS_AHEAD} years from today; give a first day no later than ${latestStart(today)}.`;
  return null;
}

/** What is wrong with a last day given the first (null when it is fine, or when there is none). */
export function endProblem(endsOn: string | null, startsOn: string, option = '--ends'): string | null {
  if (endsOn === null) return null;
  if (!isIsoDate(endsOn)) return `${option} must be a date like 2027-06-30, or none (got “${endsOn}”).`;
  if (endsOn < startsOn) return `${option} ${endsOn} is before the cohort starts (${startsOn}).`;
  if (endsOn > latestEnd(startsOn)) return `${option} ${endsOn} is more than ${MAX_YEARS_LONG} years after the cohort starts (${startsOn}); the latest last day is ${latestEnd(startsOn)}.`;
  return null;
}
