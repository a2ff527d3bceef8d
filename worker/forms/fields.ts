/**
 * Building blocks of the form schemas. Each field is a zod schema carrying, in its metadata, what
 * the form page needs to render it (label, hint, control), so the Worker that validates a post
 * and the page that renders the form read one definition.
 */
import { z } from 'zod';
import { CONSENT_LABELS, CONSENT_LEVELS, DEFAULT_CONSENT } from '../domain/consent.ts';
import { isIsoDate } from '../domain/weeks.ts';
import { translator } from '../domain/i18n.ts';
import { DEFAULT_LOCALE } from '../domain/locales.ts';

export type Control = 'textarea' | 'input' | 'radio' | 'checkbox' | 'scale';

export interface Option {
  value: string;
  label: string;
}

export interface FieldMeta {
  label: string;
  hint?: string;
  control: Control;
  required: boolean;
  maxLength?: number;
  /** The input's type, for control 'input'. */
  inputType?: 'text' | 'date' | 'time';
  /** Fixed answers; absent on a radio whose answers the Worker fills in per participant. */
  options?: readonly Option[];
  /** A default answer the page shows already filled in. */
  initial?: string;
  /** What the label says instead of "(optional)" for a field needed only in some cases. */
  whenNeeded?: string;
}

function withMeta<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta(meta as unknown as Record<string, unknown>) as T;
}

/** The same field, labelled as needed in some cases (e.g. "unless you carry last time's forward"). */
export function neededUnless<T extends z.ZodType>(schema: T, whenNeeded: string): T {
  return withMeta(schema, { ...fieldMeta(schema), whenNeeded });
}

/** The same field, shown already filled in with `initial`. */
export function withInitial<T extends z.ZodType>(schema: T, initial: string): T {
  return withMeta(schema, { ...fieldMeta(schema), initial });
}

/** Reads the rendering metadata a field was declared with. */
export function fieldMeta(schema: z.ZodType): FieldMeta {
  const meta = schema.meta() as FieldMeta | undefined;
  if (!meta?.label) throw new Error('form field declared without metadata');
  return meta;
}

/** Whitespace (`\s` covers U+FEFF) and the zero-width characters a paste or a phone keyboard leaves behind. */
const BLANK = /[\s\u200B\u200C\u200D\u2060]/;

/**
 * Text without the blanks at either end, so that text made only of spaces and zero-width
 * characters counts as empty; inside text they stay as typed (a joiner binds an emoji sequence).
 * Not String.prototype.trim, which does not know zero-width characters; a loop rather than an
 * anchored regex, whose backtracking on a long run of blanks takes quadratic time.
 */
export function trimBlank(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && BLANK.test(text[start]!)) start++;
  while (end > start && BLANK.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Text as a form field holds it: trimmed of blanks (trimBlank). */
function text(error: string) {
  return z.string({ error }).overwrite(trimBlank);
}

/** Free text the participant must fill in. */
export function requiredText(label: string, hint: string, maxLength = 2000) {
  return withMeta(
    text(`Please fill in “${label}”.`)
      .min(1, `Please fill in “${label}”.`)
      .max(maxLength, `Please keep “${label}” to ${maxLength} characters or fewer.`),
    { label, hint, control: 'textarea', required: true, maxLength },
  );
}

/** Free text the participant may leave empty; stored as ''. */
export function optionalText(label: string, hint: string, maxLength = 2000) {
  return withMeta(
    text(`“${label}” must be text.`)
      .max(maxLength, `Please keep “${label}” to ${maxLength} characters or fewer.`)
      .default(''),
    { label, hint, control: 'textarea', required: false, maxLength },
  );
}

/** One answer out of a fixed set, which the participant may skip (`''` becomes undefined). */
export function choice<const V extends readonly [string, ...string[]]>(
  label: string,
  hint: string,
  options: { [K in keyof V]: { value: V[K]; label: string } },
) {
  const values = options.map((o) => o.value) as unknown as V;
  return withMeta(
    z.preprocess(blankToUndefined, z.enum(values, { error: `Please choose one of the answers for “${label}”.` }).optional()),
    { label, hint, control: 'radio', required: false, options },
  );
}

/** One answer out of a fixed set, which the participant must give. */
export function requiredChoice<const V extends readonly [string, ...string[]]>(
  label: string,
  hint: string,
  options: { [K in keyof V]: { value: V[K]; label: string } },
  initial?: V[number],
) {
  const values = options.map((o) => o.value) as unknown as V;
  return withMeta(z.preprocess(blankToUndefined, z.enum(values, { error: `Please choose an answer for “${label}”.` })), {
    label,
    hint,
    control: 'radio',
    required: true,
    options,
    initial,
  });
}

/** A short one-line answer the participant must give; `missing` says why it is needed. */
export function line(label: string, hint: string, maxLength = 200, initial?: string, missing = `Please fill in “${label}”.`) {
  return withMeta(
    text(missing)
      .min(1, missing)
      .max(maxLength, `Please keep “${label}” to ${maxLength} characters or fewer.`),
    { label, hint, control: 'input', inputType: 'text', required: true, maxLength, initial },
  );
}

/** A calendar date, YYYY-MM-DD (what a browser's date input sends). */
export function date(label: string, hint: string, missing = `Please give a date for “${label}”, like 2027-03-15.`) {
  return withMeta(
    z
      .string({ error: missing })
      .trim()
      .min(1, missing)
      .refine(isIsoDate, `“${label}” must be a real date written like 2027-03-15.`),
    { label, hint, control: 'input', inputType: 'date', required: true },
  );
}

/** A time of day, HH:MM on a 24-hour clock (what a browser's time input sends). */
export function clockTime(label: string, hint: string) {
  return withMeta(
    z
      .string({ error: `Please give a time for “${label}”, like 18:30.` })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `“${label}” must be a time like 18:30.`),
    { label, hint, control: 'input', inputType: 'time', required: true },
  );
}

