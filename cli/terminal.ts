/**
 * Printing participants' text on the mentor's terminal. Names, labels, comments and messages were
 * typed by other people (or reached D1 by another path than the forms), and a terminal obeys
 * control characters: ESC and C1's CSI start escape sequences that can recolour, clear or retitle
 * the screen, BEL rings, CR overwrites the line. Every print of such text goes through here.
 *
 * Hand-written: strip-ansi and its kin remove well-formed escape sequences only, leaving a lone BEL,
 * CR or C1 character in place, and they delete silently; here every control character is replaced
 * by a visible sign, so the mentor sees that something odd was there.
 */

/**
 * C0 controls but tab and line feed, DEL, C1 controls, unpaired surrogates, and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder everything after
 * them on the line. Arabic needs none of those: it is laid out by the terminal's own bidi rules, and
 * the marks it may carry (U+200E, U+200F, U+061C) stay.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/gu;

/** The visible sign of a control character: its Unicode control picture (␛ for ESC, ␇ for BEL, ␡ for DEL), else U+FFFD (C1, bidi controls). */
function sign(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\uFFFD';
}

/** Text safe to print on a terminal: each control character replaced by a visible sign; tabs and line breaks kept. */
export function printable(text: string): string {
  return text.replace(CONTROL, sign);
}

/** Prints a line (or several) of text that may hold participants' words, on stdout. */
export function say(text: string): void {
  console.log(printable(text));
}

/** The same, on stderr. */
export function sayError(text: string): void {
  console.error(printable(text));
}

/**
 * JSON for the terminal, exact: JSON.stringify escapes C0 controls but writes DEL and C1 as they
 * are, so those are escaped too (\u0085); the JSON means the same and prints safely.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
