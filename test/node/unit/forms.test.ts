import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkinSchema } from '../../../worker/forms/checkin.ts';
import { fieldErrors, fieldMeta, trimBlank } from '../../../worker/forms/fields.ts';
import { reflectionSchema } from '../../../worker/forms/reflection.ts';
import { translator, type Message } from '../../../worker/domain/i18n.ts';

const checkin = { idempotency_key: 'key-12345', progress: 'Drafted chapter 2', next_step: 'Edit it', committed_action: 'Send it to Bo' };
const reflection = { idempotency_key: 'key-12345', working: 'Mornings', not_working: 'Evenings', why: 'Tired' };

const en = translator('en');

/** Field problems in English words. */
function said(problems: Record<string, Message>): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, en.say(problem)]));
}

/** The field errors of a parse that must fail, in English. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return said(fieldErrors(result.error, en));
}

describe('checkinSchema: good input', () => {
  it('fills in the defaults', () => {
    expect(checkinSchema.parse(checkin)).toEqual({
      ...checkin,
      obstacles: '',
      win: '',
      win_consent: 'private',
      challenge: '',
      decision_reason: '',
      needs_pause: false,
      carry_forward: false,
      challenge_to_circle: false,
    });
  });

  it('needs a committed action unless the last one is carried forward', () => {
    const { committed_action: _, ...without } = checkin;
    const refused = checkinSchema.safeParse(without);
    expect(refused.success).toBe(false);
    expect(said(fieldErrors(refused.error!, en))).toEqual({ committed_action: 'Please write one concrete action for the next cycle, or carry last time’s action forward.' });
    expect(checkinSchema.safeParse({ ...without, carry_forward: 'yes' }).success).toBe(true);
  });

  it('leaves energy and last_action_done undefined when not sent', () => {
    const data = checkinSchema.parse(checkin);
    expect(data.energy).toBeUndefined();
    expect(data.last_action_done).toBeUndefined();
  });

  it('coerces the energy string "4" to 4', () => {
    expect(checkinSchema.parse({ ...checkin, energy: '4' }).energy).toBe(4);
  });

  it('treats an empty energy as skipped', () => {
    expect(checkinSchema.parse({ ...checkin, energy: '' }).energy).toBeUndefined();
  });

  it.each(['yes', 'on'])('reads needs_pause %j as true', (value) => {
    expect(checkinSchema.parse({ ...checkin, needs_pause: value }).needs_pause).toBe(true);
  });

  it.each(['', 'no'])('reads needs_pause %j as false', (value) => {
    expect(checkinSchema.parse({ ...checkin, needs_pause: value }).needs_pause).toBe(false);
  });

  it('turns an empty optional choice into undefined', () => {
    expect(checkinSchema.parse({ ...checkin, last_action_done: '' }).last_action_done).toBeUndefined();
  });

  it('accepts text exactly at the maximum length', () => {
    expect(checkinSchema.parse({ ...checkin, committed_action: 'x'.repeat(500) }).committed_action).toHaveLength(500);
  });
});

describe('checkinSchema: bad input', () => {
  it('refuses energy 6', () => {
    expect(errorsOf(checkinSchema, { ...checkin, energy: '6' })).toEqual({ energy: '“Your energy this week” must be from 1 to 5.' });
  });

  it('refuses energy 3.5', () => {
    expect(errorsOf(checkinSchema, { ...checkin, energy: '3.5' })).toEqual({ energy: '“Your energy this week” must be a whole number from 1 to 5.' });
  });

  it('refuses energy "abc"', () => {
    expect(errorsOf(checkinSchema, { ...checkin, energy: 'abc' })).toEqual({ energy: '“Your energy this week” must be a number from 1 to 5.' });
  });

  it('refuses last_action_done "maybe"', () => {
    expect(errorsOf(checkinSchema, { ...checkin, last_action_done: 'maybe' })).toEqual({
      last_action_done: 'Please choose one of the answers for “Did you do the action you committed to last time?”.',
    });
  });

  it('refuses a needs_pause it cannot read', () => {
    expect(Object.keys(errorsOf(checkinSchema, { ...checkin, needs_pause: 'maybe' }))).toEqual(['needs_pause']);
  });

  it('refuses text over its maximum length', () => {
    expect(errorsOf(checkinSchema, { ...checkin, committed_action: 'x'.repeat(501) })).toEqual({
      committed_action: 'Please keep “One concrete action you commit to before the next check-in” to 500 characters or fewer.',
    });
  });

  it('refuses whitespace-only required text', () => {
    expect(errorsOf(checkinSchema, { ...checkin, progress: '   ' })).toEqual({ progress: 'Please fill in “What moved forward since your last check-in?”.' });
  });

  it('refuses a malformed idempotency key', () => {
    expect(errorsOf(checkinSchema, { ...checkin, idempotency_key: 'short' })).toEqual({
      idempotency_key: 'The idempotency_key must be 8–100 letters, digits, - or _.',
    });
  });

  it('names every missing required field', () => {
    expect(Object.keys(errorsOf(checkinSchema, {})).sort()).toEqual(['committed_action', 'idempotency_key', 'next_step', 'progress']);
  });
});

describe('reflectionSchema', () => {
  it('fills in the defaults', () => {
    expect(reflectionSchema.parse(reflection)).toEqual({
      ...reflection,
      assumption: '',
      insight: '',
      strategy_title: '',
      strategy_body: '',
      strategy_tags: '',
      consent: 'private',
    });
  });

  it('accepts a strategy with both a title and a body', () => {
    const data = reflectionSchema.parse({ ...reflection, strategy_title: 'Two-minute start', strategy_body: 'Start for two minutes.' });
    expect([data.strategy_title, data.strategy_body]).toEqual(['Two-minute start', 'Start for two minutes.']);
  });

  it('reports strategy_body when a title comes without a body', () => {
    expect(errorsOf(reflectionSchema, { ...reflection, strategy_title: 'Two-minute start' })).toEqual({
      strategy_body: 'A shared strategy needs both a name and how it works (or leave both empty).',
    });
  });

  it('reports strategy_body even when another field is also bad', () => {
    expect(Object.keys(errorsOf(reflectionSchema, { ...reflection, working: '', strategy_title: 'Two-minute start' })).sort()).toEqual([
      'strategy_body',
      'working',
    ]);
  });

  // The strategy rule runs even when other checks fail (`when`), so it must cope with a non-object.
  it('returns an error (not a throw) for a null body', () => {
    expect(reflectionSchema.safeParse(null).success).toBe(false);
  });
});

describe('fieldMeta', () => {
  it('reads a required text field: its words are catalogue keys', () => {
    const meta = fieldMeta(checkinSchema.shape.progress);
    expect(meta).toEqual({ label: 'field.checkin.progress.label', hint: 'field.checkin.progress.hint', control: 'textarea', required: true, maxLength: 2000 });
    expect(en(meta.label)).toBe('What moved forward since your last check-in?');
    expect(en(meta.hint)).toBe('Facts first: what you did, finished or learned.');
  });

  it('reads a scale field', () => {
    expect(fieldMeta(checkinSchema.shape.energy)).toMatchObject({ label: 'field.checkin.energy.label', control: 'scale', required: false });
  });

  it('reads a choice field with its options', () => {
    const meta = fieldMeta(checkinSchema.shape.last_action_done);
    expect(meta.control).toBe('radio');
    expect(meta.options?.map((o) => o.value)).toEqual(['yes', 'partly', 'no']);
    expect(meta.options?.map((o) => translator('es').say(o.label))).toEqual(['Sí', 'En parte', 'No']);
  });

  it('throws for a field declared without metadata', () => {
    expect(() => fieldMeta(checkinSchema.shape.idempotency_key)).toThrow('form field declared without metadata');
  });
});

describe('trimBlank', () => {
  it('trims spaces and zero-width characters from both ends, so text of only those is empty', () => {
    expect(trimBlank('\u200B \u200C\u200D\u2060\uFEFF\n')).toBe('');
    expect(trimBlank('\u200B Ready \u2060')).toBe('Ready');
  });

  it('keeps them inside text, as typed', () => {
    expect(trimBlank(' 👩‍💻 a\u200Bb ')).toBe('👩‍💻 a\u200Bb');
  });
});
