import { describe, expect, it } from 'vitest';
import { engagementByWeek, MIN_GROUP_SIZE } from '../../../worker/domain/engagement.ts';

const cohort = { startsOn: '2026-09-07', cadenceDays: 7, endsOn: null };

describe('engagementByWeek', () => {
  it('lists every week to the current one, with zero for weeks without check-ins', () => {
    // 2026-09-23 is day 16: week 3.
    const weeks = engagementByWeek(cohort, 6, new Map([[1, 6], [3, 2]]), '2026-09-23');
    expect(weeks).toEqual([
      { week: 1, startsOn: '2026-09-07', checkedIn: 6, expected: 6, inProgress: false },
      { week: 2, startsOn: '2026-09-14', checkedIn: 0, expected: 6, inProgress: false },
      { week: 3, startsOn: '2026-09-21', checkedIn: 2, expected: 6, inProgress: true },
    ]);
  });

  it('hides everything for a cohort smaller than the minimum group', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(engagementByWeek(cohort, 4, new Map([[1, 4]]), '2026-09-23')).toBeNull();
    expect(engagementByWeek(cohort, 5, new Map([[1, 4]]), '2026-09-23')).not.toBeNull();
  });

  it('stops at the last week once the cohort has ended, with no week in progress', () => {
    const ended = { ...cohort, endsOn: '2026-09-20' };
    const weeks = engagementByWeek(ended, 5, new Map(), '2026-12-01')!;
    expect(weeks.map((w) => w.week)).toEqual([1, 2]);
    expect(weeks.some((w) => w.inProgress)).toBe(false);
  });

  it('still shows a later week that already has check-ins', () => {
    const weeks = engagementByWeek({ ...cohort, cadenceDays: 14 }, 5, new Map([[4, 1]]), '2026-09-10')!;
    expect(weeks.map((w) => [w.week, w.startsOn, w.checkedIn])).toEqual([
      [1, '2026-09-07', 0],
      [2, '2026-09-21', 0],
      [3, '2026-10-05', 0],
      [4, '2026-10-19', 1],
    ]);
  });
});

describe('engagementByWeek with pauses', () => {
  it('does not expect the mentees of a paused pair', () => {
    const weeks = engagementByWeek(cohort, 8, new Map([[2, 5]]), '2026-09-16', new Map([[2, 2]]))!;
    expect(weeks[1]).toEqual({ week: 2, startsOn: '2026-09-14', checkedIn: 5, expected: 6, inProgress: true });
  });

  it('hides a week whose expected group falls below the minimum', () => {
    const weeks = engagementByWeek(cohort, 6, new Map([[1, 6], [2, 3]]), '2026-09-16', new Map([[2, 2]]))!;
    expect(weeks.map((w) => w.checkedIn)).toEqual([6, null]);
  });
});
