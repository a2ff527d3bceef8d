/**
 * A cohort's outcome figures from the counts worker/db/metrics.ts reads in SQL: the counts come in
 * grouped by week or period, never participants' rows, and every small group is hidden here before
 * a figure leaves (the formulas and the small-group rule are in ./metrics.ts).
 */
import { headline, MIN_GROUP_SIZE, PERIOD_WEEKS, periodOf, periodWeeks, shown, type Headline, type Ratio } from './metrics.ts';
import { currentWeek, cycleStart, type CohortTerm } from './weeks.ts';

/**
 * A complete week's figures. The week under way is never published: comparing builds an hour
 * apart would show what the one new answer was.
 */
export interface WeekFigures {
  week: number;
  /** First day of the week, YYYY-MM-DD in the cohort's timezone. */
  startsOn: string;
  /**
   * Mentees who checked in of mentees expected; null when fewer than five were expected, or when
   * one to four were paused (mentees − expected would name a small group).
   */
  engagement: Ratio | null;
  /** Action score of the actions that came due; null when fewer than five came due. */
  actions: Ratio | null;
}

/** The four dimensions of a relationship pulse, each scored 1–5. */
export const PULSE_DIMENSIONS = ['trust', 'safety', 'feedbackEase', 'adaptability'] as const;
export type PulseDimension = (typeof PULSE_DIMENSIONS)[number];

export interface PeriodFigures {
  period: number;
  fromWeek: number;
  toWeek: number;
}

/** Pulse means of a period (sum of scores of the responses): null when under five people answered. */
export interface PulsePeriod extends PeriodFigures {
  means: Record<PulseDimension, Ratio> | null;
}

export interface FeedbackPeriod extends PeriodFigures {
  /** Sum of ratings ÷ ratings; null when under five receivers rated. */
  usefulness: Ratio | null;
  /** Complete pieces ÷ pieces given; null when under five people gave feedback. */
  complete: Ratio | null;
}

export interface GoalFigures {
  /** Goals by status; null when under five people set goals. */
  byStatus: { active: number; done: number; recalibrated: number; dropped: number } | null;
  completion: Ratio | null;
  adaptability: Ratio | null;
}

export type HeadlineKey = 'engagement' | 'actions' | 'usefulness' | 'completeFeedback' | 'pulse' | 'goalCompletion' | 'adaptability';

export interface CohortMetrics {
  weeks: WeekFigures[];
  pulses: PulsePeriod[];
  feedback: FeedbackPeriod[];
  goals: GoalFigures;
  /** Milestones reached; null when under five people reached one. */
  milestones: number | null;
  headlines: Record<HeadlineKey, Headline>;
}

/** Per week 1 … last complete: mentees expected (less those paused), paused, checked in, and the actions that came due. */
export interface WeekCounts {
  week: number;
  expected: number;
  paused: number;
  checked_in: number;
  actions_due: number;
  actions_done: number;
}

/** Per period: the people who answered a pulse, the responses, and the sum of each dimension's scores. */
export type PulseCounts = { period: number; participants: number; responses: number } & Record<PulseDimension, number>;

/** Per period: feedback given (by how many givers, how much of it complete) and ratings given (by how many receivers). */
export interface FeedbackCounts {
  period: number;
  given: number;
  givers: number;
  usefulness: number;
  rated: number;
  raters: number;
  complete: number;
}

/** Goals by status, and the distinct people behind each count. */
export interface GoalCounts {
  active_people: number;
  done_people: number;
  recalibrated_people: number;
  dropped_people: number;
  active: number;
  done: number;
  recalibrated: number;
  dropped: number;
  due: number;
  due_participants: number;
  given_up_participants: number;
}

export interface MilestoneCounts {
  reached: number;
  participants: number;
}

/** Everything a cohort's figures are worked out from. */
export interface MetricCounts {
  weeks: WeekCounts[];
  pulses: PulseCounts[];
  feedback: FeedbackCounts[];
  goals: GoalCounts;
  milestones: MilestoneCounts;
}

