import { describe, expect, it } from 'vitest';
import { endProblem, latestEnd, latestStart, startProblem } from '../../../worker/domain/cohort-dates.ts';

describe('cohort dates', () => {
  const today = '2026-12-06';

  it('takes a first day from five years ago to two years ahead', () => {
    expect(startProblem('2021-12-06', today)).toBeNull();
    expect(startProblem('2021-12-05', today)).toBe("--starts 2021-12-05 is more than 5 years ago; give the cohort's real first day, no earlier than 2021-12-06.");
    expect(startProblem(latestStart(today), today)).toBeNull();
    expect(latestStart(today)).toBe('2028-12-06');
    expect(startProblem('0000-01-01', today)).toMatch(/^--starts 0000-01-01 is more than 5 years ago/);
    expect(startProblem('2028-12-07', today)).toBe('--starts 2028-12-07 is more than 2 years from today; give a first day no later than 2028-12-06.');
    expect(startProblem('2027-02-30', today)).toMatch(/must be a date like/);
  });

  it('takes a last day from the first day to five years on, or none', () => {
    expect(endProblem(null, '2027-03-01')).toBeNull();
    expect(endProblem('2027-03-01', '2027-03-01')).toBeNull();
    expect(latestEnd('2027-03-01')).toBe('2032-02-29');
    expect(endProblem('2032-02-29', '2027-03-01')).toBeNull();
    expect(endProblem('2032-03-01', '2027-03-01')).toMatch(/more than 5 years after the cohort starts \(2027-03-01\); the latest last day is 2032-02-29/);
    expect(endProblem('2027-02-28', '2027-03-01')).toBe('--ends 2027-02-28 is before the cohort starts (2027-03-01).');
  });
});
