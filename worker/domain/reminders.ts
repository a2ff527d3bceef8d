/**
 * The rhythm: which messages are due at an instant, each with a key that names it once and for all
 * (recipient, cycle, kind, step), so a run that overlaps, retries or comes late never sends one twice.
 * Pure: the state comes in, the messages to send go out; worker/rhythm/ loads, records and sends.
 *
 * A cycle's check-in is due by the end of its last day. On that day, in each person's own timezone:
 * a reminder at their hour (default 09:00), and if the check-in is still missing, one nudge from
 * NUDGE_HOUR that says how their partner stands. On the first day of a cycle: the escalations the
 * pair's contract turned on, the pulse when it is due, and the mentor's digest. Nothing is sent to a
 * paused pair, in someone's quiet hours, after the cohort's last day, or to someone who unsubscribed.
 * A message's window closes with its day: one due while the Worker was down goes out at the next
 * run that same day, or not at all (a reminder for a day gone by is noise).
 */
import type { Locale } from './locales.ts';
import { cycleOn, cycleStart, type CohortCalendar } from './weeks.ts';

/** The hour (local) from which a missing check-in is nudged on its last day. */
export const NUDGE_HOUR = 18;
/** Cycles between pulses (the pulse form says when the next one is due). */
export const PULSE_EVERY = 4;

export type MessageKind = 'reminder' | 'nudge' | 'escalation' | 'pulse' | 'digest' | 'channel';

/** Who may be reminded, and how they chose to be. */
export interface Recipient {
  id: number;
  name: string;
  /** IANA timezone: their own, or the cohort's. */
  timezone: string;
  /** Local hour (0–23) for their reminders. */
  hour: number;
  /** Hours (local, from–until, may wrap midnight) in which nothing is sent; null for none. */
  quiet: { from: number; until: number } | null;
  /** Whether mail may be sent to them: an address, mail on, not unsubscribed. */
  reachable: boolean;
  /** The language their messages are written in: their own, or the cohort's. */
  language: Locale;
}

export interface Mentee extends Recipient {
  pairId: number | null;
  circleId: number | null;
  /** The first cycle they take part in. */
  joinedCycle: number;
  /** Cycles in which they sent a check-in. */
  checkedIn: ReadonlySet<number>;
  /** The cycle of their latest pulse. */
  lastPulse: number | null;
}

/** The steps a pair's contract turned on: after how many missed cycles each is told (null: off). */
export interface Ladder {
  partner: number | null;
  facilitator: number | null;
  mentor: number | null;
}

export interface CohortState {
  cohortId: number;
  calendar: CohortCalendar;
  mentor: Recipient | null;
  mentees: Mentee[];
  /** Paused cycles per pair id. */
  paused: ReadonlyMap<number, ReadonlySet<number>>;
  ladders: ReadonlyMap<number, Ladder>;
  /** Who facilitates each circle in each cycle. */
  facilitator(circleId: number, cycle: number): number | null;
  /** The channels with a webhook the mentor set: the cohort's (circleId null) and circles'. */
  channels: { circleId: number | null }[];
}

