/** What participants think of the program itself, so the mentor can refresh it. */
import { z } from 'zod';
import { idempotencyKey, optionalText, requiredChoice } from './fields.ts';

export const programFeedbackSchema = z.object({
  idempotency_key: idempotencyKey,
  cadence_fit: requiredChoice('Is the weekly rhythm right for you?', 'Check-ins, meetings and reflections together.', [
    { value: 'too-often', label: 'Too often' },
    { value: 'about-right', label: 'About right' },
    { value: 'too-rare', label: 'Not often enough' },
  ]),
  tools: optionalText('Which tools help, and which get in the way?', 'The forms, the templates, the library, the circle meetings…', 2000),
  expectations: optionalText('Is what is expected of you clear and fair?', 'Where the program asks too much, too little, or is unclear.', 2000),
  suggestion: optionalText('One change you would make', 'For your mentor only; never published.', 2000),
});

export type ProgramFeedbackInput = z.output<typeof programFeedbackSchema>;