/** The id of a record the Worker offers as answers (e.g. whom feedback is for). */
export function recordChoice(label: string, hint: string) {
  return withMeta(z.preprocess(toNumber, recordId(label)), { label, hint, control: 'radio', required: true });
}

/** Like recordChoice, but the participant may choose none. */
export function optionalRecordChoice(label: string, hint: string) {
  return withMeta(z.preprocess(toNumber, recordId(label).optional()), { label, hint, control: 'radio', required: false });
}

function recordId(label: string) {
  const message = `Please choose one of the answers for “${label}”.`;
  return z.number({ error: message }).int(message).positive(message);
}

/** Form posts send numbers as text; JSON may send either. Nothing else becomes a number. */
function toNumber(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : blankToUndefined(value);
}

/** Who may read a piece of free text; private unless the author chooses otherwise. */
export function consent(label: string, hint: string) {
  return withMeta(
    z.preprocess(blankToUndefined, z.enum(CONSENT_LEVELS, { error: `Please choose who may read this (“${label}”).` }).default(DEFAULT_CONSENT)),
    { label, hint, control: 'radio', required: false, options: CONSENT_LEVELS.map((value) => ({ value, label: translator(DEFAULT_LOCALE)(CONSENT_LABELS[value]) })), initial: DEFAULT_CONSENT },
  );
}

function rating(label: string) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? `Please choose a number from 1 to 5 for “${label}”.` : `“${label}” must be a number from 1 to 5.`) })
    .int(`“${label}” must be a whole number from 1 to 5.`)
    .min(1, `“${label}” must be from 1 to 5.`)
    .max(5, `“${label}” must be from 1 to 5.`);
}

/** A 1–5 rating the participant may skip. */
export function scale(label: string, hint: string) {
  return withMeta(z.preprocess(toNumber, rating(label).optional()), { label, hint, control: 'scale', required: false });
}

/** A 1–5 rating the participant must give. */
export function requiredScale(label: string, hint: string) {
  return withMeta(z.preprocess(toNumber, rating(label)), { label, hint, control: 'scale', required: true });
}

/** A yes/no checkbox: present ("on", "true", "yes", "1", true) means yes, absent means no. */
export function flag(label: string, hint: string) {
  return withMeta(
    z.preprocess(
      (value) => (value === undefined || value === '' ? false : value),
      z.union([z.boolean(), z.enum(['on', 'true', 'yes', '1', 'false', 'no', '0'])], {
        error: `“${label}” must be ticked or left empty.`,
      }).transform((value) => value === true || value === 'on' || value === 'true' || value === 'yes' || value === '1'),
    ),
    { label, hint, control: 'checkbox', required: false },
  );
}

/**
 * The key that makes a retried post store one record: the Worker puts a fresh one in every form
 * it serves; API clients send their own (a UUID is fine).
 */
export const idempotencyKey = z
  .string({ error: 'Send an idempotency_key (8–100 letters, digits, - or _) so a retry is not stored twice.' })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, 'The idempotency_key must be 8–100 letters, digits, - or _.');

function blankToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/** Turns zod issues into the `fields` map of the error envelope: the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : '_form';
    fields[name] ??= issue.message;
  }
  return fields;
}
