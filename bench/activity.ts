/**
 * One synthetic mentee's twelve weeks: check-ins, reflections, a goal (sometimes recalibrated)
 * with milestones, pulses and program feedback, in the proportions of the demo program
 * (cli/demo.ts) but with nearly everyone checking in: the 4× program has ~58,000 check-ins,
 * which is 200 cohorts × 24 mentees × 12 weeks at almost full participation.
 */
import type { BulkWriter } from './bulk.ts';
import { ACTION_DEADLINES, ACTION_STARTS, GOALS, STRATEGIES, type Rand, type texts } from './texts.ts';

export const COLUMNS = {
  checkins: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'progress', 'obstacles', 'next_step', 'committed_action', 'last_action_done', 'win', 'challenge', 'decision_reason', 'energy', 'needs_pause', 'win_consent', 'submitted_at', 'revision', 'carried_forward'],
  reflections: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'working', 'not_working', 'why', 'assumption', 'insight', 'strategy_title', 'strategy_body', 'strategy_tags', 'consent', 'submitted_at'],
  goals: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'what', 'measure', 'target', 'due_on', 'status', 'status_changed_on', 'replaces_goal_id', 'submitted_at'],
  milestones: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'goal_id', 'week', 'title', 'reached_on', 'consent', 'submitted_at'],
  pulses: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'trust', 'safety', 'feedback_ease', 'adaptability', 'comment', 'comment_consent', 'submitted_at'],
  program_feedback: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'cadence_fit', 'tools', 'expectations', 'suggestion', 'submitted_at'],
} as const;

/** What the activity of one mentee needs to know about them and their cohort. */
export interface Mentee {
  id: number;
  cohortId: number;
  pairId: number;
  /** Index within the cohort: picks the goal. */
  index: number;
}

export interface Calendar {
  weeks: number;
  /** YYYY-MM-DD of a day in a week (0 = the week's first day). */
  day(week: number, offset: number): string;
  /** An ISO instant on a day of a week. */
  at(week: number, offset: number): string;
}

/** Row ids, one counter per table, shared by the whole program (the database starts empty). */
export interface Ids {
  cohorts: number;
  circles: number;
  pairs: number;
  participants: number;
  contracts: number;
  checkins: number;
  reflections: number;
  goals: number;
  milestones: number;
  feedback: number;
  pulses: number;
  program_feedback: number;
}

export type Texts = ReturnType<typeof texts>;

/** A consent level: `open` of the time public, `shared` cohort, the rest private. */
export function consent(rand: Rand, shared: number, open: number): string {
  const r = rand();
  return r < open ? 'public' : r < open + shared ? 'cohort' : 'private';
}

/** Weeks (if any) a mentee's pair paused: one pair in ten pauses for two weeks. */
export function pauseWeeks(rand: Rand, weeks: number): Set<number> {
  if (rand() >= 0.1) return new Set();
  const from = 3 + Math.floor(rand() * Math.max(1, weeks - 5));
  return new Set([from + 1, from + 2]);
}

