/** Every form schema, fed anything: it answers (never throws), names real fields, and keeps its limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkinSchema } from '../../../worker/forms/checkin.ts';
import { confirmSchema, contractSchema } from '../../../worker/forms/contract.ts';
import { feedbackSchema, ratingSchema } from '../../../worker/forms/feedback.ts';
import { translator } from '../../../worker/domain/i18n.ts';
import { fieldErrors } from '../../../worker/forms/fields.ts';
import { goalSchema, goalStatusSchema, milestoneSchema } from '../../../worker/forms/goal.ts';
import { programFeedbackSchema } from '../../../worker/forms/program-feedback.ts';
import { pulseSchema } from '../../../worker/forms/pulse.ts';
import { reflectionSchema, withdrawalSchema } from '../../../worker/forms/reflection.ts';
import { anyBody, anyValue, nearlyValidBody, VALID_BODIES } from './arbitraries.ts';

const en = translator('en');

const SCHEMAS = {
  checkinSchema,
  reflectionSchema,
  withdrawalSchema,
  contractSchema,
  confirmSchema,
  goalSchema,
  goalStatusSchema,
  milestoneSchema,
  feedbackSchema,
  ratingSchema,
  pulseSchema,
  programFeedbackSchema,
};

/** The object schema under a schema with refinements (reflectionSchema is a refined object). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  throw new Error('not an object schema');
}

/** The declared maximum length of each text field (from the form metadata). */
function maxLengths(shape: Record<string, z.ZodType>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(shape).flatMap(([name, field]) => {
      const max = (field.meta() as { maxLength?: number } | undefined)?.maxLength;
      return max === undefined ? [] : [[name, max]];
    }),
  );
}

describe.each(Object.entries(SCHEMAS))('%s', (name, schema) => {
  const shape = shapeOf(schema);
  const names = Object.keys(shape);
  const someBody = fc.oneof(anyBody(names), nearlyValidBody(name, names));

  it('takes its valid example, and ignores fields it does not have', () => {
    fc.assert(
      fc.property(anyBody(['token', 'website', 'extra']).filter((extra) => Object.keys(extra).every((k) => !names.includes(k))), (extra) => {
        const valid = VALID_BODIES[name]!();
        expect(schema.parse({ ...valid, ...extra })).toEqual(schema.parse(valid));
      }),
      { numRuns: 100 },
    );
  });

  it('answers any value with a result, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.anything()), (input) => {
        expect(typeof schema.safeParse(input).success).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('names only its own fields in errors, each with a message', () => {
    fc.assert(
      fc.property(someBody, (body) => {
        const result = schema.safeParse(body);
        if (result.success) return;
        for (const [field, problem] of Object.entries(fieldErrors(result.error, en))) {
          expect([...names, '_form']).toContain(field);
          // A message of the catalogue written for this problem, never the catch-all.
          expect(problem.key).not.toBe('field.error.invalid');
          expect(en.say(problem).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps only its own fields, each text within its limit', () => {
    const limits = maxLengths(shape);
    let accepted = 0;
    fc.assert(
      fc.property(someBody, (body) => {
        const result = schema.safeParse(body);
        if (!result.success) return;
        accepted++;
        const data = result.data as Record<string, unknown>;
        for (const field of Object.keys(data)) expect(names).toContain(field);
        for (const [field, max] of Object.entries(limits)) {
          if (typeof data[field] === 'string') expect((data[field] as string).length).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 200 },
    );
    // Not vacuous: some of the nearly valid bodies pass.
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('required text', () => {
  it('is never satisfied by blanks alone', () => {
    const base = { idempotency_key: 'key-12345', progress: 'p', next_step: 'n', committed_action: 'a' };
    const blank = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff') });
    fc.assert(
      fc.property(fc.constantFrom('progress', 'next_step'), blank, (field, value) => {
        const result = checkinSchema.safeParse({ ...base, [field]: value });
        expect(result.success).toBe(false);
        expect(Object.keys(fieldErrors(result.error!, en))).toContain(field);
      }),
      { numRuns: 100 },
    );
  });
});
