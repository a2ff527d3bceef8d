/**
 * Strict reading of a request body: UTF-8 only, and a body that cannot be read exactly as sent is
 * refused rather than repaired.
 *
 * Not the runtime's own `formData()`: workerd turns bytes that are not UTF-8 and broken %-escapes
 * into U+FFFD or drops the `%` (so "%ZZ" arrives as "ZZ"), which would store something other than
 * what was sent without saying so.
 */

export interface MediaType {
  /** e.g. application/x-www-form-urlencoded, lower case; '' when there is no Content-Type. */
  type: string;
  /** The charset parameter, lower case, when there is one. */
  charset?: string;
}

/** The labels the Encoding Standard gives UTF-8 (what browsers accept as `charset=`). */
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

export function parseMediaType(header: string | undefined): MediaType {
  const [type = '', ...params] = (header ?? '').split(';');
  const media: MediaType = { type: type.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() === 'charset') media.charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return media;
}

export function isUtf8(charset: string | undefined): boolean {
  return charset === undefined || UTF8_LABELS.has(charset);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of the bytes, or null when they are not valid UTF-8. */
export function decodeUtf8(bytes: ArrayBuffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The name–value pairs of an application/x-www-form-urlencoded text, in order; null when a
 * %-escape is malformed or does not decode to UTF-8.
 */
export function parseUrlEncoded(text: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    try {
      pairs.push(eq === -1 ? [decodeComponent(part), ''] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))]);
    } catch {
      return null;
    }
  }
  return pairs;
}

function decodeComponent(text: string): string {
  return decodeURIComponent(text.replaceAll('+', ' '));
}

// C0 control characters other than tab, line feed and carriage return, and unpaired surrogates
// (D1 would store those as bytes that are not UTF-8 and read them back as U+FFFD).
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Surrogate}/u;

/** Whether text can be stored and shown back exactly as typed. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
