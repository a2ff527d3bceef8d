import { describe, expect, it } from 'vitest';
import { buildEngagementChartConfig, percent, type EngagementPoint } from '../../../site/charts/engagement.ts';

const weeks: EngagementPoint[] = [
  { week: 1, checkedIn: 4, expected: 8, inProgress: false },
  { week: 2, checkedIn: 1, expected: 8, inProgress: false },
  { week: 3, checkedIn: 8, expected: 8, inProgress: true },
];

describe('percent', () => {
  it('gives whole percent', () => {
    expect(percent(4, 8)).toBe(50);
    expect(percent(0, 8)).toBe(0);
    expect(percent(8, 8)).toBe(100);
  });

  it('rounds a half up (1/8 = 12.5% → 13)', () => {
    expect(percent(1, 8)).toBe(13);
  });

  // (23/40) * 100 is 57.49999999999999 in floating point; working from the counts gives 58.
  it('rounds an exact half from a real cohort size up (23 of 40 = 57.5% → 58)', () => {
    expect(percent(23, 40)).toBe(58);
  });

  it('is 0 of an empty group rather than NaN', () => {
    expect(percent(0, 0)).toBe(0);
  });
});

describe('buildEngagementChartConfig', () => {
  const config = buildEngagementChartConfig(weeks);

  it('labels each week, and says the running week is partial', () => {
    expect(config.data.labels).toEqual(['Week 1', 'Week 2', 'Week 3 (so far)']);
  });

  it('plots the rates as whole percent', () => {
    expect(config.data.datasets[0]!.data).toEqual([50, 13, 100]);
  });

  it('fixes the y axis at 0–100', () => {
    expect(config.options?.scales?.y).toMatchObject({ min: 0, max: 100 });
  });

  it('turns animation off', () => {
    expect(config.options?.animation).toBe(false);
  });

  it('names the y axis as a percentage', () => {
    expect(config.options?.scales?.y).toMatchObject({ title: { display: true, text: '% of mentees' } });
  });

  it('survives the trip to the browser as JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