/**
 * A cohort's figures as of `now` from its counts, hiding every group smaller than `minGroup` (the
 * small-group rule for everything published; 0 on the mentor's private dashboard).
 */
export function cohortFigures(cohort: CohortTerm, now: Date, counts: MetricCounts, minGroup = MIN_GROUP_SIZE): CohortMetrics {
  const { lastComplete } = currentWeek(cohort, now);
  const closed = <T extends { toWeek: number }>(period: T) => period.toWeek <= lastComplete;
  const completePeriods = Math.floor(lastComplete / PERIOD_WEEKS);

  const weeks: WeekFigures[] = counts.weeks.map((r) => ({
    week: r.week,
    startsOn: cycleStart(cohort, r.week),
    // One to four paused mentees would be a small group worked out as "mentees − expected".
    engagement: shown({ part: r.checked_in, whole: r.expected, participants: r.paused > 0 && r.paused < minGroup ? 0 : r.expected }, minGroup),
    // One answer per mentee and week, so the actions that came due are also the people behind them.
    actions: shown({ part: r.actions_done, whole: r.actions_due, participants: r.actions_due }, minGroup),
  }));

  const pulses: PulsePeriod[] = counts.pulses.map((r) => ({
    ...periodFigures(r.period),
    means: r.participants >= minGroup ? pulseMeans(r) : null,
  })).filter(closed);

  const feedback: FeedbackPeriod[] = counts.feedback.map((r) => ({
    ...periodFigures(r.period),
    usefulness: shown({ part: r.usefulness, whole: r.rated, participants: r.raters }, minGroup),
    complete: shown({ part: r.complete, whole: r.given, participants: r.givers }, minGroup),
  })).filter(closed);

  const g = counts.goals;
  // Each status is a group of its own: shown only when every status that has goals has five people.
  const statusPeople = [g.active_people, g.done_people, g.recalibrated_people, g.dropped_people];
  const goals: GoalFigures = {
    byStatus: statusPeople.some((n) => n > 0) && statusPeople.every((n) => n === 0 || n >= minGroup) ? { active: g.active, done: g.done, recalibrated: g.recalibrated, dropped: g.dropped } : null,
    completion: shown({ part: g.done, whole: g.due, participants: g.due_participants }, minGroup),
    adaptability: shown({ part: g.recalibrated, whole: g.recalibrated + g.dropped, participants: g.given_up_participants }, minGroup),
  };
  const m = counts.milestones;

  const pulseOverall = (p: PulsePeriod): Ratio | null =>
    p.means && { part: PULSE_DIMENSIONS.reduce((s, d) => s + p.means![d].part, 0), whole: PULSE_DIMENSIONS.reduce((s, d) => s + p.means![d].whole, 0) };
  const once = (ratio: Ratio | null): Headline => ({ ...headline([{ period: 1, ratio }], 0), latest: null, previous: null });

  return {
    weeks,
    pulses,
    feedback,
    goals,
    milestones: m.participants >= minGroup ? m.reached : null,
    headlines: {
      engagement: headline(weeks.map((w) => ({ period: periodOf(w.week), ratio: w.engagement })), completePeriods),
      actions: headline(weeks.map((w) => ({ period: periodOf(w.week), ratio: w.actions })), completePeriods),
      usefulness: headline(feedback.map((p) => ({ period: p.period, ratio: p.usefulness })), completePeriods),
      completeFeedback: headline(feedback.map((p) => ({ period: p.period, ratio: p.complete })), completePeriods),
      pulse: headline(pulses.map((p) => ({ period: p.period, ratio: pulseOverall(p) })), completePeriods),
      goalCompletion: once(goals.completion),
      adaptability: once(goals.adaptability),
    },
  };
}

/** Each dimension's mean over a period: the sum of its scores ÷ the responses. */
function pulseMeans(r: PulseCounts): Record<PulseDimension, Ratio> {
  return Object.fromEntries(PULSE_DIMENSIONS.map((d) => [d, { part: r[d], whole: r.responses }])) as Record<PulseDimension, Ratio>;
}

function periodFigures(period: number): PeriodFigures {
  return { period, ...periodWeeks(period) };
}
