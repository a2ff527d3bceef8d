/**
 * Building blocks of the form schemas. Each field is a zod schema carrying, in its metadata, what
 * the form page needs to render it (label, hint, control), so the Worker that validates a post
 * and the page that renders the form read one definition. Every word is a catalogue key
 * (worker/messages/…/forms.json): a field declared as `field.checkin.progress` is labelled by
 * `field.checkin.progress.label` and explained by `field.checkin.progress.hint`, and its problems
 * are messages, put into words in the language of whoever reads them.
 */
import { z } from 'zod';
import { CONSENT_LABELS, CONSENT_LEVELS, DEFAULT_CONSENT } from '../domain/consent.ts';
import { isIsoDate } from '../domain/weeks.ts';
import { message, type Message, type MessageKey, type MessageValues, type Translator } from '../domain/i18n.ts';

export type Control = 'textarea' | 'input' | 'radio' | 'checkbox' | 'scale';

/** An answer to choose, in words (the participant's own records, filled in by the Worker). */
export interface Option {
  value: string;
  label: string;
}

/** An answer of a fixed set, its label a message. */
export interface ChoiceOption<V extends string = string> {
  value: V;
  label: Message;
}

/** A field's name in the catalogue: the part before `.label` of a key that also has a `.hint`. */
export type FieldKey = {
  [K in MessageKey]: K extends `${infer Base}.label` ? (`${Base}.hint` extends MessageKey ? Base : never) : never;
}[MessageKey];

export interface FieldMeta {
  label: MessageKey;
  hint: MessageKey;
  control: Control;
  required: boolean;
  maxLength?: number;
  /** The input's type, for control 'input'. */
  inputType?: 'text' | 'date' | 'time';
  /** Fixed answers; absent on a radio whose answers the Worker fills in per participant. */
  options?: readonly ChoiceOption[];
  /** A default answer the page shows already filled in: a message, written in the page's language. */
  initial?: string | Message;
  /** What the label says instead of "(optional)" for a field needed only in some cases. */
  whenNeeded?: MessageKey;
}

function withMeta<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta(meta as unknown as Record<string, unknown>) as T;
}

/** The label and hint keys of field `key`. */
function words(key: FieldKey): Pick<FieldMeta, 'label' | 'hint'> {
  return { label: `${key}.label` as MessageKey, hint: `${key}.hint` as MessageKey };
}

/** The same field, labelled as needed in some cases (e.g. "unless you carry last time's forward"). */
export function neededUnless<T extends z.ZodType>(schema: T, whenNeeded: MessageKey): T {
  return withMeta(schema, { ...fieldMeta(schema), whenNeeded });
}

/** The same field, shown already filled in with `initial` (a message: the page's language writes it). */
export function withInitial<T extends z.ZodType>(schema: T, initial: Message): T {
  return withMeta(schema, { ...fieldMeta(schema), initial });
}

/** Reads the rendering metadata a field was declared with. */
export function fieldMeta(schema: z.ZodType): FieldMeta {
  const meta = schema.meta() as FieldMeta | undefined;
  if (!meta?.label) throw new Error('form field declared without metadata');
  return meta;
}

/** A field's default answer in words. */
export function initialOf(meta: FieldMeta, t: Translator): string | undefined {
  return typeof meta.initial === 'object' ? t.say(meta.initial) : meta.initial;
}

/**
 * A problem as a zod issue carries it: a message, written as JSON because zod keeps issue messages
 * as strings. A `label` among its values is the field's label key, put into words with the rest
 * (fieldErrors).
 */
export function problem(key: MessageKey, values?: MessageValues): string {
  return JSON.stringify(message(key, values));
}

/** The problem "“{label}” …" of the field labelled `label`. */
function about(key: MessageKey, label: MessageKey, values: MessageValues = {}): string {
  return problem(key, { ...values, label });
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

function tooLong(label: MessageKey, maxLength: number): string {
  return about('field.error.tooLong', label, { max: maxLength });
}

/** Free text the participant must fill in. */
export function requiredText(key: FieldKey, maxLength = 2000) {
  const { label, hint } = words(key);
  const missing = about('field.error.required', label);
  return withMeta(text(missing).min(1, missing).max(maxLength, tooLong(label, maxLength)), { label, hint, control: 'textarea', required: true, maxLength });
}

/** Free text the participant may leave empty; stored as ''. */
export function optionalText(key: FieldKey, maxLength = 2000) {
  const { label, hint } = words(key);
  return withMeta(text(about('field.error.text', label)).max(maxLength, tooLong(label, maxLength)).default(''), { label, hint, control: 'textarea', required: false, maxLength });
}

/** One answer out of a fixed set, which the participant may skip (`''` becomes undefined). */
export function choice<const V extends readonly [string, ...string[]]>(key: FieldKey, options: { [K in keyof V]: ChoiceOption<V[K]> }) {
  const { label, hint } = words(key);
  const values = options.map((o) => o.value) as unknown as V;
  return withMeta(z.preprocess(blankToUndefined, z.enum(values, { error: about('field.error.choose', label) }).optional()), { label, hint, control: 'radio', required: false, options });
}

/** One answer out of a fixed set, which the participant must give. */
export function requiredChoice<const V extends readonly [string, ...string[]]>(key: FieldKey, options: { [K in keyof V]: ChoiceOption<V[K]> }, initial?: V[number]) {
  const { label, hint } = words(key);
  const values = options.map((o) => o.value) as unknown as V;
  return withMeta(z.preprocess(blankToUndefined, z.enum(values, { error: about('field.error.chooseRequired', label) })), {
    label,
    hint,
    control: 'radio',
    required: true,
    options,
    initial,
  });
}

/** A short one-line answer the participant must give; `missing` says why it is needed. */
export function line(key: FieldKey, maxLength = 200, missing?: MessageKey) {
  const { label, hint } = words(key);
  const problemWhenMissing = missing ? problem(missing) : about('field.error.required', label);
  const meta: FieldMeta = { label, hint, control: 'input', inputType: 'text', required: true, maxLength };
  return withMeta(text(problemWhenMissing).min(1, problemWhenMissing).max(maxLength, tooLong(label, maxLength)), meta);
}

/** A calendar date, YYYY-MM-DD (what a browser's date input sends); `missing` says why it is needed. */
export function date(key: FieldKey, missing?: MessageKey) {
  const { label, hint } = words(key);
  const problemWhenMissing = missing ? problem(missing) : about('field.error.dateMissing', label);
  const meta: FieldMeta = { label, hint, control: 'input', inputType: 'date', required: true };
  return withMeta(z.string({ error: problemWhenMissing }).trim().min(1, problemWhenMissing).refine(isIsoDate, about('field.error.dateInvalid', label)), meta);
}

/** A time of day, HH:MM on a 24-hour clock (what a browser's time input sends). */
export function clockTime(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(
    z
      .string({ error: about('field.error.timeMissing', label) })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, about('field.error.timeInvalid', label)),
    { label, hint, control: 'input', inputType: 'time', required: true },
  );
}

