import { describe, expect, it } from 'vitest';
import { buildCalendar, zonedTimeToUtc, type CalendarInput } from '../../../worker/domain/calendar.ts';

const base: CalendarInput = {
  uidPrefix: 'pair-12',
  cohortName: 'Autumn 2026',
  timezone: 'Europe/London',
  startsOn: '2026-09-07',
  cadenceDays: 7,
  cadenceChanges: [],
  endsOn: null,
  today: '2026-11-28',
  stamp: '20261128T061500Z',
  weeksAhead: 3,
  meeting: null,
};

const meeting = {
  day: 'tuesday',
  time: '18:30',
  minutes: 60,
  everyDays: 7,
  channel: 'Video call',
  partnerNames: ['Ada', 'Grace'],
} as const satisfies CalendarInput['meeting'];

/** The content lines of a calendar, unfolded. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n').slice(0, -1);

/** The events of a calendar, each as a map of property (with parameters) to value. */
function events(ics: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') found.push((current = new Map()));
    else if (line === 'END:VEVENT') current = null;
    else current?.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1));
  }
  return found;
}

const ofKind = (ics: string, kind: string) => events(ics).filter((e) => e.get('UID')!.includes(`-${kind}-`));
const utc = (iso: string) => new Date(iso).toISOString();

describe('zonedTimeToUtc', () => {
  it('is UTC itself in a London winter', () => {
    expect(zonedTimeToUtc('2026-01-15', '18:30', 'Europe/London').toISOString()).toBe(utc('2026-01-15T18:30:00Z'));
  });

  it('is an hour behind in a London summer', () => {
    expect(zonedTimeToUtc('2026-07-15', '18:30', 'Europe/London').toISOString()).toBe(utc('2026-07-15T17:30:00Z'));
  });

  it('is five hours ahead in a New York winter and four in summer', () => {
    expect(zonedTimeToUtc('2026-01-15', '09:00', 'America/New_York').toISOString()).toBe(utc('2026-01-15T14:00:00Z'));
    expect(zonedTimeToUtc('2026-07-15', '09:00', 'America/New_York').toISOString()).toBe(utc('2026-07-15T13:00:00Z'));
  });

  it('moves a time skipped by spring-forward on by the gap', () => {
    // London jumps 01:00 GMT → 02:00 BST on 2026-03-29: 01:30 does not exist, 02:30 BST is 01:30Z.
    expect(zonedTimeToUtc('2026-03-29', '01:30', 'Europe/London').toISOString()).toBe(utc('2026-03-29T01:30:00Z'));
    // New York jumps 02:00 EST → 03:00 EDT on 2026-03-08: 02:30 becomes 03:30 EDT, 07:30Z.
    expect(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('takes the first of a time repeated by fall-back', () => {
    // London repeats 01:00–02:00 on 2026-10-25: the first 01:30 is BST, 00:30Z.
    expect(zonedTimeToUtc('2026-10-25', '01:30', 'Europe/London').toISOString()).toBe(utc('2026-10-25T00:30:00Z'));
    expect(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('is exact on either side of a change', () => {
    expect(zonedTimeToUtc('2026-10-24', '18:30', 'Europe/London').toISOString()).toBe(utc('2026-10-24T17:30:00Z'));
    expect(zonedTimeToUtc('2026-10-25', '18:30', 'Europe/London').toISOString()).toBe(utc('2026-10-25T18:30:00Z'));
  });

  it('rejects malformed dates and times', () => {
    expect(() => zonedTimeToUtc('2026-02-30', '18:30', 'Europe/London')).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-01-15', '24:00', 'Europe/London')).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-01-15', '18:30', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('buildCalendar: the calendar', () => {
  const ics = buildCalendar(base);

  it('has the RFC 5545 header and footer', () => {
    expect(unfold(ics).slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Tandem//Partnership calendar//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Autumn 2026',
    ]);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('ends every line with CRLF, with no bare CR or LF', () => {
    const withMeeting = buildCalendar({ ...base, meeting, cohortName: 'Line one\nline two' });
    for (const text of [ics, withMeeting]) {
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      expect(text.endsWith('\r\n')).toBe(true);
    }
  });

  it('is the same for the same input', () => {
    expect(buildCalendar({ ...base, meeting })).toBe(buildCalendar({ ...base, meeting }));
  });
});

describe('buildCalendar: check-in due dates', () => {
  it('lists the last day of the cycle containing today, then the following cycles', () => {
    // Cycle 12 of a cohort starting Monday 2026-09-07 runs 2026-11-23..2026-11-29.
    const due = events(buildCalendar(base));
    expect(due.map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20261129', '20261206', '20261213']);
    expect(due.map((e) => e.get('DTEND;VALUE=DATE'))).toEqual(['20261130', '20261207', '20261214']);
  });

  it('describes a weekly check-in with a stable UID and the given stamp', () => {
    const [first] = events(buildCalendar(base));
    expect(first!.get('UID')).toBe('pair-12-checkin-20261129@tandem');
    expect(first!.get('DTSTAMP')).toBe('20261128T061500Z');
    expect(first!.get('SUMMARY')).toBe('Weekly check-in due');
    expect(first!.get('DESCRIPTION')).toBe('Week 12 of Autumn 2026: send your check-in from your personal link today.');
  });

  it('lists today when today is the due date', () => {
    const due = events(buildCalendar({ ...base, today: '2026-11-29', weeksAhead: 1 }));
    expect(due.map((e) => e.get('UID'))).toEqual(['pair-12-checkin-20261129@tandem']);
  });

  it('stops at the cohort end', () => {
    const due = events(buildCalendar({ ...base, weeksAhead: 12, endsOn: '2026-12-06' }));
    expect(due.map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20261129', '20261206']);
    expect(events(buildCalendar({ ...base, endsOn: '2026-11-27' }))).toEqual([]);
  });

  it('lists the first cycle before the cohort starts', () => {
    const due = events(buildCalendar({ ...base, today: '2026-09-01', weeksAhead: 2 }));
    expect(due.map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20260913', '20260920']);
  });

  it('says "Check-in due" for a cadence other than 7 days', () => {
    // 14-day cycles from 2026-09-07: cycle 6 runs 2026-11-16..2026-11-29.
    const due = events(buildCalendar({ ...base, cadenceDays: 14, weeksAhead: 2 }));
    expect(due.map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20261129', '20261213']);
    expect(due[0]!.get('SUMMARY')).toBe('Check-in due');
    expect(due[0]!.get('DESCRIPTION')).toBe('Cycle 6 of Autumn 2026: send your check-in from your personal link today.');
  });

  it('follows a change of cadence from the cycle it takes effect', () => {
    // Weekly to cycle 12 (2026-11-23..29), every 10 days from cycle 13 (2026-11-30..12-09).
    const changed = { ...base, cadenceChanges: [{ fromCycle: 13, startsOn: '2026-11-30', cadenceDays: 10 }] };
    const due = events(buildCalendar(changed));
    expect(due.map((e) => [e.get('DTSTART;VALUE=DATE'), e.get('SUMMARY')])).toEqual([
      ['20261129', 'Weekly check-in due'],
      ['20261209', 'Check-in due'],
      ['20261219', 'Check-in due'],
    ]);
    expect(due[1]!.get('DESCRIPTION')).toBe('Cycle 13 of Autumn 2026: send your check-in from your personal link today.');
  });
});

describe('buildCalendar: meetings', () => {
  it('lists no meetings when there is no meeting', () => {
    const ics = buildCalendar(base);
    expect(ofKind(ics, 'meeting')).toEqual([]);
    expect(ics).not.toContain('LOCATION');
  });

  it('computes each occurrence in UTC across the October DST change', () => {
    // Today Tuesday 2026-10-20 is in cycle 7 (2026-10-19..25); two cycles run to 2026-11-01.
    const ics = buildCalendar({ ...base, today: '2026-10-20', weeksAhead: 2, meeting });
    const meetings = ofKind(ics, 'meeting');
    expect(meetings.map((e) => [e.get('DTSTART'), e.get('DTEND')])).toEqual([
      ['20261020T173000Z', '20261020T183000Z'],
      ['20261027T183000Z', '20261027T193000Z'],
    ]);
    expect(ics).not.toContain('RRULE');
    expect(ics).not.toContain('VTIMEZONE');
  });

  it('describes a meeting with partners, channel, stable UID and stamp', () => {
    const [first] = ofKind(buildCalendar({ ...base, today: '2026-10-20', meeting }), 'meeting');
    expect(first!.get('UID')).toBe('pair-12-meeting-20261020@tandem');
    expect(first!.get('DTSTAMP')).toBe('20261128T061500Z');
    expect(first!.get('SUMMARY')).toBe('Partnership meeting with Ada and Grace');
    expect(first!.get('LOCATION')).toBe('Video call');
  });

  it('starts at the first meeting day after today', () => {
    // Saturday 2026-11-28, window to 2026-12-13: Tuesdays 12-01 and 12-08 (GMT, so 18:30Z).
    const meetings = ofKind(buildCalendar({ ...base, meeting }), 'meeting');
    expect(meetings.map((e) => e.get('DTSTART'))).toEqual(['20261201T183000Z', '20261208T183000Z']);
  });

  it('stops at the cohort end', () => {
    const meetings = ofKind(buildCalendar({ ...base, weeksAhead: 12, endsOn: '2026-12-06', meeting }), 'meeting');
    expect(meetings.map((e) => e.get('UID'))).toEqual(['pair-12-meeting-20261201@tandem']);
  });

  it('lists fortnightly meetings in the same weeks whatever the download day', () => {
    // First Tuesday from the start (Monday 2026-09-07) is 09-08; then 09-22, 10-06, 10-20, 11-03, 11-17.
    const fortnightly = { ...meeting, everyDays: 14 } as const;
    const onTheDay = ofKind(buildCalendar({ ...base, today: '2026-10-20', weeksAhead: 6, meeting: fortnightly }), 'meeting');
    expect(onTheDay.map((e) => e.get('DTSTART'))).toEqual(['20261020T173000Z', '20261103T183000Z', '20261117T183000Z']);
    const dayAfter = ofKind(buildCalendar({ ...base, today: '2026-10-21', weeksAhead: 6, meeting: fortnightly }), 'meeting');
    expect(dayAfter.map((e) => e.get('DTSTART'))).toEqual(['20261103T183000Z', '20261117T183000Z']);
  });

  it('honours the meeting length', () => {
    const [first] = ofKind(buildCalendar({ ...base, meeting: { ...meeting, minutes: 45 } }), 'meeting');
    expect(first!.get('DTEND')).toBe('20261201T191500Z');
  });
});

describe('buildCalendar: text values', () => {
  it('escapes commas, semicolons, backslashes and newlines', () => {
    const ics = buildCalendar({ ...base, cohortName: 'Back\\slash\nnext', meeting: { ...meeting, channel: 'Café, room 2; bring notes' } });
    expect(unfold(ics)).toContain('LOCATION:Café\\, room 2\\; bring notes');
    expect(unfold(ics)).toContain('X-WR-CALNAME:Back\\\\slash\\nnext');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    // "LOCATION:" and 65 a's are 74 octets; "é" is two more, so it starts the continuation line.
    const ics = buildCalendar({ ...base, meeting: { ...meeting, channel: `${'a'.repeat(65)}é` } });
    expect(ics).toContain(`\r\nLOCATION:${'a'.repeat(65)}\r\n é\r\n`);
  });

  it('keeps a line of exactly 75 octets whole', () => {
    const ics = buildCalendar({ ...base, meeting: { ...meeting, channel: 'a'.repeat(66) } });
    expect(ics).toContain(`\r\nLOCATION:${'a'.repeat(66)}\r\n`);
  });

  it('folds a long multi-byte summary into valid lines that unfold to the text', () => {
    const partnerNames = ['Zoë Łukasiewicz-Müller', 'Siobhán Ó Súilleabháin', '王小明 🚲', 'Ngozi Adébáyọ̀', 'Ярослава Ковальчук'];
    const ics = buildCalendar({ ...base, meeting: { ...meeting, partnerNames } });
    const encoder = new TextEncoder();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      const bytes = encoder.encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line);
      expect(line).not.toMatch(/^ {2}/);
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const summary = `SUMMARY:Partnership meeting with ${partnerNames.join(' and ')}`;
    expect(encoder.encode(summary).length).toBeGreaterThan(150);
    expect(unfold(ics)).toContain(summary);
  });
});
