/**
 * The calendar file, read back with ical.js (a parser independent of the writer): its events, their
 * times in the cohort's timezone (resolved from the file's own VTIMEZONE), their alarms, and the
 * lines themselves.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarInput } from '../../../worker/domain/calendar.ts';

const base: CalendarInput = {
  uidPrefix: 'pair-12',
  cohortName: 'Autumn 2026',
  timezone: 'Europe/London',
  startsOn: '2026-09-07',
  cadenceDays: 7,
  cadenceChanges: [],
  endsOn: null,
  today: '2026-11-28',
  stamp: new Date('2026-11-28T06:15:00Z'),
  weeksAhead: 3,
  meeting: null,
  dueAlarmHour: 9,
};

const meeting = {
  day: 'tuesday',
  time: '18:30',
  minutes: 60,
  everyDays: 7,
  channel: 'Video call',
  partnerNames: ['Ada', 'Grace'],
} as const satisfies CalendarInput['meeting'];

// NAME (RFC 7986) and X-WR-CALNAME are TEXT; ical.js does not know them and would keep them raw.
ICAL.design.icalendar.property['name'] = { defaultType: 'text' };
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const events = (ics: string) => parse(ics).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
const ofKind = (ics: string, kind: 'checkin' | 'meeting') => events(ics).filter((e) => e.uid.includes(`-${kind}-`));
const alarmsOf = (event: ICAL.Event) => event.component.getAllSubcomponents('valarm');
/** An instant as ISO (UTC), for a time with a zone. */
const instant = (time: ICAL.Time) => time.toJSDate().toISOString();

/** When an alarm rings: its trigger added to the start (or end) of its event. */
function ringsAt(event: ICAL.Event, alarm: ICAL.Component): ICAL.Time {
  const trigger = alarm.getFirstProperty('trigger')!;
  const time = (trigger.getParameter('related') === 'END' ? event.endDate : event.startDate).clone();
  time.isDate = false;
  time.addDuration(trigger.getFirstValue() as ICAL.Duration);
  return time;
}

describe('buildCalendar: the calendar', () => {
  const ics = buildCalendar(base);
  const calendar = parse(ics);

  it('says what it is and who wrote it', () => {
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tandem//Partnership calendar//EN');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('name')).toBe('Autumn 2026');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Autumn 2026');
  });

  it('asks a subscribed app to fetch it again every hour', () => {
    const refresh = calendar.getFirstProperty('refresh-interval')!;
    expect(refresh.type).toBe('duration');
    expect((refresh.getFirstValue() as ICAL.Duration).toSeconds()).toBe(3600);
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
  });

  it('ends every line with CRLF, with no bare CR or LF', () => {
    const withMeeting = buildCalendar({ ...base, meeting, cohortName: 'Line one\nline two' });
    for (const text of [ics, withMeeting]) {
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    }
  });

  it('is the same for the same input', () => {
    expect(buildCalendar({ ...base, meeting })).toBe(buildCalendar({ ...base, meeting }));
  });
});

