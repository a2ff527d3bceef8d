/**
 * When a pair is at risk, for the mentor's dashboard: each rule a small pure function of the pair's
 * recent record, each reason stated in words a mentor can act on.
 */
import type { MessageKey, MessageValues, Translator } from './i18n.ts';

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

/**
 * One reason a pair is at risk, as a catalogue message (worker/messages/<locale>/mentor.json): the
 * dashboard and the mentor's digest put it into the mentor's language.
 */
export interface RiskReason {
  key: MessageKey;
  values: MessageValues;
  /** Arguments that are calendar days (YYYY-MM-DD), written as the reader's language writes a date. */
  days?: Record<string, string>;
}

const reason = (key: MessageKey, values: MessageValues, days?: Record<string, string>): RiskReason => (days ? { key, values, days } : { key, values });

/** Why a pair is at risk; empty when it is not. */
export function riskReasons(pair: PairRecord): RiskReason[] {
  const reasons: RiskReason[] = [];
  // The recent weeks are the last two complete ones: a run of two, first and last.
  const missed = pair.missedRecentWeeks;
  if (missed.length >= 2) reasons.push(reason('mentor.risk.missed', { first: missed[0]!, last: missed.at(-1)! }));
  if (pair.pauseAskedInWeek !== null) reasons.push(reason('mentor.risk.pause', { week: pair.pauseAskedInWeek }));
  const { drop } = pair;
  if (drop && drop.before.mean - drop.after.mean >= PULSE_DROP - 1e-9) {
    reasons.push(reason('mentor.risk.pulse', { who: drop.who, before: drop.before.mean, after: drop.after.mean, beforeWeek: drop.before.week, afterWeek: drop.after.week }));
  }
  if (pair.noContractBy) reasons.push(reason('mentor.risk.noContract', { week: pair.noContractBy }));
  const weeks = pair.recentActions ?? [];
  if (weeks.length === 3 && weeks.every((w) => w.due > 0 && w.done / w.due < LOW_ACTIONS)) {
    reasons.push(reason('mentor.risk.actions', { from: weeks[0]!.week, to: weeks[2]!.week }));
  }
  if (pair.energyFall) {
    const [first, second, third] = pair.energyFall.energies.slice(-3);
    reasons.push(reason('mentor.risk.energy', { who: pair.energyFall.who, first: first!, second: second!, third: third! }));
  }
  if (pair.reviewPassedOn) reasons.push(reason('mentor.risk.review', {}, { date: pair.reviewPassedOn }));
  if (pair.silent) reasons.push(reason('mentor.risk.silent', { who: pair.silent.who, other: pair.silent.while, first: pair.silent.weeks[0]!, last: pair.silent.weeks.at(-1)! }));
  return reasons;
}

/** A reason in the reader's words. */
export function sayRisk(t: Translator, risk: RiskReason): string {
  const days = Object.fromEntries(Object.entries(risk.days ?? {}).map(([name, day]) => [name, t.date(day, 'day')]));
  return t(risk.key, { ...risk.values, ...days });
}

/** A pair's reasons in one line, as the language separates them. */
export function sayRisks(t: Translator, risks: readonly RiskReason[]): string {
  return risks.map((r) => sayRisk(t, r)).join(t('mentor.separator'));
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
