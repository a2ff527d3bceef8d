/** A micro-goal: specific, measurable, time-bound. The /goals/ form. */
import { z } from 'zod';
import { consent, date, idempotencyKey, line, optionalRecordChoice, problem, recordChoice } from './fields.ts';

export const goalSchema = z.object({
  idempotency_key: idempotencyKey,
  what: line('field.goals.what', 300),
  measure: line('field.goals.measure', 200, 'field.goals.measure.missing'),
  target: line('field.goals.target', 200),
  due_on: date('field.goals.due_on', 'field.goals.due_on.missing'),
  replaces_goal_id: optionalRecordChoice('field.goals.replaces_goal_id'),
});

export type GoalInput = z.output<typeof goalSchema>;

/** Changing a goal's status from /me: done or dropped. */
export const goalStatusSchema = z.object({
  goal_id: recordChoice('field.goalStatus.goal_id'),
  status: z.enum(['done', 'dropped'], { error: problem('field.goalStatus.status.invalid') }),
});

/** A milestone reached on the way to a goal. */
export const milestoneSchema = z.object({
  idempotency_key: idempotencyKey,
  goal_id: recordChoice('field.milestone.goal_id'),
  title: line('field.milestone.title', 200),
  reached_on: date('field.milestone.reached_on'),
  consent: consent('field.milestone.consent'),
});

/** A one-click congratulation on a partner's milestone. */
export const congratulationSchema = z.object({
  milestone_id: recordChoice('field.congratulation.milestone_id'),
});
