/** iCalendar (RFC 5545) feeds of a partnership: check-in due dates and partnership meetings. */

import { addDays, cadenceOf, cycleOn, cycleStart, daysBetween, isIsoDate, type CohortCalendar } from './weeks.ts';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** A weekly or fortnightly meeting of a partnership, at a wall-clock time in the cohort timezone. */
export interface CalendarMeeting {
  day: (typeof WEEKDAYS)[number];
  /** HH:MM, local to the cohort timezone. */
  time: string;
  minutes: number;
  everyDays: 7 | 14;
  channel: string;
  partnerNames: string[];
}

/**
 * Everything a calendar is built from, the cohort's calendar included: no clock reads, so the same
 * input gives the same bytes.
 */
export interface CalendarInput extends CohortCalendar {
  /** Used in UIDs so events are stable across downloads, e.g. `pair-12` or `participant-7`. */
  uidPrefix: string;
  cohortName: string;
  /** YYYY-MM-DD in the cohort timezone. */
  today: string;
  /** DTSTAMP value, UTC basic format, e.g. `20261128T061500Z`. */
  stamp: string;
  /** How many cycles, from the one containing `today`, to list events for. */
  weeksAhead: number;
  meeting: CalendarMeeting | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset, in ms, of a timezone at an instant (local wall time minus UTC). */
function offsetAt(ms: number, timezone: string): number {
  let format = formatters.get(timezone);
  if (!format) {
    const options = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', ...options });
    formatters.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which a wall-clock time happens in a timezone. A time repeated when clocks go back
 * is its first occurrence; a time skipped when clocks go forward is moved forward by the gap.
 */
export function zonedTimeToUtc(date: string, time: string, timezone: string): Date {
  if (!isIsoDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a local date and time: ${date} ${time}`);
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = offsetAt(wall - DAY_MS, timezone);
  const after = offsetAt(wall + DAY_MS, timezone);
  const valid = [wall - before, wall - after].filter((ms) => offsetAt(ms, timezone) === wall - ms);
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}

/** A TEXT value escaped per RFC 5545 §3.3.11, control characters other than newlines dropped. */
function text(value: string): string {
  return value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, '');
}

const encoder = new TextEncoder();

/** A content line folded at 75 octets (§3.1), never inside a UTF-8 sequence, CRLF-terminated. */
function fold(line: string): string {
  let out = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (bytes + size > 75) {
      out += '\r\n ';
      bytes = 1;
    }
    out += char;
    bytes += size;
  }
  return `${out}\r\n`;
}

const basicDate = (date: string) => date.replaceAll('-', '');
/** An instant in iCalendar's basic UTC form, e.g. 20261128T061500Z. */
export const toBasicUtc = (instant: Date) => instant.toISOString().replace(/[-:]|\.\d{3}/g, '');

/** The .ics text of a partnership's upcoming check-in due dates and meetings. */
export function buildCalendar(input: CalendarInput): string {
  const { startsOn, today, meeting } = input;
  const first = cycleOn(input, today);
  let windowEnd = addDays(cycleStart(input, first + Math.max(0, input.weeksAhead)), -1);
  if (input.endsOn !== null && input.endsOn < windowEnd) windowEnd = input.endsOn;
  const inWindow = (date: string) => date >= today && date <= windowEnd;

  const events: string[][] = [];
  const event = (kind: string, date: string, lines: string[]) =>
    events.push(['BEGIN:VEVENT', `UID:${text(`${input.uidPrefix}-${kind}-${basicDate(date)}@tandem`)}`, `DTSTAMP:${input.stamp}`, ...lines, 'END:VEVENT']);

  for (let cycle = first; cycle < first + input.weeksAhead; cycle++) {
    // Due on the cycle's last day, each cycle as long as the rhythm in force when it begins.
    const due = addDays(cycleStart(input, cycle + 1), -1);
    if (!inWindow(due)) continue;
    const weekly = cadenceOf(input, cycle) === 7;
    event('checkin', due, [
      `DTSTART;VALUE=DATE:${basicDate(due)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(due, 1))}`,
      `SUMMARY:${text(weekly ? 'Weekly check-in due' : 'Check-in due')}`,
      `DESCRIPTION:${text(`${weekly ? 'Week' : 'Cycle'} ${cycle} of ${input.cohortName}: send your check-in from your personal link today.`)}`,
      'TRANSP:TRANSPARENT',
    ]);
  }

  if (meeting) {
    // Occurrences are anchored on the first meeting day on or after the cohort start, so a
    // fortnightly meeting keeps the same weeks whatever day the calendar is downloaded.
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    const anchor = addDays(startsOn, (WEEKDAYS.indexOf(meeting.day) - weekday(startsOn) + 7) % 7);
    const skip = Math.max(0, Math.ceil(daysBetween(anchor, today) / meeting.everyDays));
    const names = meeting.partnerNames.join(' and ');
    for (let date = addDays(anchor, skip * meeting.everyDays); inWindow(date); date = addDays(date, meeting.everyDays)) {
      const start = zonedTimeToUtc(date, meeting.time, input.timezone);
      event('meeting', date, [
        `DTSTART:${toBasicUtc(start)}`,
        `DTEND:${toBasicUtc(new Date(start.getTime() + meeting.minutes * 60_000))}`,
        `SUMMARY:${text(names ? `Partnership meeting with ${names}` : 'Partnership meeting')}`,
        `LOCATION:${text(meeting.channel)}`,
      ]);
    }
  }

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Partnership calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(input.cohortName)}`,
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('');
}