describe('buildCalendar: check-in due dates', () => {
  it('lists the last day of the cycle containing today, then the following cycles, as whole days', () => {
    // Cycle 12 of a cohort starting Monday 2026-09-07 runs 2026-11-23..2026-11-29.
    const due = events(buildCalendar(base));
    expect(due.every((e) => e.startDate.isDate && e.endDate.isDate)).toBe(true);
    expect(due.map((e) => e.startDate.toString())).toEqual(['2026-11-29', '2026-12-06', '2026-12-13']);
    expect(due.map((e) => e.endDate.toString())).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
  });

  it('describes a weekly check-in with a stable UID and the given stamp, as free time', () => {
    const [first] = events(buildCalendar(base));
    expect(first!.uid).toBe('pair-12-checkin-20261129@tandem');
    expect(first!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-28T06:15:00Z');
    expect(first!.summary).toBe('Weekly check-in due');
    expect(first!.description).toBe('Week 12 of Autumn 2026: send your check-in from your personal link today.');
    expect(first!.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  it('rings at the participant’s reminder hour on the due day, wherever they read it', () => {
    const [first] = events(buildCalendar(base));
    const alarms = alarmsOf(first!);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarms[0]!.getFirstProperty('trigger')!.getParameter('related')).toBe('START');
    expect(alarms[0]!.getFirstPropertyValue('description')).toBe('Your check-in is due today: send it from your personal link.');
    // A whole day is floating: it starts at midnight where the reader is, and so does its alarm.
    expect(ringsAt(first!, alarms[0]!).toString()).toBe('2026-11-29T09:00:00');
    const early = events(buildCalendar({ ...base, dueAlarmHour: 7 }))[0]!;
    expect(ringsAt(early, alarmsOf(early)[0]!).toString()).toBe('2026-11-29T07:00:00');
    const midnight = events(buildCalendar({ ...base, dueAlarmHour: 0 }))[0]!;
    expect(ringsAt(midnight, alarmsOf(midnight)[0]!).toString()).toBe('2026-11-29T00:00:00');
  });

  it('lists today when today is the due date', () => {
    const due = events(buildCalendar({ ...base, today: '2026-11-29', weeksAhead: 1 }));
    expect(due.map((e) => e.uid)).toEqual(['pair-12-checkin-20261129@tandem']);
  });

  it('stops at the cohort end', () => {
    const due = events(buildCalendar({ ...base, weeksAhead: 12, endsOn: '2026-12-06' }));
    expect(due.map((e) => e.startDate.toString())).toEqual(['2026-11-29', '2026-12-06']);
    expect(events(buildCalendar({ ...base, endsOn: '2026-11-27' }))).toEqual([]);
  });

  it('lists the first cycle before the cohort starts', () => {
    const due = events(buildCalendar({ ...base, today: '2026-09-01', weeksAhead: 2 }));
    expect(due.map((e) => e.startDate.toString())).toEqual(['2026-09-13', '2026-09-20']);
  });

  it('says "Check-in due" for a cadence other than 7 days', () => {
    // 14-day cycles from 2026-09-07: cycle 6 runs 2026-11-16..2026-11-29.
    const due = events(buildCalendar({ ...base, cadenceDays: 14, weeksAhead: 2 }));
    expect(due.map((e) => e.startDate.toString())).toEqual(['2026-11-29', '2026-12-13']);
    expect(due[0]!.summary).toBe('Check-in due');
    expect(due[0]!.description).toBe('Cycle 6 of Autumn 2026: send your check-in from your personal link today.');
  });

  it('follows a change of cadence from the cycle it takes effect', () => {
    // Weekly to cycle 12 (2026-11-23..29), every 10 days from cycle 13 (2026-11-30..12-09).
    const changed = { ...base, cadenceChanges: [{ fromCycle: 13, startsOn: '2026-11-30', cadenceDays: 10 }] };
    const due = events(buildCalendar(changed));
    expect(due.map((e) => [e.startDate.toString(), e.summary])).toEqual([
      ['2026-11-29', 'Weekly check-in due'],
      ['2026-12-09', 'Check-in due'],
      ['2026-12-19', 'Check-in due'],
    ]);
    expect(due[1]!.description).toBe('Cycle 13 of Autumn 2026: send your check-in from your personal link today.');
    expect(due.every((e) => alarmsOf(e).length === 1)).toBe(true);
  });
});

describe('buildCalendar: meetings', () => {
  it('lists no meetings, and no timezone, when there is no meeting', () => {
    const ics = buildCalendar(base);
    expect(ofKind(ics, 'meeting')).toEqual([]);
    expect(parse(ics).getAllSubcomponents('vtimezone')).toEqual([]);
    expect(ics).not.toContain('LOCATION');
  });

  it('writes each meeting at its local time in the cohort timezone, across the October change', () => {
    // Today Tuesday 2026-10-20 is in cycle 7 (2026-10-19..25); two cycles run to 2026-11-01.
    const ics = buildCalendar({ ...base, today: '2026-10-20', weeksAhead: 2, meeting });
    const meetings = ofKind(ics, 'meeting');
    expect(meetings.map((e) => [e.startDate.toString(), e.endDate.toString()])).toEqual([
      ['2026-10-20T18:30:00', '2026-10-20T19:30:00'],
      ['2026-10-27T18:30:00', '2026-10-27T19:30:00'],
    ]);
    // The zone is the file's own VTIMEZONE, which puts 18:30 at 17:30Z in BST and 18:30Z in GMT.
    expect(parse(ics).getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/London']);
    expect(meetings.every((e) => e.startDate.zone!.tzid === 'Europe/London' && e.startDate.zone!.component !== null)).toBe(true);
    expect(meetings.map((e) => [instant(e.startDate), instant(e.endDate)])).toEqual([
      ['2026-10-20T17:30:00.000Z', '2026-10-20T18:30:00.000Z'],
      ['2026-10-27T18:30:00.000Z', '2026-10-27T19:30:00.000Z'],
    ]);
    expect(ics).not.toContain('RRULE');
  });

  it('keeps the local time across the March change in New York', () => {
    // 2027-03-14: New York goes from EST (-5) to EDT (-4). Cohort from Monday 2027-03-01.
    const spring = { ...base, timezone: 'America/New_York', startsOn: '2027-03-01', today: '2027-03-08', weeksAhead: 2 };
    const meetings = ofKind(buildCalendar({ ...spring, meeting: { ...meeting, day: 'friday', time: '09:00' } }), 'meeting');
    expect(meetings.map((e) => [e.startDate.toString(), instant(e.startDate)])).toEqual([
      ['2027-03-12T09:00:00', '2027-03-12T14:00:00.000Z'],
      ['2027-03-19T09:00:00', '2027-03-19T13:00:00.000Z'],
    ]);
  });

  it('writes a meeting at a time the clocks skip at the time it becomes', () => {
    // London skips 01:00–02:00 on Sunday 2027-03-28: a 01:30 meeting is at 02:30 BST, 01:30Z.
    const input = { ...base, today: '2027-03-22', weeksAhead: 1, meeting: { ...meeting, day: 'sunday', time: '01:30' } } as const;
    const [first] = ofKind(buildCalendar(input), 'meeting');
    expect([first!.startDate.toString(), instant(first!.startDate)]).toEqual(['2027-03-28T02:30:00', '2027-03-28T01:30:00.000Z']);
  });

  it('rings 15 minutes before each meeting', () => {
    const meetings = ofKind(buildCalendar({ ...base, today: '2026-10-20', weeksAhead: 2, meeting }), 'meeting');
    for (const event of meetings) {
      const alarms = alarmsOf(event);
      expect(alarms).toHaveLength(1);
      expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarms[0]!.getFirstPropertyValue('trigger')!.toString()).toBe('-PT15M');
      expect(alarms[0]!.getFirstPropertyValue('description')).toBe('Partnership meeting with Ada and Grace, in 15 minutes');
    }
    expect(meetings.map((e) => instant(ringsAt(e, alarmsOf(e)[0]!)))).toEqual(['2026-10-20T17:15:00.000Z', '2026-10-27T18:15:00.000Z']);
  });

  it('describes a meeting with partners, channel, stable UID and stamp', () => {
    const [first] = ofKind(buildCalendar({ ...base, today: '2026-10-20', meeting }), 'meeting');
    expect(first!.uid).toBe('pair-12-meeting-20261020@tandem');
    expect(first!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-28T06:15:00Z');
    expect(first!.summary).toBe('Partnership meeting with Ada and Grace');
    expect(first!.location).toBe('Video call');
  });

  it('starts at the first meeting day after today', () => {
    // Saturday 2026-11-28, window to 2026-12-13: Tuesdays 12-01 and 12-08.
    const meetings = ofKind(buildCalendar({ ...base, meeting }), 'meeting');
    expect(meetings.map((e) => e.startDate.toString())).toEqual(['2026-12-01T18:30:00', '2026-12-08T18:30:00']);
  });

  it('stops at the cohort end', () => {
    const meetings = ofKind(buildCalendar({ ...base, weeksAhead: 12, endsOn: '2026-12-06', meeting }), 'meeting');
    expect(meetings.map((e) => e.uid)).toEqual(['pair-12-meeting-20261201@tandem']);
  });

  it('lists fortnightly meetings in the same weeks whatever the download day', () => {
    // First Tuesday from the start (Monday 2026-09-07) is 09-08; then 09-22, 10-06, 10-20, 11-03, 11-17.
    const fortnightly = { ...meeting, everyDays: 14 } as const;
    const onTheDay = ofKind(buildCalendar({ ...base, today: '2026-10-20', weeksAhead: 6, meeting: fortnightly }), 'meeting');
    expect(onTheDay.map((e) => instant(e.startDate))).toEqual(['2026-10-20T17:30:00.000Z', '2026-11-03T18:30:00.000Z', '2026-11-17T18:30:00.000Z']);
    const dayAfter = ofKind(buildCalendar({ ...base, today: '2026-10-21', weeksAhead: 6, meeting: fortnightly }), 'meeting');
    expect(dayAfter.map((e) => instant(e.startDate))).toEqual(['2026-11-03T18:30:00.000Z', '2026-11-17T18:30:00.000Z']);
  });

  it('honours the meeting length', () => {
    const [first] = ofKind(buildCalendar({ ...base, meeting: { ...meeting, minutes: 45 } }), 'meeting');
    expect(first!.endDate.toString()).toBe('2026-12-01T19:15:00');
  });

  it('writes UTC times for a UTC cohort and for a fixed offset, with no VTIMEZONE', () => {
    for (const [timezone, start] of [
      ['UTC', '2026-12-01T18:30:00.000Z'],
      ['+01:00', '2026-12-01T17:30:00.000Z'],
    ]) {
      const ics = buildCalendar({ ...base, timezone: timezone!, meeting });
      const [first] = ofKind(ics, 'meeting');
      expect(first!.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
      expect(instant(first!.startDate)).toBe(start);
      expect(ics).not.toContain('TZID');
    }
  });
});

describe('buildCalendar: text values', () => {
  it('escapes commas, semicolons, backslashes and newlines, and drops other control characters', () => {
    const ics = buildCalendar({ ...base, cohortName: 'Back\\slash\nnext, one; two', meeting: { ...meeting, channel: 'Café, room 2;\u0007 bring notes' } });
    expect(ics).toContain('LOCATION:Café\\, room 2\\; bring notes');
    const calendar = parse(ics);
    expect(calendar.getFirstPropertyValue('name')).toBe('Back\\slash\nnext, one; two');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Back\\slash\nnext, one; two');
    expect(ofKind(ics, 'meeting')[0]!.location).toBe('Café, room 2; bring notes');
    expect(ofKind(ics, 'checkin')[0]!.description).toBe('Week 12 of Back\\slash\nnext, one; two: send your check-in from your personal link today.');
  });

  it('folds long lines at 75 octets without splitting a character, and they read back whole', () => {
    const partnerNames = ['Zoë Łukasiewicz-Müller', 'Siobhán Ó Súilleabháin', '王小明 🚲', 'Ngozi Adébáyọ̀', 'Ярослава Ковальчук'];
    const ics = buildCalendar({ ...base, meeting: { ...meeting, partnerNames } });
    const encoder = new TextEncoder();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      const bytes = encoder.encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line);
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const summary = `Partnership meeting with ${new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(partnerNames)}`;
    expect(encoder.encode(summary).length).toBeGreaterThan(150);
    expect(ofKind(ics, 'meeting')[0]!.summary).toBe(summary);
  });
});