export function writeMentee(out: BulkWriter, ids: Ids, rand: Rand, t: Texts, m: Mentee, cal: Calendar, paused: Set<number>): void {
  const goal = GOALS[m.index % GOALS.length]!;
  // One mentee in fifty goes quiet for good somewhere in the second half.
  const quietFrom = rand() < 0.02 ? Math.ceil(cal.weeks / 2) + Math.floor(rand() * (cal.weeks / 2)) : Infinity;
  let lastAction: string | null = null;
  for (let week = 1; week <= cal.weeks; week++) {
    if (paused.has(week) || week >= quietFrom || rand() < 0.015) continue;
    const day = 3 + Math.floor(rand() * 4);
    const lastDone = lastAction ? t.pick(['yes', 'yes', 'yes', 'partly', 'no']) : null;
    const carried = lastDone !== null && lastDone !== 'yes' && rand() < 0.2;
    const action: string = carried ? lastAction! : `${t.pick(ACTION_STARTS)} ${goal.aim}, before ${t.pick(ACTION_DEADLINES)}`;
    out.add('checkins', [
      ++ids.checkins, `bench-checkin-${m.id}-${week}`, m.id, m.cohortId, m.pairId, week,
      t.paragraph(`This week I ${t.pick(goal.steps)} for my ${goal.aim}.`, 3), t.obstacle(), t.paragraph(`Keep going on the ${goal.aim}: ${t.pick(goal.steps)}.`, 1), action,
      lastDone, t.win(goal), t.challenge(), t.reason(), 1 + Math.floor(rand() * 5), paused.has(week + 1) ? 1 : 0,
      consent(rand, 0.3, 0.15), cal.at(week, day), rand() < 0.08 ? 2 : 1, carried ? 1 : 0,
    ]);
    lastAction = action;
    if (week % 3 === 0 && rand() < 0.65) writeReflection(out, ids, rand, t, m, cal, week);
  }
  writeGoal(out, ids, rand, m, cal, goal.aim);
  for (let week = 4; week <= cal.weeks; week += 4) {
    if (rand() > 0.85) continue;
    const score = () => 2 + Math.floor(rand() * 4);
    const comment = t.maybe(0.2, () => t.pick(['We are in a good rhythm.', 'Calls keep slipping; we should fix a time.', 'I find it easier to be honest now.']));
    out.add('pulses', [++ids.pulses, `bench-pulse-${m.id}-${week}`, m.id, m.cohortId, m.pairId, week, score(), score(), score(), score(), comment, comment ? consent(rand, 0.3, 0.1) : 'private', cal.at(week, 2)]);
  }
  if (rand() < 0.3) {
    const week = cal.weeks - 1;
    out.add('program_feedback', [++ids.program_feedback, `bench-program-${m.id}`, m.id, m.cohortId, m.pairId, week, t.pick(['about-right', 'about-right', 'too-often', 'too-rare']), 'The check-in form is quick; the library templates helped our first meetings.', t.pick(['Clear.', 'The reflection every three weeks felt like a lot in exam season.']), t.pick(['', 'Fortnightly circles.', 'A shorter check-in on busy weeks.']), cal.at(week, 3)]);
  }
}

function writeReflection(out: BulkWriter, ids: Ids, rand: Rand, t: Texts, m: Mentee, cal: Calendar, week: number): void {
  const strategy = rand() < 0.35 ? t.pick(STRATEGIES) : null;
  out.add('reflections', [
    ++ids.reflections, `bench-reflection-${m.id}-${week}`, m.id, m.cohortId, m.pairId, week,
    t.working(), t.notWorking(), t.why(), t.assumption(), t.insight(),
    strategy?.title ?? '', strategy ? t.paragraph(strategy.body, 2) : '', strategy?.tags.replaceAll(' ', '') ?? '',
    // People who write a strategy down mostly want it shared.
    strategy ? consent(rand, 0.2, 0.6) : consent(rand, 0.3, 0.2), cal.at(week, 5),
  ]);
}

function writeGoal(out: BulkWriter, ids: Ids, rand: Rand, m: Mentee, cal: Calendar, aim: string): void {
  const first = ++ids.goals;
  const outcome = rand();
  const recalibrated = outcome >= 0.8;
  const status = outcome < 0.35 ? 'done' : outcome < 0.45 ? 'dropped' : recalibrated ? 'dropped' : 'active';
  const endWeek = Math.min(cal.weeks, 8);
  out.add('goals', [first, `bench-goal-${m.id}-1`, m.id, m.cohortId, m.pairId, 2, `Make real progress on my ${aim}`, 'sessions of focused work', '12 sessions', cal.day(endWeek, 6), status, status === 'active' ? null : cal.day(endWeek, 0), null, cal.at(2, 1)]);
  writeMilestone(out, ids, m, cal, first, 4, 'First six sessions done', 'private');
  if (status === 'done') writeMilestone(out, ids, m, cal, first, endWeek, `Twelve focused sessions on my ${aim}: goal reached`, consent(rand, 0.2, 0.5));
  if (recalibrated) {
    const second = ++ids.goals;
    out.add('goals', [second, `bench-goal-${m.id}-2`, m.id, m.cohortId, m.pairId, 7, `Restart my ${aim} gently`, 'sessions of focused work', '4 sessions', cal.day(cal.weeks, 6), 'active', null, first, cal.at(7, 1)]);
    if (rand() < 0.5) writeMilestone(out, ids, m, cal, second, cal.weeks, 'Back on track: two sessions this week', consent(rand, 0.3, 0.2));
  }
}

function writeMilestone(out: BulkWriter, ids: Ids, m: Mentee, cal: Calendar, goalId: number, week: number, title: string, level: string): void {
  out.add('milestones', [++ids.milestones, `bench-milestone-${m.id}-${goalId}-${week}`, m.id, m.cohortId, goalId, week, title, cal.day(week, 4), level, cal.at(week, 4)]);
}
