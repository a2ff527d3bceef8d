/** fast-check arbitraries of hostile input, shared by the property tests (Node and workerd). */
import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Text of every kind: printable unicode, any code point, broken UTF-16, blank, empty and huge. */
export const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: codeUnit, maxLength: 30 }),
  fc.constantFrom('', ' ', '\t\n', '0', '-1', '1e3', 'NaN', 'true', 'null', '__proto__', '<script>alert(1)</script>', "' OR 1=1 --"),
  fc.integer({ min: 1000, max: 40_000 }).map((n) => 'x'.repeat(n)),
);

/** Any value a JSON body or a form field may hold. */
export const anyValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(anyText, anyText, { maxKeys: 3 }),
);

/** An object with some of a form's fields (and some others), each holding any value. */
export function anyBody(fieldNames: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const name = fc.oneof(fc.constantFrom(...fieldNames), fc.constantFrom('token', 'website', 'constructor', '__proto__'), anyText);
  return fc.dictionary(name, anyValue, { maxKeys: fieldNames.length + 3 });
}

const key = () => `key-${Math.random().toString(36).slice(2, 12)}`;

/** A valid body of each form, by the name of its schema (ids are small numbers a test cohort has). */
export const VALID_BODIES: Record<string, () => Record<string, string>> = {
  checkinSchema: () => ({ idempotency_key: key(), progress: 'Drafted chapter 2', next_step: 'Edit it', committed_action: 'Send it to Bo' }),
  reflectionSchema: () => ({ idempotency_key: key(), working: 'Mornings', not_working: 'Evenings', why: 'Tired' }),
  withdrawalSchema: () => ({ kind: 'win', id: '1' }),
  contractSchema: () => ({
    idempotency_key: key(), purpose: 'Finish our theses.', cadence_days: '7', meeting_day: 'tuesday', meeting_time: '18:30', channel: 'Video call',
    boundaries: 'No messages after 21:00.', success_measure: '8 of 10 check-ins held.', contributions: 'Structure and encouragement.',
    dialogue_format: 'One action, one win, one challenge.', renegotiate_on: '2026-03-01',
  }),
  confirmSchema: () => ({ contract_id: '1', revision: '1' }),
  goalSchema: () => ({ idempotency_key: key(), what: 'Write the method section', measure: 'words written', target: '3,000 words', due_on: '2026-02-15' }),
  goalStatusSchema: () => ({ goal_id: '1', status: 'done' }),
  milestoneSchema: () => ({ idempotency_key: key(), goal_id: '1', title: 'First draft', reached_on: '2026-02-01' }),
  feedbackSchema: () => ({ idempotency_key: key(), receiver_id: '2', behaviour: 'You named one obstacle.', impact: 'We got going.', next_step: 'Do it again.' }),
  ratingSchema: () => ({ feedback_id: '1', usefulness: '4' }),
  pulseSchema: () => ({ idempotency_key: key(), trust: '4', safety: '4', feedback_ease: '3', adaptability: '5' }),
  programFeedbackSchema: () => ({ idempotency_key: key(), cadence_fit: 'about-right' }),
};

/** A valid body with some fields replaced, and some added, by any values. */
export function nearlyValidBody(schemaName: string, fieldNames: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return anyBody(fieldNames).map((changes) => ({ ...VALID_BODIES[schemaName]!(), ...changes }));
}
