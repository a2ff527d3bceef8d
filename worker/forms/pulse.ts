/** The relationship pulse (monthly by default): the /pulse/ form. */
import { z } from 'zod';
import { idempotencyKey, optionalText, requiredScale } from './fields.ts';

export const pulseSchema = z.object({
  idempotency_key: idempotencyKey,
  trust: requiredScale('field.pulse.trust'),
  safety: requiredScale('field.pulse.safety'),
  feedback_ease: requiredScale('field.pulse.feedback_ease'),
  adaptability: requiredScale('field.pulse.adaptability'),
  comment: optionalText('field.pulse.comment', 1000),
});

export type PulseInput = z.output<typeof pulseSchema>;
