import { describe, expect, it } from 'vitest';
import { addDays, cycleOn, cycleStart, cycleStartsUtc, daysBetween, isIsoDate, isTimezone, localDate } from '../../../worker/domain/weeks.ts';

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
  const start = '2026-01-05';

  it('is cycle 1 on the start day', () => {
    expect(cycleOn(start, 7, '2026-01-05')).toBe(1);
  });

  it('is still cycle 1 on day 6', () => {
    expect(cycleOn(start, 7, '2026-01-11')).toBe(1);
  });

  it('is cycle 2 on day 7', () => {
    expect(cycleOn(start, 7, '2026-01-12')).toBe(2);
  });

  it('counts days before the start as cycle 1', () => {
    expect(cycleOn(start, 7, '2025-12-30')).toBe(1);
  });

  it('uses the cadence: with 14 days, day 13 is cycle 1 and day 14 is cycle 2', () => {
    expect(cycleOn(start, 14, '2026-01-18')).toBe(1);
    expect(cycleOn(start, 14, '2026-01-19')).toBe(2);
  });
});

describe('cycleStart', () => {
  it('is the start date for cycle 1', () => {
    expect(cycleStart('2026-01-05', 7, 1)).toBe('2026-01-05');
  });

  it('is one cadence later per cycle', () => {
    expect(cycleStart('2026-01-05', 7, 3)).toBe('2026-01-19');
    expect(cycleStart('2026-01-05', 14, 3)).toBe('2026-02-02');
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
    expect(cycleStartsUtc('2026-01-05', 7, 'Pacific/Auckland', 2)).toEqual(['2026-01-04T11:00:00.000Z', '2026-01-11T11:00:00.000Z']);
  });

  it('moves an hour across a daylight-saving change', () => {
    expect(cycleStartsUtc('2026-03-16', 7, 'Europe/Berlin', 3)).toEqual(['2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(cycleStartsUtc('2026-03-02', 7, 'America/New_York', 2)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('is UTC midnight in UTC, and empty for no cycles', () => {
    expect(cycleStartsUtc('2026-01-05', 14, 'UTC', 2)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-19T00:00:00.000Z']);
    expect(cycleStartsUtc('2026-01-05', 7, 'UTC', 0)).toEqual([]);
  });
});
