/** The reflection form: one schema for the Worker's validation and the /reflect/ page. */
import { z } from 'zod';
import { PUBLISHABLE } from '../domain/consent.ts';
import { consent, idempotencyKey, optionalText, recordChoice, requiredText } from './fields.ts';

export const reflectionSchema = z
  .object({
    idempotency_key: idempotencyKey,
    working: requiredText('What is working?', 'In your partnership, your habits or your goal — what would you keep doing?'),
    not_working: requiredText('What is not working?', 'Be as candid as you like: this stays private unless you choose otherwise below.'),
    why: requiredText('Why do you think that is?', 'Your best explanation for both; a guess is fine.'),
    assumption: optionalText('An assumption you noticed', 'Something you took for granted and now question.', 1000),
    insight: optionalText('An insight to carry forward', 'One sentence you would tell the next cohort.', 1000),
    strategy_title: optionalText('A strategy worth sharing — its name', 'Optional. A short title, e.g. “Two-minute start”.', 120),
    strategy_body: optionalText('How the strategy works', 'Steps someone else could follow.', 4000),
    strategy_tags: optionalText('Tags for the strategy', 'Optional, separated by commas, e.g. focus, habits.', 200),
    consent: consent('Who may read this reflection?', 'Private unless you choose otherwise. Published text shows your display name only, never your e-mail.'),
  })
  .refine((r) => !r?.strategy_title === !r?.strategy_body, {
    message: 'A shared strategy needs both a name and how it works (or leave both empty).',
    path: ['strategy_body'],
    // Check this even when other fields have problems, so every problem is reported at once.
    when: () => true,
  });

export type ReflectionInput = z.output<typeof reflectionSchema>;

/** Withdrawing consent from one published item, from the participant's page. */
export const withdrawalSchema = z.object({
  kind: z.enum(PUBLISHABLE, { error: 'Say what to withdraw: a win, a reflection or a milestone.' }),
  id: recordChoice('Item', 'The item to make private again.'),
});

/** Choosing again who may read one of one's own items: sharing it, or making it private. */
export const consentChangeSchema = z.object({
  kind: z.enum(PUBLISHABLE, { error: 'Say what to change: a win, a reflection or a milestone.' }),
  id: recordChoice('Item', 'The item whose readers change.'),
  consent: consent('Who may read it?', 'Private, your cohort, or public.'),
});