/** A message due now, before it is written. */
export interface Due {
  key: string;
  kind: MessageKind;
  cycle: number;
  /** The recipient; null for a webhook. */
  to: number | null;
  /** A circle's webhook; null for a person or the cohort's webhook. */
  circle: number | null;
  /** Whom it is about (a nudge's partners' state, an escalation's silent member). */
  about: number | null;
  /** Escalations: 1 partner, 2 facilitator, 3 mentor; 0 otherwise. */
  step: number;
  /** Nudge: partners who checked in this cycle. Escalation: cycles missed. Channel: who has not checked in. */
  detail: { partnersIn?: string[]; missed?: number; missing?: string[] };
  /** The last day of the cycle (YYYY-MM-DD), by which its check-in is due, on the recipient's calendar. */
  dueOn: string;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The local date (YYYY-MM-DD) and hour (0–23) of an instant in a timezone. */
export function localClock(instant: Date, timezone: string): { date: string; hour: number } {
  let clock = clocks.get(timezone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    clocks.set(timezone, clock);
  }
  const parts = Object.fromEntries(clock.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** Whether `hour` falls in quiet hours (which may wrap past midnight). */
export function isQuiet(hour: number, quiet: Recipient['quiet']): boolean {
  if (!quiet || quiet.from === quiet.until) return false;
  return quiet.from < quiet.until ? hour >= quiet.from && hour < quiet.until : hour >= quiet.from || hour < quiet.until;
}

/** The first and last day of a cycle. */
function cycleDays(calendar: CohortCalendar, cycle: number): { first: string; last: string } {
  const next = cycleStart(calendar, cycle + 1);
  const first = cycleStart(calendar, cycle);
  const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { first, last };
}

/** Where a recipient stands at `now`: their local day, hour, and the cohort cycle of that day. */
function standing(state: CohortState, person: Recipient, now: Date) {
  const { date, hour } = localClock(now, person.timezone);
  const cycle = date < state.calendar.startsOn ? 0 : cycleOn(state.calendar, date);
  return { date, hour, cycle, days: cycleDays(state.calendar, Math.max(cycle, 1)) };
}

/** Whether a recipient can be written to at `now` at all: reachable, not in quiet hours, cohort running. */
function open(state: CohortState, person: Recipient, date: string, hour: number): boolean {
  const { startsOn, endsOn } = state.calendar;
  return person.reachable && !isQuiet(hour, person.quiet) && date >= startsOn && (endsOn === null || date <= endsOn);
}

/** Every message due at `now` for one cohort. Keys make each one once: the caller records before sending. */
export function dueMessages(state: CohortState, now: Date): Due[] {
  const due: Due[] = [];
  const pairOf = (m: Mentee) => state.mentees.filter((o) => o.pairId !== null && o.pairId === m.pairId && o.id !== m.id);
  const paused = (m: Mentee, cycle: number) => m.pairId !== null && (state.paused.get(m.pairId)?.has(cycle) ?? false);

  for (const m of state.mentees) {
    const { date, hour, cycle, days } = standing(state, m, now);
    if (cycle < Math.max(1, m.joinedCycle) || !open(state, m, date, hour)) continue;
    const missing = !m.checkedIn.has(cycle) && !paused(m, cycle);
    if (date === days.last && missing) {
      if (hour >= m.hour) due.push({ key: `${m.id}:${cycle}:reminder:0`, kind: 'reminder', cycle, to: m.id, circle: null, about: null, step: 0, detail: {}, dueOn: days.last });
      if (hour >= Math.max(NUDGE_HOUR, m.hour + 1)) {
        const partnersIn = pairOf(m).filter((p) => p.checkedIn.has(cycle)).map((p) => p.name);
        due.push({ key: `${m.id}:${cycle}:nudge:0`, kind: 'nudge', cycle, to: m.id, circle: null, about: null, step: 0, detail: { partnersIn }, dueOn: days.last });
      }
    }
    // The pulse: due every PULSE_EVERY cycles (from the first one they take part in, until their first pulse).
    const sincePulse = cycle - (m.lastPulse ?? Math.max(1, m.joinedCycle) - PULSE_EVERY);
    if (date === days.first && hour >= m.hour && !paused(m, cycle) && sincePulse >= PULSE_EVERY && sincePulse % PULSE_EVERY === 0) {
      due.push({ key: `${m.id}:${cycle}:pulse:0`, kind: 'pulse', cycle, to: m.id, circle: null, about: null, step: 0, detail: {}, dueOn: days.last });
    }
  }

  // The escalation ladder: told on the first day of the cycle in which a member's run of missed cycles reaches a step.
  for (const m of state.mentees) {
    const ladder = m.pairId === null ? undefined : state.ladders.get(m.pairId);
    if (!ladder) continue;
    const calendarNow = standing(state, m, now).cycle;
    let missed = 0;
    for (let c = calendarNow - 1; c >= Math.max(1, m.joinedCycle) && !m.checkedIn.has(c); c--) if (!paused(m, c)) missed++;
    const steps: [number, number | null, () => (Recipient | undefined)[]][] = [
      [1, ladder.partner, () => pairOf(m)],
      [2, ladder.facilitator, () => [state.mentees.find((o) => m.circleId !== null && o.id === state.facilitator(m.circleId, calendarNow) && o.pairId !== m.pairId)]],
      [3, ladder.mentor, () => [state.mentor ?? undefined]],
    ];
    for (const [step, after, recipients] of steps) {
      if (after === null || missed !== after) continue;
      for (const r of recipients()) {
        if (!r) continue;
        const { date, hour, cycle, days } = standing(state, r, now);
        if (cycle !== calendarNow || date !== days.first || hour < r.hour || !open(state, r, date, hour)) continue;
        due.push({ key: `${r.id}:${cycle}:escalation:${step}:${m.id}`, kind: 'escalation', cycle, to: r.id, circle: null, about: m.id, step, detail: { missed }, dueOn: days.last });
      }
    }
  }

  if (state.mentor) {
    const { date, hour, cycle, days } = standing(state, state.mentor, now);
    if (cycle > 1 && date === days.first && hour >= state.mentor.hour && open(state, state.mentor, date, hour)) {
      due.push({ key: `${state.mentor.id}:${cycle}:digest:0`, kind: 'digest', cycle, to: state.mentor.id, circle: null, about: null, step: 0, detail: {}, dueOn: days.last });
    }
  }

  // Each channel, at 09:00 in the cohort's timezone on the cycle's last day: who has not checked in yet.
  const { date, hour } = localClock(now, state.calendar.timezone);
  if (state.channels.length && date >= state.calendar.startsOn && (state.calendar.endsOn === null || date <= state.calendar.endsOn) && hour >= 9) {
    const cycle = cycleOn(state.calendar, date);
    const { last } = cycleDays(state.calendar, cycle);
    if (date === last) {
      for (const { circleId } of state.channels) {
        const members = state.mentees.filter((m) => circleId === null || m.circleId === circleId);
        const missing = members.filter((m) => m.joinedCycle <= cycle && !m.checkedIn.has(cycle) && !paused(m, cycle)).map((m) => m.name);
        const key = circleId === null ? `cohort-${state.cohortId}:${cycle}:channel:0` : `circle-${circleId}:${cycle}:channel:0`;
        due.push({ key, kind: 'channel', cycle, to: null, circle: circleId, about: null, step: 0, detail: { missing }, dueOn: last });
      }
    }
  }
  return due;
}
