/** The outcome charts as pure Chart.js configurations (tested in Node); each page pairs one with a table. */
import type { ChartConfiguration } from 'chart.js';
import { percent, ratioValue, type Metrics } from '../lib/figures.ts';

type Week = Metrics['weeks'][number];
type PulsePeriod = Metrics['pulses'][number];

/** Colours and point shapes that stay apart for colour-blind readers and in greyscale print. */
const SERIES = [
  { color: '#1f5f8b', point: 'circle' },
  { color: '#b35900', point: 'triangle' },
  { color: '#2e7d32', point: 'rect' },
  { color: '#6a3d9a', point: 'rectRot' },
] as const;

export function weekLabel(week: Pick<Week, 'week'>): string {
  return `Week ${week.week}`;
}

export function periodLabel(period: { fromWeek: number; toWeek: number }): string {
  return `Weeks ${period.fromWeek}–${period.toWeek}`;
}

const asPercent = (r: Week['engagement']) => (r === null || r.whole === 0 ? null : percent(r.part, r.whole));

function line(label: string, data: (number | null)[], index: number) {
  const { color, point } = SERIES[index]!;
  return { label, data, borderColor: color, backgroundColor: color, pointStyle: point, pointRadius: 4, spanGaps: false };
}

const BASE_OPTIONS = {
  responsive: true,
  maintainAspectRatio: false,
  // Plain data only: the configuration travels to the browser as JSON in a data attribute.
  animation: false,
} as const;

/** Engagement and action completion by complete week, in percent; hidden weeks are gaps. */
export function buildWeeklyChartConfig(weeks: readonly Week[]): ChartConfiguration<'line', (number | null)[], string> {
  return {
    type: 'line',
    data: {
      labels: weeks.map(weekLabel),
      datasets: [line('Mentees who checked in (%)', weeks.map((w) => asPercent(w.engagement)), 0), line('Actions completed (%)', weeks.map((w) => asPercent(w.actions)), 1)],
    },
    options: { ...BASE_OPTIONS, scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } } },
  };
}

export const PULSE_LABELS = { trust: 'Trust', safety: 'Psychological safety', feedbackEase: 'Ease of feedback', adaptability: 'Adaptability' } as const;

/** Mean pulse by dimension per period of weeks, on the 1–5 scale. */
export function buildPulseChartConfig(periods: readonly PulsePeriod[]): ChartConfiguration<'line', (number | null)[], string> {
  const dims = Object.keys(PULSE_LABELS) as (keyof typeof PULSE_LABELS)[];
  return {
    type: 'line',
    data: {
      labels: periods.map(periodLabel),
      datasets: dims.map((d, i) => line(PULSE_LABELS[d], periods.map((p) => (p.means ? round1(ratioValue(p.means[d])) : null)), i)),
    },
    options: { ...BASE_OPTIONS, scales: { y: { min: 1, max: 5, title: { display: true, text: 'mean, 1–5' } } } },
  };
}

export const GOAL_STATUS_LABELS = { active: 'Active', done: 'Done', recalibrated: 'Recalibrated', dropped: 'Dropped' } as const;

/** Goals by status, as bars. */
export function buildGoalsChartConfig(byStatus: NonNullable<Metrics['goals']['byStatus']>): ChartConfiguration<'bar', number[], string> {
  const statuses = Object.keys(GOAL_STATUS_LABELS) as (keyof typeof GOAL_STATUS_LABELS)[];
  return {
    type: 'bar',
    data: {
      labels: statuses.map((s) => GOAL_STATUS_LABELS[s]),
      datasets: [{ label: 'Goals', data: statuses.map((s) => byStatus[s]), backgroundColor: SERIES.map((s) => s.color) }],
    },
    options: { ...BASE_OPTIONS, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'goals' } } } },
  };
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
