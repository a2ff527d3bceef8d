/** Reading a roster CSV (`name,email,role,pair,circle`): every problem named by its line, or none. */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { RosterEntry } from '../worker/db/roster.ts';

export const ROSTER_COLUMNS = ['name', 'email', 'role', 'pair', 'circle'] as const;

const rowSchema = z.object({
  name: z.string().trim().min(1, 'the name is empty').max(80, 'the name is longer than 80 characters'),
  email: z.string().trim().toLowerCase().pipe(z.email('the e-mail address is not valid')),
  role: z.string().trim().toLowerCase().pipe(z.enum(['mentor', 'mentee'], 'the role must be “mentor” or “mentee”')),
  pair: z.string().trim().max(40, 'the pair is longer than 40 characters').default(''),
  circle: z.string().trim().max(40, 'the circle is longer than 40 characters').default(''),
});

export class RosterError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The roster was not imported; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Parses and checks a roster file's text; throws RosterError listing every problem found. */
export function readRoster(text: string): RosterEntry[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, info: true, bom: true, trim: true });
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
    const entry = result.data;
    const seen = emails.get(entry.email);
    if (seen) problems.push(`line ${line}: ${entry.email} is already on line ${seen}`);
    else emails.set(entry.email, line);
    if (entry.role === 'mentee' && !entry.pair) problems.push(`line ${line}: ${entry.name} is a mentee without a pair`);
    entries.push({ ...entry, line });
  }

  const pairs = new Map<string, (RosterEntry & { line: number })[]>();
  for (const e of entries) if (e.pair) pairs.set(e.pair, [...(pairs.get(e.pair) ?? []), e]);
  for (const [label, members] of pairs) {
    const lines = members.map((m) => m.line).join(', ');
    if (members.length < 2) problems.push(`line ${lines}: pair “${label}” has only one member (a pair needs two, or three when numbers are odd)`);
    if (members.length > 3) problems.push(`lines ${lines}: pair “${label}” has ${members.length} members (at most three)`);
    if (new Set(members.map((m) => m.circle)).size > 1) problems.push(`lines ${lines}: the members of pair “${label}” are in different circles`);
  }
  if (problems.length) throw new RosterError(problems);
  return entries.map(({ line: _line, ...entry }) => entry);
}
