/**
 * How the outcome figures read on the pages, in the report and in the open data: each headline's
 * name, the sentence that says how it is computed (worker/domain/metrics.ts has the formulas),
 * and the formatting of shares, means and trends — in the words of the translator given, which is
 * the cohort's language on its pages.
 */
import type { z } from 'astro/zod';
import type { cohortMetricsSchema } from '../schemas.ts';

import { formatFigure, formatRatio as formatCountsOf, type FigureKind } from '../../worker/domain/format.ts';
import type { MessageKey, Translator } from '../../worker/domain/i18n.ts';

export { ratioValue } from '../../worker/domain/metrics.ts';
export { percent } from '../../worker/domain/format.ts';

export type Metrics = z.infer<typeof cohortMetricsSchema>;
export type Ratio = Metrics['goals']['completion'];
export type HeadlineKey = keyof Metrics['headlines'];

interface HeadlineInfo {
  /** Its name. */
  label: MessageKey;
  kind: FigureKind;
  /** The sentence that says how it is computed. */
  how: MessageKey;
}

export const HEADLINES: Record<HeadlineKey, HeadlineInfo> = {
  engagement: { label: 'figure.headline.engagement', kind: 'share', how: 'figure.headline.engagement.how' },
  actions: { label: 'figure.headline.actions', kind: 'share', how: 'figure.headline.actions.how' },
  usefulness: { label: 'figure.headline.usefulness', kind: 'mean', how: 'figure.headline.usefulness.how' },
  completeFeedback: { label: 'figure.headline.completeFeedback', kind: 'share', how: 'figure.headline.completeFeedback.how' },
  pulse: { label: 'figure.headline.pulse', kind: 'mean', how: 'figure.headline.pulse.how' },
  goalCompletion: { label: 'figure.headline.goalCompletion', kind: 'share', how: 'figure.headline.goalCompletion.how' },
  adaptability: { label: 'figure.headline.adaptability', kind: 'share', how: 'figure.headline.adaptability.how' },
};

/** The sentence a hidden figure reads instead (a group under five). */
export function notEnough(t: Translator): string {
  return t('figure.notEnough');
}

/**
 * A headline as text, from the counts it totals: "58%" or "4.2 of 5"; the small-group sentence
 * when hidden. From the counts, not the 0–1 value, so it matches its table's "23 of 40 (58%)".
 */
export function formatValue(t: Translator, total: Ratio, kind: FigureKind): string {
  return total === null || total.whole === 0 ? notEnough(t) : formatFigure(t, total, kind);
}

/** A ratio as text: "5 of 6 (83%)" for a share, "3.6 of 5" for a mean. */
export function formatRatio(t: Translator, ratio: Ratio, kind: FigureKind): string {
  return ratio === null ? notEnough(t) : formatCountsOf(t, ratio, kind);
}

/** The trend between the last two periods, in words: "Up 6 points on the weeks before". */
export function trendWords(t: Translator, headline: Metrics['headlines'][HeadlineKey], kind: FigureKind): string {
  const { latest, previous } = headline;
  if (latest === null || previous === null) return t('figure.trend.none');
  if (kind === 'share') {
    const points = Math.round(latest * 100) - Math.round(previous * 100);
    if (points === 0) return t('figure.trend.steady');
    return t(points > 0 ? 'figure.trend.upPoints' : 'figure.trend.downPoints', { points: Math.abs(points) });
  }
  const change = Number((latest - previous).toFixed(1));
  if (change === 0) return t('figure.trend.steady');
  return t(change > 0 ? 'figure.trend.up' : 'figure.trend.down', { change: t.number(Math.abs(change)) });
}
