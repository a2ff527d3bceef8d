/**
 * How the outcome figures read on the pages, in the report and in the open data: each headline's
 * name, the sentence that says how it is computed (worker/domain/metrics.ts has the formulas),
 * and the formatting of shares, means and trends.
 */
import type { z } from 'astro/zod';
import type { cohortMetricsSchema } from '../schemas.ts';

import { formatFigure, formatRatio as formatCountsOf, type FigureKind } from '../../worker/domain/format.ts';
import { DEFAULT_LOCALE } from '../../worker/domain/locales.ts';
import { translatorFor } from './i18n.ts';

// Until the cohort pages pass their language down, figures are in the default language.
const t = translatorFor(DEFAULT_LOCALE);

export { ratioValue } from '../../worker/domain/metrics.ts';
export { percent } from '../../worker/domain/format.ts';

export type Metrics = z.infer<typeof cohortMetricsSchema>;
export type Ratio = Metrics['goals']['completion'];
export type HeadlineKey = keyof Metrics['headlines'];

export const NOT_ENOUGH = 'Not enough responses to show';

interface HeadlineInfo {
  label: string;
  kind: FigureKind;
  how: string;
}

export const HEADLINES: Record<HeadlineKey, HeadlineInfo> = {
  engagement: { label: 'Engagement', kind: 'share', how: 'Mentees who sent a check-in ÷ mentees expected, over the complete weeks shown; pairs on an agreed pause are not expected.' },
  actions: { label: 'Actions completed', kind: 'share', how: 'Each committed action that came due scores 1 if done, ½ if partly done, 0 if not; the sum ÷ the actions that came due.' },
  usefulness: { label: 'Feedback usefulness', kind: 'mean', how: 'The mean of the ratings (1–5) receivers gave the peer feedback they got.' },
  completeFeedback: { label: 'Complete feedback', kind: 'share', how: 'Peer feedback that names the behaviour, its impact and a next step (three words or more each) ÷ all feedback given.' },
  pulse: { label: 'Relationship pulse', kind: 'mean', how: 'The mean (1–5) of trust, psychological safety, ease of feedback and adaptability in the pairs’ pulse checks.' },
  goalCompletion: { label: 'Goals reached', kind: 'share', how: 'Goals done ÷ goals that came due (due date passed, or done early); a goal replaced by a recalibrated one is not counted.' },
  adaptability: { label: 'Adaptability', kind: 'share', how: 'Goals recalibrated ÷ goals given up (recalibrated, or dropped without a new goal).' },
};

/**
 * A headline as text, from the counts it totals: "58%" or "4.2 of 5"; the small-group sentence
 * when hidden. From the counts, not the 0–1 value, so it matches its table's "23 of 40 (58%)".
 */
export function formatValue(total: Ratio, kind: FigureKind): string {
  return total === null || total.whole === 0 ? NOT_ENOUGH : formatFigure(t, total, kind);
}

/** A ratio as text: "5 of 6 (83%)" for a share, "3.6 of 5" for a mean. */
export function formatRatio(ratio: Ratio, kind: FigureKind): string {
  return ratio === null ? NOT_ENOUGH : formatCountsOf(t, ratio, kind);
}

/** The trend between the last two periods, in words: "up 6 points on the weeks before". */
export function trendWords(headline: Metrics['headlines'][HeadlineKey], kind: FigureKind): string {
  const { latest, previous } = headline;
  if (latest === null || previous === null) return 'No trend yet';
  const change = kind === 'share' ? Math.round(latest * 100) - Math.round(previous * 100) : Number((latest - previous).toFixed(1));
  if (change === 0) return 'Steady on the weeks before';
  const unit = kind === 'share' ? (Math.abs(change) === 1 ? 'point' : 'points') : '';
  return `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change)}${unit ? ` ${unit}` : ''} on the weeks before`;
}
