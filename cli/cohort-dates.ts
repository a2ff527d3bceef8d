/**
 * A cohort's first and last day from the command line: `cohort add --starts/--ends` and
 * `cohort set --starts/--ends`, checked against the bounds of worker/domain/cohort-dates.ts.
 */
import { hasRecordsInWeeks, setDates, type Cohort } from '../worker/db/cohorts.ts';
import { endProblem, startProblem } from '../worker/domain/cohort-dates.ts';
import { everyDays } from '../worker/domain/cadence.ts';
import { LINK_GRACE_DAYS } from '../worker/domain/links.ts';
import { localDate, type Rhythm } from '../worker/domain/weeks.ts';
import type { Connection } from '../worker/db/connection.ts';
import { UsageError, type Options } from './usage-error.ts';

/** `--ends YYYY-MM-DD|none` as given, or undefined when the option is absent. */
function endsGiven(options: Options): string | null | undefined {
  if (options.ends === undefined) return undefined;
  return String(options.ends) === 'none' ? null : String(options.ends);
}

/** A new cohort's dates from --starts (default: today in its timezone) and --ends; throws a UsageError when out of bounds. */
export function newCohortDates(options: Options, timezone: string, now: Date): { startsOn: string; endsOn: string | null } {
  const today = localDate(now, timezone);
  const startsOn = typeof options.starts === 'string' ? options.starts : today;
  const endsOn = endsGiven(options) ?? null;
  const problem = startProblem(startsOn, today) ?? endProblem(endsOn, startsOn);
  if (problem) throw new UsageError(problem);
  return { startsOn, endsOn };
}

/** A change of dates, checked: what `applyDates` writes. */
export interface DatesPlan {
  cohort: Cohort;
  startsOn: string;
  endsOn: string | null;
  rhythm: Rhythm;
}

/**
 * `cohort set --starts/--ends`, checked before anything is written. A new first day renumbers every
 * week, so it is taken only while nothing is stored in the cohort's weeks; its rhythm then starts
 * afresh with the cadence it has now (a change planned for a later cycle would land elsewhere).
 */
export async function planDates(conn: Connection, cohort: Cohort, options: Options, now: Date): Promise<DatesPlan> {
  const startsOn = typeof options.starts === 'string' ? options.starts : cohort.startsOn;
  const given = endsGiven(options);
  const endsOn = given === undefined ? cohort.endsOn : given;
  const moves = startsOn !== cohort.startsOn;
  const startError = moves ? startProblem(startsOn, localDate(now, cohort.timezone)) : null;
  if (startError) throw new UsageError(`${startError} Nothing was changed.`);
  const endError = endProblem(endsOn, startsOn, given === undefined ? `its last day` : '--ends');
  if (endError && given === undefined) throw new UsageError(`With --starts ${startsOn}, ${endError} Give a new last day with --ends in the same command. Nothing was changed.`);
  if (endError) throw new UsageError(`${endError} Nothing was changed.`);
  if (moves && (await hasRecordsInWeeks(conn.db, cohort.id))) {
    throw new UsageError(
      `“${cohort.slug}” has check-ins or other records in its weeks already, and a new first day would move each of them to another week, so --starts was not changed. Nothing was changed.`,
    );
  }
  const cadenceDays = cohort.cadenceChanges.at(-1)?.cadenceDays ?? cohort.cadenceDays;
  const rhythm = moves ? { startsOn, cadenceDays, cadenceChanges: [] } : cohort;
  return { cohort, startsOn, endsOn, rhythm };
}

/** Writes a planned change of dates and says what it means. */
export async function applyDates(conn: Connection, plan: DatesPlan): Promise<Cohort> {
  const { cohort } = plan;
  const updated = await setDates(conn.db, cohort, { startsOn: plan.startsOn, endsOn: plan.endsOn }, plan.rhythm);
  if (!updated) throw new UsageError(`“${cohort.slug}” changed while this command ran (a check-in came in, or its rhythm changed); run it again.`);
  if (updated.startsOn !== cohort.startsOn) {
    console.log(`“${cohort.slug}” now starts on ${updated.startsOn}: cycle 1 begins that day, with check-ins ${everyDays(updated.cadenceDays)}.`);
  }
  console.log(
    updated.endsOn === null
      ? `“${cohort.slug}” has no end date: its links keep working until you revoke them.`
      : `“${cohort.slug}” ends on ${updated.endsOn}; its links stop working ${LINK_GRACE_DAYS} days later, so the last check-ins and reflections can still come in.`,
  );
  return updated;
}
