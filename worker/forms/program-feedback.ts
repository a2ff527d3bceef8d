/** What participants think of the program itself, so the mentor can refresh it. */
import { z } from 'zod';
import { message } from '../domain/i18n.ts';
import { idempotencyKey, optionalText, requiredChoice } from './fields.ts';

export const programFeedbackSchema = z.object({
  idempotency_key: idempotencyKey,
  cadence_fit: requiredChoice('field.programFeedback.cadence_fit', [
    { value: 'too-often', label: message('field.programFeedback.cadence_fit.too-often') },
    { value: 'about-right', label: message('field.programFeedback.cadence_fit.about-right') },
    { value: 'too-rare', label: message('field.programFeedback.cadence_fit.too-rare') },
  ]),
  tools: optionalText('field.programFeedback.tools', 2000),
  expectations: optionalText('field.programFeedback.expectations', 2000),
  suggestion: optionalText('field.programFeedback.suggestion', 2000),
});

export type ProgramFeedbackInput = z.output<typeof programFeedbackSchema>;
