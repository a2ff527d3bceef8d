/** A micro-goal: specific, measurable, time-bound. The /goals/ form. */
import { z } from 'zod';
import { consent, date, idempotencyKey, line, optionalRecordChoice, recordChoice } from './fields.ts';

export const goalSchema = z.object({
  idempotency_key: idempotencyKey,
  what: line('What will you do?', 'Specific and small enough for a few weeks, e.g. “Write the method section of chapter 2”.', 300),
  measure: line(
    'How will you measure it?',
    'A goal needs a measure, so you and your partner can tell when it is done, e.g. “words written”.',
    200,
    undefined,
    'A goal needs a measure, so you and your partner can tell when it is done: please say what you will count, e.g. “words written”.',
  ),
  target: line('What is the target?', 'The number or state that means done, e.g. “3,000 words”.', 200),
  due_on: date(
    'By when?',
    'A goal needs a date, so it is time-bound. Pick a day within the next few weeks.',
    'A goal needs a due date, so it is time-bound: please choose a day, like 2027-03-15.',
  ),
  replaces_goal_id: optionalRecordChoice(
    'Does it replace one of your goals?',
    'Recalibrating: if a goal no longer fits, replace it with a better one rather than dropping it. The old goal stays in your history.',
  ),
});

export type GoalInput = z.output<typeof goalSchema>;

/** Changing a goal's status from /me: done or dropped. */
export const goalStatusSchema = z.object({
  goal_id: recordChoice('Goal', 'The goal to update.'),
  status: z.enum(['done', 'dropped'], { error: 'A goal can be marked “done” or “dropped”.' }),
});

/** A milestone reached on the way to a goal. */
export const milestoneSchema = z.object({
  idempotency_key: idempotencyKey,
  goal_id: recordChoice('Goal', 'The goal this milestone belongs to.'),
  title: line('Milestone reached', 'What you reached, e.g. “First full draft”.', 200),
  reached_on: date('Reached on', 'The day you reached it.'),
  consent: consent('Share it as a success story?', 'Private unless you choose otherwise.'),
});

/** A one-click congratulation on a partner's milestone. */
export const congratulationSchema = z.object({
  milestone_id: recordChoice('Milestone', 'The milestone to congratulate your partner on.'),
});
