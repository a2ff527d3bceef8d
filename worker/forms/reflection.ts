/** The reflection form: one schema for the Worker's validation and the /reflect/ page. */
import { z } from 'zod';
import { PUBLISHABLE } from '../domain/consent.ts';
import { consent, idempotencyKey, optionalText, problem, recordChoice, requiredText } from './fields.ts';

export const reflectionSchema = z
  .object({
    idempotency_key: idempotencyKey,
    working: requiredText('field.reflect.working'),
    not_working: requiredText('field.reflect.not_working'),
    why: requiredText('field.reflect.why'),
    assumption: optionalText('field.reflect.assumption', 1000),
    insight: optionalText('field.reflect.insight', 1000),
    strategy_title: optionalText('field.reflect.strategy_title', 120),
    strategy_body: optionalText('field.reflect.strategy_body', 4000),
    strategy_tags: optionalText('field.reflect.strategy_tags', 200),
    consent: consent('field.reflect.consent'),
  })
  .refine((r) => !r?.strategy_title === !r?.strategy_body, {
    message: problem('field.reflect.strategy.incomplete'),
    path: ['strategy_body'],
    // Check this even when other fields have problems, so every problem is reported at once.
    when: () => true,
  });

export type ReflectionInput = z.output<typeof reflectionSchema>;

/** Withdrawing consent from one published item, from the participant's page. */
export const withdrawalSchema = z.object({
  kind: z.enum(PUBLISHABLE, { error: problem('field.withdrawal.kind.invalid') }),
  id: recordChoice('field.withdrawal.id'),
});

/** Choosing again who may read one of one's own items: sharing it, or making it private. */
export const consentChangeSchema = z.object({
  kind: z.enum(PUBLISHABLE, { error: problem('field.consentChange.kind.invalid') }),
  id: recordChoice('field.consentChange.id'),
  consent: consent('field.consentChange.consent'),
});
