/**
 * How figures read, on the published site and on the pages the Worker renders: one module, so a
 * share never reads "57%" in a headline and "23 of 40 (58%)" in its table.
 */
import type { Translator } from './i18n.ts';
import type { Ratio } from './metrics.ts';

/** Whole percent of a part, from the counts (23 of 40 is 58, not 57.49999…). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

/** A count as text: whole numbers as they are, a half-scored action as "3.5" (in the reader's digits and decimal sign). */
function formatCount(t: Translator, n: number): string {
  return t.number(n, { maximumFractionDigits: 1 });
}

/** Whether a figure is a share (shown in percent) or a mean on the 1–5 scale. */
export type FigureKind = 'share' | 'mean';

/** A figure alone: "58%" or "4.2 of 5", from its counts; '—' when there is nothing to count. */
export function formatFigure(t: Translator, ratio: Ratio, kind: FigureKind): string {
  if (ratio.whole === 0) return '—';
  if (kind === 'share') return t.number(percent(ratio.part, ratio.whole) / 100, { style: 'percent' });
  return t('figure.mean', { mean: t.number(ratio.part / ratio.whole, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** A figure with its counts: "5 of 6 (83%)" for a share, "3.6 of 5" for a mean; '—' when there is nothing to count. */
export function formatRatio(t: Translator, ratio: Ratio, kind: FigureKind): string {
  if (ratio.whole === 0) return '—';
  if (kind === 'mean') return formatFigure(t, ratio, kind);
  return t('figure.ratio', { part: formatCount(t, ratio.part), whole: t.number(ratio.whole), share: formatFigure(t, ratio, kind) });
}
