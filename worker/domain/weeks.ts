/** Calendar arithmetic for cohorts: dates are YYYY-MM-DD strings in the cohort's timezone. */

const DAY_MS = 86_400_000;

/** The calendar date of an instant as seen in an IANA timezone, as YYYY-MM-DD. */
export function localDate(instant: Date, timezone: string): string {
  // From the parts, not a locale's format string, which ICU versions have changed.
  const parts = dateFormat(timezone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** One formatter per timezone: making one costs far more than using it (about a millisecond in workerd). */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timezone, format);
  }
  return format;
}

/** Whether a string names a timezone this runtime knows. */
export function isTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a string is a real YYYY-MM-DD calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * A change of a cohort's rhythm: from cycle `fromCycle`, which begins on `startsOn`, cycles last
 * `cadenceDays` days. The cycles before keep the lengths they had, so no week is renumbered.
 */
export interface CadenceChange {
  fromCycle: number;
  /** YYYY-MM-DD in the cohort's timezone: the first day of cycle `fromCycle` by the rhythm before. */
  startsOn: string;
  cadenceDays: number;
}

/**
 * A cohort's calendar: where its cycles start, how long they are, in which timezone, and its last
 * day. Declared here once: a cohort (worker/db/cohorts.ts), a participant's cohort and the Worker's
 * cached calendars (worker/db/admission.ts) are this plus what they add.
 */
export interface CohortCalendar {
  /** IANA, e.g. `Europe/London`. */
  timezone: string;
  /** Length in days of cycle 1 ("week" 1) and of the cycles after it, up to the first cadence change. */
  cadenceDays: number;
  /** The first day of cycle 1, YYYY-MM-DD in the timezone. */
  startsOn: string;
  /** The last day, YYYY-MM-DD in the timezone; null while the cohort has no end date. */
  endsOn: string | null;
  /** Later changes of the rhythm, oldest first; empty while it never changed. */
  cadenceChanges: readonly CadenceChange[];
}

/** What a cohort's cycles are counted from: cycle 1's first day and length, and the changes since. */
export type Rhythm = Pick<CohortCalendar, 'startsOn' | 'cadenceDays' | 'cadenceChanges'>;

/** The rhythm as runs of cycles of one length, oldest first; the first run begins with cycle 1. */
export function cadenceSegments(rhythm: Rhythm): CadenceChange[] {
  return [{ fromCycle: 1, startsOn: rhythm.startsOn, cadenceDays: rhythm.cadenceDays }, ...rhythm.cadenceChanges];
}

/**
 * The cohort's cycle ("week") number on a date: 1 for the first cycle's days from the start, and
 * so on, each cycle as long as the rhythm in force when it began. Days before the start count as
 * cycle 1, so an early kickoff check-in is not lost.
 */
export function cycleOn(rhythm: Rhythm, date: string): number {
  const segment = cadenceSegments(rhythm).findLast((s) => s.startsOn <= date);
  if (!segment) return 1;
  return segment.fromCycle + Math.floor(daysBetween(segment.startsOn, date) / segment.cadenceDays);
}

/** The run of cycles a cycle belongs to (cycles before 1 belong to the first). */
function segmentOf(rhythm: Rhythm, cycle: number): CadenceChange {
  const segments = cadenceSegments(rhythm);
  return segments.findLast((s) => s.fromCycle <= cycle) ?? segments[0]!;
}

/** The first day of a cycle. */
export function cycleStart(rhythm: Rhythm, cycle: number): string {
  const segment = segmentOf(rhythm, cycle);
  return addDays(segment.startsOn, (cycle - segment.fromCycle) * segment.cadenceDays);
}

/** How many days a cycle lasts. */
export function cadenceOf(rhythm: Rhythm, cycle: number): number {
  return segmentOf(rhythm, cycle).cadenceDays;
}

/** The first days of cycles 1 … `cycles`, YYYY-MM-DD: the SQL counts how many a date has reached (worker/db/rules.ts). */
export function cycleStarts(rhythm: Rhythm, cycles: number): string[] {
  return Array.from({ length: Math.max(0, cycles) }, (_, i) => cycleStart(rhythm, i + 1));
}

/** The cycle a cohort is in at an instant, by the cohort's own calendar. */
export function cycleAt(calendar: CohortCalendar, instant: Date): number {
  return cycleOn(calendar, localDate(instant, calendar.timezone));
}

/** A cohort's calendar and its last day (YYYY-MM-DD; null while it has no end date). */
export interface CohortTerm extends CohortCalendar {
  endsOn: string | null;
}

/**
 * The cohort's current week (its last week once it has ended), and its last complete week: the
 * week before the current one, or the last week once the cohort has ended.
 */
export function currentWeek(cohort: CohortTerm, now: Date): { week: number; lastComplete: number; ended: boolean; today: string } {
  const today = localDate(now, cohort.timezone);
  const ended = cohort.endsOn !== null && cohort.endsOn < today;
  const week = cycleOn(cohort, ended ? cohort.endsOn! : today);
  return { week, lastComplete: ended ? week : week - 1, ended, today };
}

/** The first instant of a local date in an IANA timezone (local midnight, or the first time after it in a DST gap). */
function localMidnightUtc(date: string, timezone: string): number {
  // Offsets lie within UTC−12…UTC+14, so the day starts within this window; localDate only grows with time.
  let before = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000; // still the day before, locally
  let after = before + 28 * 3_600_000; // already the date, locally
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (localDate(new Date(mid), timezone) < date) before = mid;
    else after = mid;
  }
  return after;
}

/** Whether `instant` (ms) is the first second of `date` in the timezone. */
function startsDate(instant: number, date: string, timezone: string): boolean {
  return localDate(new Date(instant), timezone) === date && localDate(new Date(instant - 1000), timezone) < date;
}

/**
 * The UTC instants, as ISO strings like Date#toISOString, at which cycles 1 … `cycles` begin: local
 * midnight of each cycle's first day in the cohort's timezone, daylight-saving changes included.
 * Each start is first guessed as the one before plus that cycle's length (right unless the clocks
 * changed in between), so the search runs only for the first cycle and after the clocks change.
 */
export function cycleStartsUtc(calendar: Rhythm & Pick<CohortCalendar, 'timezone'>, cycles: number): string[] {
  const starts: number[] = [];
  let previousDate = '';
  for (const date of cycleStarts(calendar, cycles)) {
    const previous = starts.at(-1);
    const guess = previous === undefined ? null : previous + daysBetween(previousDate, date) * DAY_MS;
    starts.push(guess !== null && startsDate(guess, date, calendar.timezone) ? guess : localMidnightUtc(date, calendar.timezone));
    previousDate = date;
  }
  return starts.map((instant) => new Date(instant).toISOString());
}
