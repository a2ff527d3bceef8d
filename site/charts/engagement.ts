/** The engagement-by-week chart, as a pure Chart.js configuration (tested in Node). */
import type { ChartConfiguration } from 'chart.js';

export interface EngagementPoint {
  week: number;
  checkedIn: number;
  expected: number;
  rate: number;
}

/** Whole percent of a part, as the chart and its table both show it (from counts: 23 of 40 is 58). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

export function buildEngagementChartConfig(weeks: EngagementPoint[]): ChartConfiguration<'bar', number[], string> {
  return {
    type: 'bar',
    data: {
      labels: weeks.map((w) => `Week ${w.week}`),
      datasets: [{ label: 'Mentees who checked in (%)', data: weeks.map((w) => percent(w.checkedIn, w.expected)), backgroundColor: '#1f5f8b' }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } } },
      plugins: { legend: { display: false } },
    },
  };
}
