/** The engagement-by-week chart, as a pure Chart.js configuration (tested in Node). */
import type { ChartConfiguration } from 'chart.js';
import type { EngagementWeek } from '../../worker/domain/engagement.ts';

export type EngagementPoint = Pick<EngagementWeek, 'week' | 'checkedIn' | 'expected' | 'inProgress'>;

/** How a week is named in the chart and its table; a running week says its figure is partial. */
export function weekLabel(point: Pick<EngagementPoint, 'week' | 'inProgress'>): string {
  return point.inProgress ? `Week ${point.week} (so far)` : `Week ${point.week}`;
}

/** Whole percent of a part, as the chart and its table both show it (from counts: 23 of 40 is 58). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

export function buildEngagementChartConfig(weeks: EngagementPoint[]): ChartConfiguration<'bar', (number | null)[], string> {
  return {
    type: 'bar',
    data: {
      labels: weeks.map(weekLabel),
      datasets: [{ label: 'Mentees who checked in (%)', data: weeks.map((w) => (w.checkedIn === null ? null : percent(w.checkedIn, w.expected))), backgroundColor: '#1f5f8b' }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Plain data only: the configuration travels to the browser as JSON in a data attribute.
      scales: { y: { min: 0, max: 100, title: { display: true, text: '% of mentees' } } },
      plugins: { legend: { display: false } },
    },
  };
}
