import { describe, expect, it } from 'vitest';
import { cohortFigures, type GoalCounts, type MetricCounts } from '../../../worker/domain/cohort-metrics.ts';
import { currentWeek } from '../../../worker/domain/weeks.ts';

// A weekly cohort from Monday 2026-01-05; Wednesday 2026-02-04 is in week 5, so week 4 is the last complete one.
const cohort = { startsOn: '2026-01-05', cadenceDays: 7, timezone: 'Europe/London', endsOn: null, cadenceChanges: [] };
const NOW = new Date('2026-02-04T12:00:00Z');

const noGoals: GoalCounts = { active_people: 0, done_people: 0, recalibrated_people: 0, dropped_people: 0, active: 0, done: 0, recalibrated: 0, dropped: 0, due: 0, due_participants: 0, given_up_participants: 0 };
const nothing: MetricCounts = { weeks: [], pulses: [], feedback: [], goals: noGoals, milestones: { reached: 0, participants: 0 } };
const week = (week: number, expected: number, paused: number, checkedIn: number) => ({ week, expected, paused, checked_in: checkedIn, actions_due: checkedIn, actions_done: checkedIn });

describe('currentWeek', () => {
  it('is the week under way by the cohort’s local date, the one before being the last complete', () => {
    expect(currentWeek(cohort, NOW)).toEqual({ week: 5, lastComplete: 4, ended: false, today: '2026-02-04' });
    // 23:30 UTC on Sunday is already Monday in Auckland: a new week there.
    expect(currentWeek({ ...cohort, timezone: 'Pacific/Auckland' }, new Date('2026-02-08T23:30:00Z')).week).toBe(6);
  });

  it('stays on the last week once the cohort has ended, which is then complete', () => {
    expect(currentWeek({ ...cohort, endsOn: '2026-01-25' }, NOW)).toEqual({ week: 3, lastComplete: 3, ended: true, today: '2026-02-04' });
  });
});

describe('cohortFigures', () => {
  it('shows engagement of five or more expected, and hides it when one to four are paused', () => {
    const { weeks } = cohortFigures(cohort, NOW, { ...nothing, weeks: [week(1, 6, 0, 5), week(2, 4, 2, 4), week(3, 5, 1, 5), week(4, 2, 0, 2)] });
    expect(weeks.map((w) => w.engagement)).toEqual([{ part: 5, whole: 6 }, null, null, null]);
    expect(weeks.map((w) => w.startsOn)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
  });

  it('publishes pulse means of closed periods only, and only when five people answered', () => {
    const pulse = (period: number, participants: number) => ({ period, participants, responses: participants, trust: 4 * participants, safety: 3 * participants, feedbackEase: 5 * participants, adaptability: 2 * participants });
    const figures = cohortFigures(cohort, NOW, { ...nothing, pulses: [pulse(1, 5), pulse(2, 9)] });
    // Period 2 (weeks 5–8) is still under way.
    expect(figures.pulses).toEqual([{ period: 1, fromWeek: 1, toWeek: 4, means: { trust: { part: 20, whole: 5 }, safety: { part: 15, whole: 5 }, feedbackEase: { part: 25, whole: 5 }, adaptability: { part: 10, whole: 5 } } }]);
    expect(figures.headlines.pulse.value).toBe(3.5);
    expect(cohortFigures(cohort, NOW, { ...nothing, pulses: [pulse(1, 4)] }).pulses[0]!.means).toBeNull();
  });

  it('hides goals by status when any status that has goals has fewer than five people', () => {
    const goals = { ...noGoals, active_people: 6, done_people: 5, dropped_people: 2, active: 7, done: 5, dropped: 2 };
    expect(cohortFigures(cohort, NOW, { ...nothing, goals }).goals.byStatus).toBeNull();
    expect(cohortFigures(cohort, NOW, { ...nothing, goals: { ...goals, dropped_people: 0, dropped: 0 } }).goals.byStatus).toEqual({ active: 7, done: 5, recalibrated: 0, dropped: 0 });
  });

  it('counts milestones only when five people reached one', () => {
    expect(cohortFigures(cohort, NOW, { ...nothing, milestones: { reached: 9, participants: 4 } }).milestones).toBeNull();
    expect(cohortFigures(cohort, NOW, { ...nothing, milestones: { reached: 9, participants: 5 } }).milestones).toBe(9);
  });
});
