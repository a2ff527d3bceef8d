/**
 * Names and labels that pages show as they are (display names, pair and circle labels): they come
 * from the mentor's roster, not from a consent choice, so they are checked where they are stored
 * rather than scrubbed where they are shown.
 */
import { findContactDetail } from './redact.ts';

/**
 * C0 and C1 control characters and DEL: a terminal obeys them (ESC starts a command, BEL rings);
 * and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which turn the
 * text after a name around on a page or a terminal. Names in Arabic or Hebrew need none of them.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const CONTACT = { email: 'an e-mail address', phone: 'a phone number', url: 'a web address' } as const;

const PUBLISHED_AS = {
  name: 'names are published: use a pseudonym without contact details',
  pair: 'pair labels are published: use a label without contact details',
  circle: 'circle labels are published: use a label without contact details',
} as const;

export type ShownField = keyof typeof PUBLISHED_AS;

/**
 * Why `text` cannot be a participant's name or a pair's or circle's label, as a sentence about
 * the field ("the name has a phone number in it (…)"), or null when it can. It never repeats the
 * text itself, which may hold what a terminal would obey.
 */
export function shownNameProblem(field: ShownField, text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) return `the ${field} has an invisible control character in it (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); retype it without`;
  const contact = findContactDetail(text);
  if (contact) return `the ${field} has ${CONTACT[contact]} in it (${PUBLISHED_AS[field]})`;
  return null;
}
