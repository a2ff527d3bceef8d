/** The relationship pulse (monthly by default): the /pulse/ form. */
import { z } from 'zod';
import { consent, idempotencyKey, optionalText, scale } from './fields.ts';

/** Weeks between pulses unless a pair chooses otherwise. */
export const PULSE_EVERY_WEEKS = 4;

export const pulseSchema = z.object({
  idempotency_key: idempotencyKey,
  trust: scale('I trust my partner to follow through', '1 not at all, 5 completely.', { required: true }),
  safety: scale('I can say what is really going on without fear', 'Psychological safety: 1 not at all, 5 completely.', { required: true }),
  feedback_ease: scale('Giving and receiving feedback feels easy', '1 very hard, 5 very easy.', { required: true }),
  adaptability: scale('We adjust our plans when things change', '1 never, 5 always.', { required: true }),
  comment: optionalText('Anything you want to add?', 'Private by default: only your mentor reads it unless you choose otherwise.', 1000),
  comment_consent: consent('Who may read your comment?', 'Private unless you choose otherwise.'),
});

export type PulseInput = z.output<typeof pulseSchema>;
