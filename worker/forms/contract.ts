/** The partnership contract a pair agrees at kickoff (and renegotiates): the /contract/ form. */
import { z } from 'zod';
import { choice, clockTime, date, idempotencyKey, line, recordChoice, requiredChoice, requiredText, withInitial } from './fields.ts';

/** After how many missed check-ins in a row one step of the ladder is told; skipped: never. */
function ladderStep(label: string, who: string) {
  return choice(label, `Off unless you choose: after how many missed check-ins in a row ${who} gets a message.`, [
    { value: '1', label: 'After 1' },
    { value: '2', label: 'After 2' },
    { value: '3', label: 'After 3' },
    { value: '4', label: 'After 4' },
  ]);
}

/** What pairs agree to do in each session unless they write something else. */
export const DEFAULT_DIALOGUE_FORMAT = 'One concrete action, one win and one challenge from each of us, every session.';

export const contractSchema = z.object({
  idempotency_key: idempotencyKey,
  purpose: requiredText('Why are we partners?', 'The purpose of your partnership in a sentence or two: what you want to help each other do.', 1000),
  cadence_days: requiredChoice(
    'How often do we meet?',
    'Your check-in conversation, on top of the weekly form.',
    [
      { value: '7', label: 'Every week' },
      { value: '14', label: 'Every two weeks' },
    ],
    '7',
  ),
  meeting_day: requiredChoice(
    'On which day?',
    'The usual day; you can move a single meeting without changing the contract.',
    [
      { value: 'monday', label: 'Monday' },
      { value: 'tuesday', label: 'Tuesday' },
      { value: 'wednesday', label: 'Wednesday' },
      { value: 'thursday', label: 'Thursday' },
      { value: 'friday', label: 'Friday' },
      { value: 'saturday', label: 'Saturday' },
      { value: 'sunday', label: 'Sunday' },
    ],
  ),
  meeting_time: clockTime('At what time?', 'In your cohort’s timezone, on a 24-hour clock, e.g. 18:30.'),
  channel: line('Where do we meet?', 'A video call, a phone call, a café — and who sends the invitation.'),
  boundaries: requiredText('Our boundaries', 'What is off-limits, when not to message each other, what stays between you.', 1000),
  success_measure: requiredText('How we will know it works', 'Something you can check, e.g. “8 of 10 check-ins held, both goals met”.', 1000),
  contributions: requiredText('What each of us brings', 'What each partner contributes: skills, time, encouragement, honesty.', 1000),
  dialogue_format: withInitial(requiredText('How each session goes', 'The format you agree on; the usual one is already filled in.', 500), DEFAULT_DIALOGUE_FORMAT),
  escalate_partner_after: ladderStep('When one of us misses check-ins, tell the partner', 'the partner'),
  escalate_facilitator_after: ladderStep('…then our circle’s facilitator', 'the facilitator of your circle'),
  escalate_mentor_after: ladderStep('…then our mentor', 'your mentor'),
  renegotiate_on: date('When we will look at this again', 'A date to review the contract together, e.g. in six weeks.', 'Please choose a date to look at the contract again, like 2027-03-15.'),
});

export type ContractInput = z.output<typeof contractSchema>;

/** A partner confirming the contract version they read on their page. */
export const confirmSchema = z.object({
  contract_id: recordChoice('Contract', 'The contract version you agree to.'),
  revision: recordChoice('Revision', 'The revision of the contract you read.'),
});
