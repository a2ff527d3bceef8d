/**
 * The outcome charts as pure Chart.js configurations (tested in Node); each page pairs one with a
 * table. Every word comes from the translator given (the cohort's language): labels, legends and
 * axis titles travel to the browser in the configuration, already translated.
 */
import type { ChartConfiguration } from 'chart.js';
import type { MessageKey, Translator } from '../../worker/domain/i18n.ts';
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

export function weekLabel(t: Translator, week: Pick<Week, 'week'>): string {
  return t('chart.week', { week: week.week });
}

export function periodLabel(t: Translator, period: { fromWeek: number; toWeek: number }): string {
  return t('chart.weeks', { from: period.fromWeek, to: period.toWeek });
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

/**
 * How a chart reads in the page's language: Chart.js writes its axis numbers in the language's
 * way (3,5 in Spanish). Right to left, the legend and tooltips are laid out and written right to
 * left, time runs from right to left as the sentences do (the x axis reversed) and the value axis
 * stands on the right, where a line of text begins.
 */
function direction(t: Translator, legend: { display?: boolean } = {}) {
  const rtl = t.dir === 'rtl';
  return {
    locale: t.locale,
    plugins: { legend: { ...legend, rtl, textDirection: t.dir }, tooltip: { rtl, textDirection: t.dir } },
    x: rtl ? { reverse: true } : {},
    y: rtl ? { position: 'right' as const } : {},
  };
}

function axisTitle(t: Translator, key: MessageKey) {
  return { display: true, text: t(key) };
}

/** Engagement and action completion by complete week, in percent; hidden weeks are gaps. */
export function buildWeeklyChartConfig(t: Translator, weeks: readonly Week[]): ChartConfiguration<'line', (number | null)[], string> {
  const { locale, plugins, x, y } = direction(t);
  return {
    type: 'line',
    data: {
      labels: weeks.map((w) => weekLabel(t, w)),
      datasets: [
        line(t('chart.weekly.checkedInSeries'), weeks.map((w) => asPercent(w.engagement)), 0),
        line(t('chart.weekly.actionsSeries'), weeks.map((w) => asPercent(w.actions)), 1),
      ],
    },
    options: { ...BASE_OPTIONS, locale, plugins, scales: { x, y: { ...y, min: 0, max: 100, title: axisTitle(t, 'chart.axis.percent') } } },
  };
}

/** The pulse's dimensions, in the order of the chart and its table. */
export const PULSE_LABELS = { trust: 'chart.pulse.trust', safety: 'chart.pulse.safety', feedbackEase: 'chart.pulse.feedbackEase', adaptability: 'chart.pulse.adaptability' } as const satisfies Record<string, MessageKey>;

/** Mean pulse by dimension per period of weeks, on the 1–5 scale. */
export function buildPulseChartConfig(t: Translator, periods: readonly PulsePeriod[]): ChartConfiguration<'line', (number | null)[], string> {
  const dims = Object.keys(PULSE_LABELS) as (keyof typeof PULSE_LABELS)[];
  const { locale, plugins, x, y } = direction(t);
  return {
    type: 'line',
    data: {
      labels: periods.map((p) => periodLabel(t, p)),
      datasets: dims.map((d, i) => line(t(PULSE_LABELS[d]), periods.map((p) => (p.means ? round1(ratioValue(p.means[d])) : null)), i)),
    },
    options: { ...BASE_OPTIONS, locale, plugins, scales: { x, y: { ...y, min: 1, max: 5, title: axisTitle(t, 'chart.axis.mean') } } },
  };
}

/** Goals' statuses, in the order of the chart and its table. */
export const GOAL_STATUS_LABELS = { active: 'chart.goals.active', done: 'chart.goals.done', recalibrated: 'chart.goals.recalibrated', dropped: 'chart.goals.dropped' } as const satisfies Record<string, MessageKey>;

/** Goals by status, as bars. */
export function buildGoalsChartConfig(t: Translator, byStatus: NonNullable<Metrics['goals']['byStatus']>): ChartConfiguration<'bar', number[], string> {
  const statuses = Object.keys(GOAL_STATUS_LABELS) as (keyof typeof GOAL_STATUS_LABELS)[];
  const { locale, plugins, x, y } = direction(t, { display: false });
  return {
    type: 'bar',
    data: {
      labels: statuses.map((s) => t(GOAL_STATUS_LABELS[s])),
      datasets: [{ label: t('chart.goals.series'), data: statuses.map((s) => byStatus[s]), backgroundColor: SERIES.map((s) => s.color) }],
    },
    options: { ...BASE_OPTIONS, locale, plugins, scales: { x, y: { ...y, beginAtZero: true, ticks: { precision: 0 }, title: axisTitle(t, 'chart.axis.goals') } } },
  };
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
