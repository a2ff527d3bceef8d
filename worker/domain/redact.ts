/**
 * Scrubbing of published free text (privacy rule 3): e-mail addresses, phone numbers and URLs
 * are replaced by a neutral marker before any text leaves the database for a page.
 *
 * The candidates come from maintained detectors rather than our own patterns: linkifyjs for web
 * addresses and e-mail addresses (any scheme, and bare domains with any top-level domain IANA
 * lists), libphonenumber-js (Google's phone-number matcher) for phone numbers. Both read the text
 * after NFKC normalisation, so full-width digits, letters and dashes are read as their plain forms.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import { find as findLinks } from 'linkifyjs';

export const REDACTED = {
  email: '[email removed]',
  url: '[link removed]',
  phone: '[phone removed]',
} as const;

type Kind = keyof typeof REDACTED;

/** A stretch of text to replace: [start, end) in UTF-16 code units. */
interface Span {
  start: number;
  end: number;
  kind: Kind;
}

/**
 * Numbers written without a country code are read with the numbering plans of these countries as
 * well. Between them they cover the common national shapes (ten digits; a trunk 0 and nine or ten
 * more; local numbers of seven), and neither takes an eight-digit date such as 2026-11-28 or
 * 28.11.2026 for a phone number, which plans with eight-digit numbers (Germany's, say) would.
 * Any number written with + and its country code is found whatever the country. `extended` asks
 * the matcher for every number of a possible length, not only those in ranges in use today (a
 * number in a range held back for drama, 07700 900123, is still somebody's to hide).
 */
const NATIONAL_PLANS: readonly CountryCode[] = ['US', 'GB'];

// Three small shape rules, hand-written on purpose, each for what the detectors leave out:
// - an address with an @ and a dotted domain is an address whatever its top-level domain
//   (linkifyjs knows only registered ones; internal or reserved ones, .internal or .invalid, are
//   still somebody's);
// - the same written "name [at] example [dot] com", which no detector reads. Only bracketed
//   spellings count ("[at]", "(at)", "{ at }", "[@]"; "[dot]", "(.)"…), since a bare "at" or "dot"
//   is ordinary prose, and the domain must end in a real top-level domain (asked of linkifyjs);
// - any scheme://… (linkifyjs knows a fixed list of schemes; sftp://, ssh://… are addresses too).
const AT = String.raw`\s*[[({]\s*(?:at|@)\s*[\])}]\s*`;
const DOT = String.raw`\s*[[({]\s*(?:dot|\.)\s*[\])}]\s*`;
const ADDRESS = new RegExp(String.raw`[\p{L}\p{N}._%+-]+(?:${AT}|@)[\p{L}\p{N}-]+(?:(?:${DOT}|\.)[\p{L}\p{N}-]+)+`, 'giu');
const BRACKETED = /[[({]/u;
const AT_WORD = new RegExp(AT, 'giu');
const DOT_WORD = new RegExp(DOT, 'giu');
const SCHEME_URL = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s<>"]*[^\s<>".,;:!?)\]]/giu;

/** Removes e-mail addresses, URLs and phone numbers from text that is about to be published. */
export function scrubText(text: string): string {
  const plain = normalise(text);
  const spans = keepFirst([...addresses(plain.text), ...links(plain.text), ...phones(plain.text)]);
  let out = '';
  let from = 0;
  for (const span of spans) {
    const start = plain.start ? plain.start[span.start]! : span.start;
    const end = plain.end ? plain.end[span.end - 1]! : span.end;
    out += text.slice(from, start) + REDACTED[span.kind];
    from = end;
  }
  return out + text.slice(from);
}

/** What kind of contact detail the text holds (an e-mail address, a phone number, a web address), or null. */
export function findContactDetail(text: string): Kind | null {
  const plain = normalise(text).text;
  return [...addresses(plain), ...links(plain), ...phones(plain)][0]?.kind ?? null;
}

/**
 * linkifyjs finds a link only where there is an @, a colon (a scheme), a dot between two
 * characters (a domain) or "localhost": text with none of them, most of what participants write,
 * skips its scan, which was half of the scrubbing's time. (test/node/unit/redact.property.test.ts checks
 * on random text that it then finds nothing.)
 */
export const MAY_HOLD_LINK = /[@:]|localhost|[.\u3002\uFF0E\uFF61](?=\S)/iu;

function links(text: string): Span[] {
  if (!MAY_HOLD_LINK.test(text)) return [];
  return findLinks(text).map((m) => ({ start: m.start, end: m.end, kind: m.type === 'email' ? 'email' : 'url' }));
}

// A date such as 08.03.2026 or 08-03-2026 has the length of a phone number with a trunk 0: the
// matcher leaves out dates written with slashes only, so the other separators are left out here.
const DATE = /^(?:\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}([./-])\d{1,2}\2\d{1,2})$/u;

function phones(text: string): Span[] {
  // Skips the matcher (a few dozen regular expressions) for text that could not hold a number.
  if (!/\d(?:\D{0,3}\d){6}/u.test(text)) return [];
  return NATIONAL_PLANS.flatMap((defaultCountry) =>
    findPhoneNumbersInText(text, { defaultCountry, extended: true })
      .filter((m) => !DATE.test(text.slice(m.startsAt, m.endsAt)))
      .map((m): Span => ({ start: m.startsAt, end: m.endsAt, kind: 'phone' })),
  );
}

/** An @ or a bracketed "at": ADDRESS cannot match without one, and testing for it is much cheaper than running ADDRESS. */
const HAS_AT = new RegExp(`${AT}|@`, 'iu');

function addresses(text: string): Span[] {
  const emails = (HAS_AT.test(text) ? [...text.matchAll(ADDRESS)] : [])
    .filter((m) => !BRACKETED.test(m[0]) || findLinks(m[0].replace(AT_WORD, '@').replace(DOT_WORD, '.'), 'email').length > 0)
    .map((m): Span => ({ start: m.index, end: m.index + m[0].length, kind: 'email' }));
  const urls = (text.includes('://') ? [...text.matchAll(SCHEME_URL)] : []).map((m): Span => ({ start: m.index, end: m.index + m[0].length, kind: 'url' }));
  return [...emails, ...urls];
}

/** The spans in text order, leaving out any that overlaps one before it (the longer wins a tie of starts). */
function keepFirst(spans: Span[]): Span[] {
  const sorted = spans.toSorted((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of sorted) if (span.start >= (kept.at(-1)?.end ?? 0)) kept.push(span);
  return kept;
}

/**
 * The text in NFKC, with where each of its code units came from in the original, so that what is
 * found in the normalised text is cut out of the text as typed (published text keeps its own
 * full-width characters, ligatures and so on). No map when every character is its own NFKC form,
 * as in most text: then positions are the same in both.
 */
function normalise(text: string): { text: string; start: number[] | null; end: number[] | null } {
  if (isOwnNfkc(text)) return { text, start: null, end: null };
  const start: number[] = [];
  const end: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const plain = char.normalize('NFKC');
    for (let k = 0; k < plain.length; k++) {
      start.push(i);
      end.push(i + char.length);
    }
    out += plain;
    i += char.length;
  }
  return { text: out, start, end };
}

/** Whether each character of `text`, normalised alone as normalise() does, stays as it is. */
function isOwnNfkc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    // Below U+00A0 every character is its own NFKC form (U+00A0, a no-break space, is not).
    if (text.charCodeAt(i) < 0xa0) continue;
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (char.normalize('NFKC') !== char) return false;
    i += char.length - 1;
  }
  return true;
}
