import { describe, expect, it } from 'vitest';
import { addDays, cadenceOf, cycleAt, cycleOn, cycleStart, cycleStarts, cycleStartsUtc, daysBetween, isIsoDate, isTimezone, localDate, type CadenceChange, type Rhythm } from '../../../worker/domain/weeks.ts';

/** A rhythm from `startsOn`: cycles of `cadenceDays`, then the changes. */
const rhythm = (startsOn: string, cadenceDays = 7, cadenceChanges: CadenceChange[] = []): Rhythm => ({ startsOn, cadenceDays, cadenceChanges });

describe('localDate', () => {
  const instant = new Date('2026-03-29T00:30:00Z');

  it('is the same calendar day in London just after UTC midnight', () => {
    expect(localDate(instant, 'Europe/London')).toBe('2026-03-29');
  });

  it('is still the previous day in New York', () => {
    expect(localDate(instant, 'America/New_York')).toBe('2026-03-28');
  });
});

describe('isTimezone', () => {
  it('accepts IANA names', () => {
    expect(isTimezone('Europe/London')).toBe(true);
    expect(isTimezone('UTC')).toBe(true);
  });

  it('rejects unknown names and the empty string', () => {
    expect(isTimezone('Mars/Olympus')).toBe(false);
    expect(isTimezone('')).toBe(false);
  });
});

describe('daysBetween', () => {
  it('is negative when the second date is earlier', () => {
    expect(daysBetween('2026-01-08', '2026-01-01')).toBe(-7);
  });

  it('counts across a year end and a leap day', () => {
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
  });

  it('is not thrown off by a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('addDays', () => {
  it('crosses a month end', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
  });

  it('crosses a year end', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('steps over the spring DST change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('steps over the autumn DST change', () => {
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
  });
});

describe('cycleOn', () => {
  const start = rhythm('2026-01-05');

  it('is cycle 1 on the start day', () => {
    expect(cycleOn(start, '2026-01-05')).toBe(1);
  });

  it('is still cycle 1 on day 6', () => {
    expect(cycleOn(start, '2026-01-11')).toBe(1);
  });

  it('is cycle 2 on day 7', () => {
    expect(cycleOn(start, '2026-01-12')).toBe(2);
  });

  it('counts days before the start as cycle 1', () => {
    expect(cycleOn(start, '2025-12-30')).toBe(1);
  });

  it('uses the cadence: with 14 days, day 13 is cycle 1 and day 14 is cycle 2', () => {
    expect(cycleOn(rhythm('2026-01-05', 14), '2026-01-18')).toBe(1);
    expect(cycleOn(rhythm('2026-01-05', 14), '2026-01-19')).toBe(2);
  });
});

describe('cycleStart', () => {
  it('is the start date for cycle 1', () => {
    expect(cycleStart(rhythm('2026-01-05'), 1)).toBe('2026-01-05');
  });

  it('is one cadence later per cycle', () => {
    expect(cycleStart(rhythm('2026-01-05'), 3)).toBe('2026-01-19');
    expect(cycleStart(rhythm('2026-01-05', 14), 3)).toBe('2026-02-02');
  });
});

describe('isIsoDate', () => {
  it('rejects 29 February in a common year', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
  });

  it('accepts 29 February in a leap year', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('rejects month 13 and day 31 of a 30-day month', () => {
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });
});

