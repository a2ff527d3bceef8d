/** The relationship pulse (monthly by default): the /pulse/ form. */
import { z } from 'zod';
import { idempotencyKey, optionalText, requiredScale } from './fields.ts';


export const pulseSchema = z.object({
  idempotency_key: idempotencyKey,
  trust: requiredScale('I trust my partner to follow through', '1 not at all, 5 completely.'),
  safety: requiredScale('I can say what is really going on without fear', 'Psychological safety: 1 not at all, 5 completely.'),
  feedback_ease: requiredScale('Giving and receiving feedback feels easy', '1 very hard, 5 very easy.'),
  adaptability: requiredScale('We adjust our plans when things change', '1 never, 5 always.'),
  comment: optionalText('Anything you want to add?', 'Private: only your mentor reads it. It is never published.', 1000),
});

export type PulseInput = z.output<typeof pulseSchema>;