/** The id of a record the Worker offers as answers (e.g. whom feedback is for). */
export function recordChoice(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(z.preprocess(toNumber, recordId(label)), { label, hint, control: 'radio', required: true });
}

/** Like recordChoice, but the participant may choose none. */
export function optionalRecordChoice(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(z.preprocess(toNumber, recordId(label).optional()), { label, hint, control: 'radio', required: false });
}

function recordId(label: MessageKey) {
  const error = about('field.error.choose', label);
  return z.number({ error }).int(error).positive(error);
}

/** Form posts send numbers as text; JSON may send either. Nothing else becomes a number. */
function toNumber(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : blankToUndefined(value);
}

/** Who may read a piece of free text; private unless the author chooses otherwise. */
export function consent(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(z.preprocess(blankToUndefined, z.enum(CONSENT_LEVELS, { error: about('field.error.consent', label) }).default(DEFAULT_CONSENT)), {
    label,
    hint,
    control: 'radio',
    required: false,
    options: CONSENT_LEVELS.map((value) => ({ value, label: message(CONSENT_LABELS[value]) })),
    initial: DEFAULT_CONSENT,
  });
}

function rating(label: MessageKey) {
  const outOfRange = about('field.error.ratingRange', label);
  return z
    .number({ error: (issue) => (issue.input === undefined ? about('field.error.ratingMissing', label) : about('field.error.ratingNumber', label)) })
    .int(about('field.error.ratingWhole', label))
    .min(1, outOfRange)
    .max(5, outOfRange);
}

/** A 1–5 rating the participant may skip. */
export function scale(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(z.preprocess(toNumber, rating(label).optional()), { label, hint, control: 'scale', required: false });
}

/** A 1–5 rating the participant must give. */
export function requiredScale(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(z.preprocess(toNumber, rating(label)), { label, hint, control: 'scale', required: true });
}

/** A yes/no checkbox: present ("on", "true", "yes", "1", true) means yes, absent means no. */
export function flag(key: FieldKey) {
  const { label, hint } = words(key);
  return withMeta(
    z.preprocess(
      (value) => (value === undefined || value === '' ? false : value),
      z
        .union([z.boolean(), z.enum(['on', 'true', 'yes', '1', 'false', 'no', '0'])], { error: about('field.error.flag', label) })
        .transform((value) => value === true || value === 'on' || value === 'true' || value === 'yes' || value === '1'),
    ),
    { label, hint, control: 'checkbox', required: false },
  );
}

/** A local hour, 0–23, for the small forms of a participant's page. */
export function hour(label: MessageKey) {
  const error = about('field.error.hour', label);
  return z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)), z.number({ error }).int(error).min(0, error).max(23, error));
}

/**
 * The key that makes a retried post store one record: the Worker puts a fresh one in every form
 * it serves; API clients send their own (a UUID is fine).
 */
export const idempotencyKey = z.string({ error: problem('field.error.idempotencyMissing') }).regex(/^[A-Za-z0-9_-]{8,100}$/, problem('field.error.idempotencyInvalid'));

function blankToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/** A zod issue's message as the problem it carries; a message zod wrote itself (not ours) is a generic one. */
function problemOf(issueMessage: string): Message {
  try {
    const parsed = JSON.parse(issueMessage) as Partial<Message>;
    if (typeof parsed?.key === 'string') return parsed as Message;
  } catch {
    // Not one of ours: below.
  }
  return message('field.error.invalid');
}

/**
 * Turns zod issues into the `fields` map of the error envelope: the first problem per field, as a
 * message whose field label `t` has put into words (the language of whoever posted).
 */
export function fieldErrors(error: z.ZodError, t: Translator): Record<string, Message> {
  const fields: Record<string, Message> = {};
  for (const issue of error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : '_form';
    if (fields[name]) continue;
    const { key, values } = problemOf(issue.message);
    fields[name] = values && typeof values.label === 'string' ? message(key, { ...values, label: t(values.label as MessageKey) }) : message(key, values);
  }
  return fields;
}
