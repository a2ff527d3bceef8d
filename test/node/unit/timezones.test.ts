import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarTzid, offsetAt, offsetChanges, vtimezone, zonedTimeToUtc } from '../../../worker/domain/timezones.ts';

const utc = (iso: string) => new Date(iso).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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

describe('calendarTzid', () => {
  it('names an IANA zone as the runtime spells it', () => {
    expect(calendarTzid('Europe/London')).toBe('Europe/London');
    expect(calendarTzid('europe/london')).toBe('Europe/London');
    expect(calendarTzid('America/Indiana/Knox')).toBe('America/Indiana/Knox');
    expect(calendarTzid('Etc/GMT+5')).toBe('Etc/GMT+5');
  });

  it('writes UTC and fixed offsets in UTC', () => {
    for (const timezone of ['UTC', 'Etc/UTC', 'GMT', '+01:00']) expect(calendarTzid(timezone)).toBeNull();
  });
});

describe('offsetChanges', () => {
  it('finds London’s two changes of 2026 to the second', () => {
    const changes = offsetChanges('Europe/London', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(changes.map((c) => [new Date(c.at).toISOString(), c.from / HOUR, c.to / HOUR])).toEqual([
      ['2026-03-29T01:00:00.000Z', 0, 1],
      ['2026-10-25T01:00:00.000Z', 1, 0],
    ]);
  });

  it('finds a change that is not on a whole UTC hour', () => {
    // Lord Howe Island: +10:30, and +11:00 from 02:00 local on the first Sunday of October.
    const [change] = offsetChanges('Australia/Lord_Howe', new Date('2026-09-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
    expect(new Date(change!.at).toISOString()).toBe('2026-10-03T15:30:00.000Z');
    expect([change!.from, change!.to]).toEqual([10.5 * HOUR, 11 * HOUR]);
  });

  it('finds none in a zone without changes', () => {
    expect(offsetChanges('Asia/Kolkata', new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('vtimezone', () => {
  it('lists the observance in force, then each change with its onset in the local time before it', () => {
    const text = vtimezone('Europe/London', new Date('2026-10-19T00:00:00Z'), new Date('2026-11-10T00:00:00Z'));
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/London',
      'BEGIN:DAYLIGHT',
      'DTSTART:20261019T010000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20261025T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('writes offsets west of UTC, in minutes and with a summer time in January', () => {
    const newYork = vtimezone('America/New_York', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(newYork).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n');
    const chatham = vtimezone('Pacific/Chatham', new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    expect(chatham).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260101T134500\r\nTZOFFSETFROM:+1345\r\nTZOFFSETTO:+1345\r\n');
  });

  // Zones with summer time north and south, half-hour and 45-minute offsets, a half-hour summer
  // time (Lord Howe), a two-hour one (Troll), changes that follow Ramadan (Casablanca), a "negative"
  // summer time in the tz database (Dublin), and zones without changes.
  const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago', 'Europe/Dublin', 'Antarctica/Troll', 'America/St_Johns', 'Asia/Tehran'];
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2028-01-01T00:00:00Z');

  it.each(zones)('gives ical.js the instant of every local time in %s that this runtime gives', (timezone) => {
    const text = vtimezone(timezone, from, to);
    const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR\r\n`)).getFirstSubcomponent('vtimezone')!);
    const instants: number[] = [];
    for (let ms = from.getTime() + DAY; ms < to.getTime() - DAY; ms += 6 * HOUR) instants.push(ms);
    // Either side of each change, and either side of the local hour it skips or repeats.
    for (const { at, from: before, to: after } of offsetChanges(timezone, from, to)) instants.push(at - 60_000, at, at + Math.abs(after - before) - 60_000, at + Math.abs(after - before));
    let compared = 0;
    for (const instant of instants) {
      const wall = instant + offsetAt(instant, timezone);
      // A local time repeated by a change is left out: RFC 5545 reads it as its first occurrence, ical.js not always.
      const readings = new Set([wall - offsetAt(wall - DAY, timezone), wall - offsetAt(wall + DAY, timezone)].filter((ms) => offsetAt(ms, timezone) === wall - ms));
      if (readings.size !== 1) continue;
      const local = new Date(wall);
      const time = ICAL.Time.fromData(
        { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() },
        zone,
      );
      expect(new Date(time.toUnixTime() * 1000).toISOString(), `${timezone} ${local.toISOString().slice(0, 19)}`).toBe(new Date(instant).toISOString());
      compared++;
    }
    expect(compared).toBeGreaterThan(2900);
  });
});
