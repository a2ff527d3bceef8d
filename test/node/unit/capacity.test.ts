/** The bench's per-cohort costs (bench/capacity.ts): the difference between the smallest and the largest scale, per cohort. */
import { describe, expect, it } from 'vitest';
import { perCohortCosts, type Footprint, type ScalePoint } from '../../../bench/capacity.ts';

function point(scale: number, cohorts: number, files: { cohorts: number; library: number }, d1Bytes: number, seconds: number): ScalePoint {
  const footprint: Footprint = {
    d1: { bytes: d1Bytes, rows: { cohorts, checkins: cohorts * 100 }, indexes: { cohorts: 1, checkins: 6 } },
    dist: { files: 80 + files.cohorts + files.library, bytes: 1000 * cohorts, folders: { '.': { files: 80, bytes: 0 }, cohorts: { files: files.cohorts, bytes: 0 }, library: { files: files.library, bytes: 0 } } },
  };
  return { scale, size: { cohorts, mentees: 24, weeks: 12 }, read: { cohorts: cohorts * 0.9, inWorkerd: { bytes: cohorts * 0.9 * 20_000 } }, build: { seconds, cpuSeconds: seconds / 2, peakTreeRss: 800e6 + cohorts * 1e6 }, footprint };
}

describe('perCohortCosts', () => {
  it('answers the marginal cost of one cohort, so fixed costs drop out', () => {
    const costs = perCohortCosts([point(16, 800, { cohorts: 3200, library: 8000 }, 800 * 300_000 + 1e6, 40), point(1, 50, { cohorts: 200, library: 500 }, 50 * 300_000 + 1e6, 10)])!;
    expect(costs.between).toEqual([1, 16]);
    expect(costs.participants).toBe(25);
    expect(costs.distFiles).toBe(14);
    expect(costs.distFolders).toEqual({ cohorts: 4, library: 10 });
    expect(costs.fixed.distFiles).toBeCloseTo(80);
    expect(costs.d1Bytes).toBe(300_000);
    expect(costs.fixed.d1Bytes).toBeCloseTo(1e6);
    expect(costs.d1Rows).toBe(101);
    // Each check-in row is written once and once more per index of its table (6): 700, and the cohort's row twice.
    expect(costs.d1RowsWritten).toBe(702);
    expect(costs.buildSeconds).toBeCloseTo(30 / 750);
    expect(costs.peakMemoryBytes).toBeCloseTo(1e6);
    expect(costs.programJsonBytes).toBe(20_000);
  });

  it('needs two measured scales', () => {
    expect(perCohortCosts([point(1, 50, { cohorts: 200, library: 500 }, 1, 1)])).toBeNull();
  });
});
