/** The weekly check-in form: one schema for the Worker's validation and the /checkin/ page. */
import { z } from 'zod';
import { message } from '../domain/i18n.ts';
import { choice, consent, flag, idempotencyKey, neededUnless, optionalText, problem, requiredText, scale } from './fields.ts';

export const checkinSchema = z.object({
  idempotency_key: idempotencyKey,
  last_action_done: choice('field.checkin.last_action_done', [
    { value: 'yes', label: message('field.checkin.last_action_done.yes') },
    { value: 'partly', label: message('field.checkin.last_action_done.partly') },
    { value: 'no', label: message('field.checkin.last_action_done.no') },
  ]),
  progress: requiredText('field.checkin.progress'),
  obstacles: optionalText('field.checkin.obstacles'),
  next_step: requiredText('field.checkin.next_step'),
  carry_forward: flag('field.checkin.carry_forward'),
  committed_action: neededUnless(optionalText('field.checkin.committed_action', 500), 'field.checkin.committed_action.whenNeeded'),
  win: optionalText('field.checkin.win', 1000),
  win_consent: consent('field.checkin.win_consent'),
  challenge: optionalText('field.checkin.challenge', 1000),
  challenge_to_circle: flag('field.checkin.challenge_to_circle'),
  decision_reason: optionalText('field.checkin.decision_reason', 1000),
  energy: scale('field.checkin.energy'),
  needs_pause: flag('field.checkin.needs_pause'),
}).refine((c) => c?.carry_forward === true || (typeof c?.committed_action === 'string' && c.committed_action !== ''), {
  message: problem('field.checkin.committed_action.missing'),
  path: ['committed_action'],
  // Checked even when other fields have problems, so every problem is reported at once.
  when: () => true,
});

export type CheckinInput = z.output<typeof checkinSchema>;
