/**
 * How figures read, on the published site and on the pages the Worker renders: one module, so a
 * share never reads "57%" in a headline and "23 of 40 (58%)" in its table.
 */
import type { Ratio } from './metrics.ts';

/** Whole percent of a part, from the counts (23 of 40 is 58, not 57.49999…). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

/** A count as text: whole numbers as they are, a half-scored action as "3.5". */
function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Whether a figure is a share (shown in percent) or a mean on the 1–5 scale. */
export type FigureKind = 'share' | 'mean';

/** A figure alone: "58%" or "4.2 of 5", from its counts; '—' when there is nothing to count. */
export function formatFigure(ratio: Ratio, kind: FigureKind): string {
  if (ratio.whole === 0) return '—';
  return kind === 'share' ? `${percent(ratio.part, ratio.whole)}%` : `${(ratio.part / ratio.whole).toFixed(1)} of 5`;
}

/** A figure with its counts: "5 of 6 (83%)" for a share, "3.6 of 5" for a mean; '—' when there is nothing to count. */
export function formatRatio(ratio: Ratio, kind: FigureKind): string {
  if (ratio.whole === 0) return '—';
  return kind === 'share' ? `${formatCount(ratio.part)} of ${ratio.whole} (${formatFigure(ratio, kind)})` : formatFigure(ratio, kind);
}

const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) as people say it: "Monday 8 March". */
export function formatDay(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}
