/**
 * Changing a cohort's rhythm: a new cadence takes effect from the next cycle, so the cycle under
 * way keeps its length, no past week is renumbered and no past check-in moves. The arithmetic of
 * a rhythm with changes is in ./weeks.ts; this is how a change is planned, and read back as stored.
 */
import type { Translator } from './i18n.ts';
import { cadenceOf, cycleOn, cycleStart, isIsoDate, type CadenceChange, type Rhythm } from './weeks.ts';

/** The cadences a cohort may have, in days: from daily to about once a quarter. */
export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 90;

export function isCadence(days: number): boolean {
  return Number.isInteger(days) && days >= MIN_CADENCE_DAYS && days <= MAX_CADENCE_DAYS;
}

/** A new cadence, planned: the cycle it takes effect from, that cycle's first day, and the rhythm with it. */
export interface CadencePlan {
  fromCycle: number;
  startsOn: string;
  rhythm: Rhythm;
  /** The changes, planned earlier from `fromCycle` or later, that had not begun and are replaced. */
  replaced: CadenceChange[];
  /** Whether the rhythm stays as it was (the cadence is already the one that would be in force). */
  unchanged: boolean;
}

/**
 * The rhythm with cycles of `cadenceDays` days from the next cycle to begin after `today` (the
 * cohort's local date). Before the start nothing has run yet, so cycle 1 itself takes the new
 * length; once it started, the cycle under way ends as it was due to. A change planned earlier
 * that has not begun is replaced: only changes that took effect are history.
 */
export function planCadence(rhythm: Rhythm, cadenceDays: number, today: string): CadencePlan {
  if (!isCadence(cadenceDays)) throw new RangeError(`A cadence is a whole number of days from ${MIN_CADENCE_DAYS} to ${MAX_CADENCE_DAYS}, got ${cadenceDays}`);
  const fromCycle = today < rhythm.startsOn ? 1 : cycleOn(rhythm, today) + 1;
  const kept = rhythm.cadenceChanges.filter((c) => c.fromCycle < fromCycle);
  const replaced = rhythm.cadenceChanges.filter((c) => c.fromCycle >= fromCycle);
  const before: Rhythm = { ...rhythm, cadenceChanges: kept };
  const startsOn = cycleStart(before, fromCycle);
  let next: Rhythm;
  if (fromCycle === 1) next = { ...rhythm, cadenceDays, cadenceChanges: [] };
  else if (cadenceOf(before, fromCycle - 1) === cadenceDays) next = before;
  else next = { ...rhythm, cadenceChanges: [...kept, { fromCycle, startsOn, cadenceDays }] };
  const unchanged = next.cadenceDays === rhythm.cadenceDays && JSON.stringify(next.cadenceChanges) === JSON.stringify(rhythm.cadenceChanges);
  return { fromCycle, startsOn, rhythm: next, replaced, unchanged };
}

/** A cadence in words, for the mentor at the command line (English, as the CLI is): "every 14 days", "every 1 day". */
export function everyDays(days: number): string {
  return `every ${days} day${days === 1 ? '' : 's'}`;
}

/**
 * How often a cohort checks in, in the reader's words: "every 7 days", then "then every 14 days
 * from week 4 (26 January)" per change. Each part is one whole message, so a language can order
 * its words as it needs; the parts are joined with the language's own comma.
 */
export function describeRhythm(t: Translator, rhythm: Rhythm): string {
  const changes = rhythm.cadenceChanges.map((c) => t('rhythm.change', { days: c.cadenceDays, week: c.fromCycle, date: t.date(c.startsOn, 'day') }));
  return [t('rhythm.every', { days: rhythm.cadenceDays }), ...changes].join(t('rhythm.separator'));
}

function isChange(value: unknown): value is CadenceChange {
  if (typeof value !== 'object' || value === null) return false;
  const { fromCycle, startsOn, cadenceDays } = value as Record<string, unknown>;
  return Number.isInteger(fromCycle) && (fromCycle as number) >= 1 && typeof startsOn === 'string' && isIsoDate(startsOn) && typeof cadenceDays === 'number' && isCadence(cadenceDays);
}

/**
 * A cohort's cadence changes as stored (`cohorts.cadence_changes`, a JSON array, oldest first, in
 * the form cadenceChangesJson writes). Throws on anything else: a week worked out from a misread
 * calendar would be stored for good, and the Worker compares the text as written (admissionSql).
 */
export function readCadenceChanges(json: string): CadenceChange[] {
  const value: unknown = JSON.parse(json);
  const ordered = (c: CadenceChange, i: number, all: CadenceChange[]) => i === 0 || (c.fromCycle > all[i - 1]!.fromCycle && c.startsOn > all[i - 1]!.startsOn);
  if (Array.isArray(value) && value.every(isChange) && value.every(ordered) && cadenceChangesJson(value) === json) return value;
  throw new Error(`cohorts.cadence_changes is not a list of cadence changes, oldest first, as setCadence writes it: ${json}`);
}

/** The text `cohorts.cadence_changes` holds for a list of changes: compact JSON, keys in one order. */
export function cadenceChangesJson(changes: readonly CadenceChange[]): string {
  return JSON.stringify(changes.map(({ fromCycle, startsOn, cadenceDays }) => ({ fromCycle, startsOn, cadenceDays })));
}
