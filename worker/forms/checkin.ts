/** The weekly check-in form: one schema for the Worker's validation and the /checkin/ page. */
import { z } from 'zod';
import { choice, consent, flag, idempotencyKey, neededUnless, optionalText, requiredText, scale } from './fields.ts';

export const checkinSchema = z.object({
  idempotency_key: idempotencyKey,
  last_action_done: choice('Did you do the action you committed to last time?', 'Skip this in your first week.', [
    { value: 'yes', label: 'Yes' },
    { value: 'partly', label: 'Partly' },
    { value: 'no', label: 'No' },
  ]),
  progress: requiredText('What moved forward since your last check-in?', 'Facts first: what you did, finished or learned.'),
  obstacles: optionalText('What got in the way?', 'Name the obstacle, not the blame. Leave empty if nothing did.'),
  next_step: requiredText('What is your next step?', 'The next thing you will work on, in a sentence.'),
  carry_forward: flag(
    'Carry last time’s action forward',
    'If you answered “no” or “partly”, keep the same action for the next cycle instead of writing a new one below.',
  ),
  committed_action: neededUnless(
    optionalText(
      'One concrete action you commit to before the next check-in',
      'Small enough to finish, specific enough that your partner can ask “did you?”. Leave it empty only when you carry last time’s action forward.',
      500,
    ),
    'unless you carry last time’s forward',
  ),
  win: optionalText('A win worth celebrating', 'Big or small. A win you share with your cohort is on its members-only page; one you share publicly, on the cohort’s story page too.', 1000),
  win_consent: consent('Who may read your win?', 'Private unless you choose otherwise. You can change who may read it later, on your history page.'),
  challenge: optionalText('A challenge you would like feedback on', 'Your partner and your mentor see it; it is never published.', 1000),
  challenge_to_circle: flag('Ask my circle too', 'Your challenge is also listed on your circle’s page this cycle, for the circle’s feedback.'),
  decision_reason: optionalText('Why did you decide what you decided?', 'The reason behind a choice you made this week, if any.', 1000),
  energy: scale('Your energy this week', '1 is running on empty, 5 is full of energy.'),
  needs_pause: flag('We need a pause', 'Tick this if your pair needs to pause for a while; your mentor sees it with your check-in. A pause is not a failure.'),
}).refine((c) => c?.carry_forward === true || (typeof c?.committed_action === 'string' && c.committed_action !== ''), {
  message: 'Please write one concrete action for the next cycle, or carry last time’s action forward.',
  path: ['committed_action'],
  // Checked even when other fields have problems, so every problem is reported at once.
  when: () => true,
});

export type CheckinInput = z.output<typeof checkinSchema>;