describe('cycleStartsUtc', () => {
  it('is local midnight of each cycle start in Auckland, the UTC day before', () => {
    expect(cycleStartsUtc({ ...rhythm('2026-01-05'), timezone: 'Pacific/Auckland' }, 2)).toEqual(['2026-01-04T11:00:00.000Z', '2026-01-11T11:00:00.000Z']);
  });

  it('moves an hour across a daylight-saving change', () => {
    expect(cycleStartsUtc({ ...rhythm('2026-03-16'), timezone: 'Europe/Berlin' }, 3)).toEqual(['2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(cycleStartsUtc({ ...rhythm('2026-03-02'), timezone: 'America/New_York' }, 2)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('is UTC midnight in UTC, and empty for no cycles', () => {
    expect(cycleStartsUtc({ ...rhythm('2026-01-05', 14), timezone: 'UTC' }, 2)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-19T00:00:00.000Z']);
    expect(cycleStartsUtc({ ...rhythm('2026-01-05'), timezone: 'UTC' }, 0)).toEqual([]);
  });
});

/**
 * A rhythm that changed: weekly from Monday 2026-01-05, every 14 days from cycle 4 (2026-01-26).
 * Cycles: 1 01-05, 2 01-12, 3 01-19, 4 01-26, 5 02-09, 6 02-23.
 */
describe('a rhythm with a cadence change', () => {
  const changed = rhythm('2026-01-05', 7, [{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 }]);

  it('keeps the cycles before the change as they were', () => {
    expect(cycleOn(changed, '2025-12-30')).toBe(1);
    expect(cycleOn(changed, '2026-01-11')).toBe(1);
    expect(cycleOn(changed, '2026-01-12')).toBe(2);
    expect(cycleOn(changed, '2026-01-25')).toBe(3);
  });

  it('starts the new cadence on the day of the change', () => {
    expect(cycleOn(changed, '2026-01-26')).toBe(4);
    expect(cycleOn(changed, '2026-02-08')).toBe(4);
    expect(cycleOn(changed, '2026-02-09')).toBe(5);
    expect(cycleOn(changed, '2026-02-23')).toBe(6);
  });

  it('gives each cycle its first day and its length', () => {
    expect([1, 2, 3, 4, 5, 6].map((c) => cycleStart(changed, c))).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-09', '2026-02-23']);
    expect(cycleStarts(changed, 6)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-09', '2026-02-23']);
    expect([3, 4, 5].map((c) => cadenceOf(changed, c))).toEqual([7, 14, 14]);
    expect(cycleStarts(changed, 0)).toEqual([]);
  });

  it('puts every day in the cycle that begins on or before it and ends after it', () => {
    for (let day = 0; day < 200; day++) {
      const date = addDays('2026-01-05', day);
      const cycle = cycleOn(changed, date);
      expect(cycleStart(changed, cycle) <= date && date < cycleStart(changed, cycle + 1), date).toBe(true);
    }
  });

  it('takes a change at cycle 1 as the cadence from the start', () => {
    const fromTheStart = rhythm('2026-01-05', 7, [{ fromCycle: 1, startsOn: '2026-01-05', cadenceDays: 3 }]);
    expect(cycleOn(fromTheStart, '2026-01-07')).toBe(1);
    expect(cycleOn(fromTheStart, '2026-01-08')).toBe(2);
    expect(cycleOn(fromTheStart, '2026-01-01')).toBe(1);
    expect(cycleStart(fromTheStart, 3)).toBe('2026-01-11');
    expect(cadenceOf(fromTheStart, 1)).toBe(3);
  });

  it('follows two changes, to the shortest cadence (1 day) and to the longest (90)', () => {
    // Cycles: 1 01-05, 2 01-12, 3 01-19, 4 01-20, 5 01-21, 6 01-22, 7 04-22 (90 days later).
    const twice = rhythm('2026-01-05', 7, [
      { fromCycle: 3, startsOn: '2026-01-19', cadenceDays: 1 },
      { fromCycle: 6, startsOn: '2026-01-22', cadenceDays: 90 },
    ]);
    expect(cycleStarts(twice, 7)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-20', '2026-01-21', '2026-01-22', '2026-04-22']);
    expect(['2026-01-18', '2026-01-19', '2026-01-20', '2026-01-21', '2026-01-22', '2026-04-21', '2026-04-22'].map((d) => cycleOn(twice, d))).toEqual([2, 3, 4, 5, 6, 6, 7]);
    expect([2, 3, 5, 6, 7].map((c) => cadenceOf(twice, c))).toEqual([7, 1, 1, 90, 90]);
  });

  it('puts cycle starts at local midnight across a change and a daylight-saving change in Berlin', () => {
    // Weekly from 03-02, every 10 days from cycle 3 (03-16): cycle 4 starts 03-26 (CET), cycle 5
    // 04-05, after the clocks went forward on 03-29 (CEST): midnight is then 22:00Z, not 23:00Z.
    const berlin = { ...rhythm('2026-03-02', 7, [{ fromCycle: 3, startsOn: '2026-03-16', cadenceDays: 10 }]), timezone: 'Europe/Berlin', endsOn: null };
    expect(cycleStartsUtc(berlin, 5)).toEqual(['2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z', '2026-03-15T23:00:00.000Z', '2026-03-25T23:00:00.000Z', '2026-04-04T22:00:00.000Z']);
    expect(cycleAt(berlin, new Date('2026-04-04T21:30:00Z'))).toBe(4); // 23:30 on 04-04, local
    expect(cycleAt(berlin, new Date('2026-04-04T22:30:00Z'))).toBe(5); // 00:30 on 04-05, local
  });

  it('moves daily cycle starts an hour when New York’s clocks go forward', () => {
    // Four days from Monday 03-02, then daily from 03-06; the clocks went forward at 02:00 on Sunday 03-08.
    const daily = { ...rhythm('2026-03-02', 4, [{ fromCycle: 2, startsOn: '2026-03-06', cadenceDays: 1 }]), timezone: 'America/New_York' };
    expect(cycleStartsUtc(daily, 5)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-06T05:00:00.000Z', '2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });
});
