/**
 * iCalendar (RFC 5545) feeds of a partnership: check-in due dates and partnership meetings, each
 * with an alarm. Written with ical-generator; what it leaves to its caller is done here and says why.
 */
import { TZDate } from '@date-fns/tz';
import ical, { escape, ICalAlarmRelatesTo, ICalAlarmType, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { translator, type Translator } from './i18n.ts';
import { calendarTzid, vtimezone, zonedTimeToUtc } from './timezones.ts';
import { addDays, cadenceOf, cycleOn, cycleStart, daysBetween, type CohortCalendar } from './weeks.ts';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** How long before a meeting its alarm rings. */
export const MEETING_ALARM_MINUTES = 15;
/** How often a subscribed calendar app should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const REFRESH_SECONDS = 3600;

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
  /** DTSTAMP: when the calendar was written. */
  stamp: Date;
  /** How many cycles, from the one containing `today`, to list events for. */
  weeksAhead: number;
  meeting: CalendarMeeting | null;
  /** The hour (0–23) of the due day at which a check-in's alarm rings: the participant's reminder hour. */
  dueAlarmHour: number;
  /** The words of titles, descriptions and alarms: the participant's language (English when not given). */
  t?: Translator;
}

/**
 * Text as a TEXT value may hold it: ical-generator escapes backslashes, commas, semicolons and line
 * breaks, but passes other control characters through, which RFC 5545 §3.3.11 does not allow.
 */
const plain = (value: string) => value.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '');

const basicDate = (date: string) => date.replaceAll('-', '');
/** A date of an all-day event: ical-generator writes a date from a Date's UTC fields when no timezone is set. */
const dayOf = (date: string) => new Date(`${date}T00:00:00Z`);

/** The .ics text of a partnership's upcoming check-in due dates and meetings. */
export function buildCalendar(input: CalendarInput): string {
  const { startsOn, today, meeting, stamp } = input;
  const t = input.t ?? translator('en');
  const first = cycleOn(input, today);
  let windowEnd = addDays(cycleStart(input, first + Math.max(0, input.weeksAhead)), -1);
  if (input.endsOn !== null && input.endsOn < windowEnd) windowEnd = input.endsOn;
  const inWindow = (date: string) => date >= today && date <= windowEnd;

  const calendar = ical({
    prodId: '//Tandem//Partnership calendar//EN',
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the name (NAME, X-WR-CALNAME) as given, unescaped: escape it with its own escape.
    name: escape(plain(input.cohortName), false),
    ttl: REFRESH_SECONDS,
  });
  const tzid = calendarTzid(input.timezone);
  if (tzid) {
    // Only meetings carry a TZID (due dates are whole days), so the VTIMEZONE covers their span.
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS);
    const to = new Date(Date.parse(`${windowEnd}T00:00:00Z`) + 2 * DAY_MS);
    calendar.timezone({ name: null, generator: (timezone) => vtimezone(timezone, from, to) });
  }
  const uid = (kind: string, date: string) => `${input.uidPrefix}-${kind}-${basicDate(date)}@tandem`;

  for (let cycle = first; cycle < first + input.weeksAhead; cycle++) {
    // Due on the cycle's last day, each cycle as long as the rhythm in force when it begins.
    const due = addDays(cycleStart(input, cycle + 1), -1);
    if (!inWindow(due)) continue;
    const weekly = cadenceOf(input, cycle) === 7;
    const event = calendar.createEvent({
      id: uid('checkin', due),
      stamp,
      allDay: true,
      start: dayOf(due),
      end: dayOf(addDays(due, 1)),
      summary: t('calendar.due.summary', { weekly: weekly ? 'yes' : 'no' }),
      description: t('calendar.due.description', { weekly: weekly ? 'yes' : 'no', cycle, cohort: plain(input.cohortName) }),
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    // A whole day starts at midnight where the reader is, so this rings at that hour of their day.
    // ical-generator's constructor ignores `relatesTo`, and a positive trigger without it is written
    // relative to the END (the next midnight): set it afterwards.
    event
      .createAlarm({ type: ICalAlarmType.display, triggerAfter: input.dueAlarmHour * 3600, description: t('calendar.due.alarm') })
      .relatesTo(ICalAlarmRelatesTo.start);
  }

  if (meeting) {
    // Occurrences are anchored on the first meeting day on or after the cohort start, so a
    // fortnightly meeting keeps the same weeks whatever day the calendar is downloaded.
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    const anchor = addDays(startsOn, (WEEKDAYS.indexOf(meeting.day) - weekday(startsOn) + 7) % 7);
    const skip = Math.max(0, Math.ceil(daysBetween(anchor, today) / meeting.everyDays));
    const names = meeting.partnerNames.map(plain).filter((name) => name !== '');
    const summary = names.length > 0 ? t('calendar.meeting.with', { names: t.list(names) }) : t('calendar.meeting');
    // With a TZID, ical-generator writes a TZDate's wall-clock fields in that zone; without, UTC.
    const at = (ms: number) => (tzid ? new TZDate(ms, tzid) : new Date(ms));
    for (let date = addDays(anchor, skip * meeting.everyDays); inWindow(date); date = addDays(date, meeting.everyDays)) {
      const start = zonedTimeToUtc(date, meeting.time, input.timezone).getTime();
      const event = calendar.createEvent({
        id: uid('meeting', date),
        stamp,
        start: at(start),
        end: at(start + meeting.minutes * 60_000),
        timezone: tzid,
        summary,
        location: plain(meeting.channel),
      });
      event.createAlarm({ type: ICalAlarmType.display, triggerBefore: MEETING_ALARM_MINUTES * 60, description: t('calendar.meeting.alarm', { meeting: summary, minutes: MEETING_ALARM_MINUTES }) });
    }
  }

  // ical-generator ends the last line without its CRLF, which every content line has (§3.1).
  return `${calendar.toString()}\r\n`;
}
