/**
 * The program's outcome metrics, defined once. worker/db/metrics.ts computes the counts in SQL
 * and ./cohort-metrics.ts turns them into a cohort's figures; this module says what each figure
 * means, hides small groups, and adds up headline figures.
 *
 * Formulas (a "share" is part ÷ whole, shown as a whole percent):
 * - Engagement: mentees who sent a check-in that week ÷ mentees expected. A pair on a pause is
 *   not expected: a pair is paused in a week it did not check in when its latest check-in before
 *   that week asked for a pause.
 * - Action completion: over the actions that came due (check-ins that reported on last cycle's
 *   committed action), `yes` = 1, `partly` = ½, `no` = 0, ÷ the actions that came due. One answer
 *   per mentee and week: the latest check-in they sent that week.
 * - Feedback usefulness: the mean rating (1–5) receivers gave; unrated feedback is left out.
 * - Complete feedback: feedback whose behaviour, impact and next step each have at least
 *   COMPLETE_WORDS words ÷ all feedback given.
 * - Relationship quality: the mean pulse (1–5) per dimension: trust, psychological safety, ease of
 *   giving and receiving feedback, adaptability.
 * - Goal completion: goals done ÷ goals that came due (due date passed, or done early). A goal
 *   replaced by a recalibrated one is not counted here; it counts for adaptability.
 * - Adaptability: goals recalibrated ÷ goals given up (recalibrated or dropped without a successor).
 * - Pair at risk: no check-in in the last two complete weeks, a pause, or a member's own pulse
 *   (mean of the four dimensions) falling by 1 point or more from one pulse to the next.
 *
 * Small-group rule (privacy rule 4): a figure built from fewer than MIN_GROUP_SIZE participants is
 * hidden (null), and totals and trends are added up from the shown figures only, so a hidden one
 * can never be worked out as "total minus the others".
 */

export const MIN_GROUP_SIZE = 5;

/** Weeks per period for figures that come in less often than weekly (pulses, feedback, trends). */
export const PERIOD_WEEKS = 4;

/** Words each part of a piece of feedback needs to count as naming behaviour, impact and next step. */
export const COMPLETE_WORDS = 3;

/** Part of a whole (a share), or a sum of values and how many there were (a mean). */
export interface Ratio {
  part: number;
  whole: number;
}

/** The figure of a ratio, or null when it is hidden or has nothing to divide by. */
export function ratioValue(ratio: Ratio | null): number | null {
  return ratio && ratio.whole > 0 ? ratio.part / ratio.whole : null;
}

/** A ratio with the number of distinct participants it describes, before the small-group rule. */
export interface Counted extends Ratio {
  participants: number;
}

/**
 * The small-group rule for one figure: the ratio when enough participants are behind it, else null.
 * An empty figure (nothing came due, nobody expected) describes no one and is shown as 0 of 0.
 */
export function shown(figure: Counted, minGroup = MIN_GROUP_SIZE): Ratio | null {
  if (figure.whole === 0) return { part: 0, whole: 0 };
  return figure.participants >= minGroup ? { part: figure.part, whole: figure.whole } : null;
}

/** Adds up ratios that are shown; hidden ones (null) are left out, never inferred. */
export function sumShown(ratios: readonly (Ratio | null)[]): Ratio | null {
  const visible = ratios.filter((r): r is Ratio => r !== null);
  if (visible.length === 0) return null;
  return { part: visible.reduce((s, r) => s + r.part, 0), whole: visible.reduce((s, r) => s + r.whole, 0) };
}

/** The period (1-based) a week falls in, and the weeks a period spans. */
export function periodOf(week: number): number {
  return Math.floor((week - 1) / PERIOD_WEEKS) + 1;
}

export function periodWeeks(period: number): { fromWeek: number; toWeek: number } {
  return { fromWeek: (period - 1) * PERIOD_WEEKS + 1, toWeek: period * PERIOD_WEEKS };
}

export interface Headline {
  /** The figure over everything shown: a share (0–1) or a mean (1–5). */
  value: number | null;
  /** The sum it comes from, so figures of several cohorts can be added up (shown parts only). */
  total: Ratio | null;
  /** The same figure over the latest complete period with figures shown, and the one before: the trend. */
  latest: number | null;
  previous: number | null;
}

/**
 * A headline figure from a series: its total over the shown items, and the trend between the last
 * two complete periods (up to `completePeriods`) that have shown items. `items` carry their period.
 */
export function headline(items: readonly { period: number; ratio: Ratio | null }[], completePeriods: number): Headline {
  const periods = [...new Set(items.filter((i) => i.ratio !== null && i.period <= completePeriods).map((i) => i.period))].sort((a, b) => a - b);
  const ofPeriod = (p: number | undefined) => (p === undefined ? null : ratioValue(sumShown(items.filter((i) => i.period === p).map((i) => i.ratio))));
  const total = sumShown(items.map((i) => i.ratio));
  return {
    value: ratioValue(total),
    total,
    latest: ofPeriod(periods.at(-1)),
    previous: periods.length > 1 ? ofPeriod(periods.at(-2)) : null,
  };
}
