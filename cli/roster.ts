/**
 * Reading a roster CSV (`name,email,role,pair,circle`, and optionally `timezone,remind_hour,reminders`
 * and `language`):
 * every problem named by its line, or none.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { RosterEntry } from '../worker/db/roster.ts';
import { isLocale, LOCALES } from '../worker/domain/locales.ts';
import { shownNameProblem, type ShownField } from '../worker/domain/names.ts';
import { isTimezone } from '../worker/domain/weeks.ts';

export const ROSTER_COLUMNS = ['name', 'email', 'role', 'pair', 'circle'] as const;
/** Columns a roster may add: how each person is reminded (each may be left empty for the default). */
export const REMINDER_COLUMNS = ['timezone', 'remind_hour', 'reminders'] as const;
/** A column a roster may add: the person's own language (empty: the cohort's). */
export const LANGUAGE_COLUMN = 'language';

/** A name or label that pages show: no contact details, no control characters (worker/domain/names.ts). */
function shown(field: ShownField) {
  return (text: string, ctx: z.RefinementCtx) => {
    const problem = shownNameProblem(field, text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

const rowSchema = z.object({
  name: z.string().trim().min(1, 'the name is empty').max(80, 'the name is longer than 80 characters').superRefine(shown('name')),
  email: z.string().trim().toLowerCase().pipe(z.email('the e-mail address is not valid')),
  role: z.string().trim().toLowerCase().pipe(z.enum(['mentor', 'mentee'], 'the role must be “mentor” or “mentee”')),
  pair: z.string().trim().max(40, 'the pair is longer than 40 characters').superRefine(shown('pair')).default(''),
  circle: z.string().trim().max(40, 'the circle is longer than 40 characters').superRefine(shown('circle')).default(''),
  timezone: z.string().trim().default('').refine((tz) => tz === '' || isTimezone(tz), 'the timezone is not one like Europe/London or America/New_York'),
  remind_hour: z.string().trim().default('').refine((h) => h === '' || (/^\d{1,2}$/.test(h) && Number(h) <= 23), 'the reminder hour must be a whole hour from 0 to 23'),
  reminders: z.string().trim().toLowerCase().default('').pipe(z.enum(['', 'on', 'off', 'yes', 'no'], 'reminders must be “on” or “off”')),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((l) => l === undefined || l === '' || isLocale(l), `the language must be one of ${LOCALES.join(', ')}, or empty for the cohort's`),
});

export class RosterError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The roster was not imported; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Parses and checks a roster file's text; throws RosterError listing every problem found. Pairs are
 * checked together with the people already in the cohort (`existing`) that the file does not list.
 */
export function readRoster(text: string, existing: RosterEntry[] = []): RosterEntry[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // relax_quotes: a quote inside an unquoted field (José "Pepe" Ruiz, typed by hand) is part of
    // the name it shows, as spreadsheets and most CSV readers read it; quoted fields read as usual.
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, info: true, bom: true, trim: true, relax_quotes: true });
  } catch (err) {
    throw new RosterError([`the file is not valid CSV: ${(err as Error).message}`]);
  }
  if (records.length === 0) throw new RosterError(['the file has no participants (expected a header line and one line per person)']);
  const header = Object.keys(records[0]!.record);
  const missing = ['name', 'email', 'role', 'pair'].filter((c) => !header.includes(c));
  if (missing.length) throw new RosterError([`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${ROSTER_COLUMNS.join(',')})`]);

  const problems: string[] = [];
  const entries: (RosterEntry & { line: number })[] = [];
  const emails = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const result = rowSchema.safeParse(record);
    if (!result.success) {
      problems.push(`line ${line}: ${result.error.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const { timezone, remind_hour, reminders, language, ...person } = result.data;
    const entry: RosterEntry = { ...person };
    if (language !== undefined) entry.language = isLocale(language) ? language : null;
    if (timezone || remind_hour || reminders) entry.reminders = { timezone: timezone || null, hour: remind_hour === '' ? 9 : Number(remind_hour), byMail: reminders === '' || reminders === 'on' || reminders === 'yes' };
    const seen = emails.get(entry.email);
    if (seen) problems.push(`line ${line}: ${entry.email} is already on line ${seen}`);
    else emails.set(entry.email, line);
    if (entry.role === 'mentee' && !entry.pair) problems.push(`line ${line}: ${entry.name} is a mentee without a pair`);
    if (entry.role === 'mentor' && entry.pair) problems.push(`line ${line}: ${entry.name} is a mentor; leave the pair of a mentor empty`);
    entries.push({ ...entry, line });
  }

  problems.push(...pairProblems(entries, existing));
  if (problems.length) throw new RosterError(problems);
  return entries.map(({ line: _line, ...entry }) => entry);
}

/** The rules of pairs over the roster as it will be: two or three members, all in one circle. */
function pairProblems(entries: (RosterEntry & { line: number })[], existing: RosterEntry[]): string[] {
  const listed = new Set(entries.map((e) => e.email));
  const members = [
    ...entries.map((e) => ({ ...e, where: `line ${e.line}` })),
    ...existing.filter((e) => !listed.has(e.email)).map((e) => ({ ...e, where: `${e.name} (already in the cohort)` })),
  ];
  const pairs = Map.groupBy(members.filter((m) => m.pair), (m) => m.pair);
  const problems: string[] = [];
  for (const [label, group] of pairs) {
    const at = group.map((m) => m.where).join(', ');
    if (group.length < 2) problems.push(`${at}: pair “${label}” has only one member (a pair needs two, or three when numbers are odd)`);
    if (group.length > 3) problems.push(`${at}: pair “${label}” has ${group.length} members (at most three)`);
    if (new Set(group.map((m) => m.circle)).size > 1) problems.push(`${at}: the members of pair “${label}” are in different circles`);
  }
  return problems;
}
