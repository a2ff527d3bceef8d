/**
 * Scrubbing of published free text (privacy rule 3): e-mail addresses, phone numbers and URLs
 * are replaced by a neutral marker before any text leaves the database for a page.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// http(s)://…, www.…, and bare domains with a path or a common top-level domain.
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|ai|xyz|co|uk|us|ca|au|eu|de|fr|nl|es|it|ch|se|no|in|edu|gov|me|info|blog|site|online|tech|page|ly|gl|gd|link|tv)\b(?:\/[^\s<>"]*)?/giu;
// Seven or more digits, optionally with a leading + or ( and separators ( ) - . or spaces between
// them; not a date written as 2026-11-28 or 28.11.2026, nor a span of years such as 2026-2027.
const PHONE = /(?:\+|\(|\b)(?!\d{4}-\d{2}-\d{2}\b|\d{1,2}\.\d{1,2}\.\d{4}\b|\d{4}\s?[-–]\s?\d{4}\b)\d(?:[\s().-]{0,2}\d){6,}\b/g;

export const REDACTED = {
  email: '[email removed]',
  url: '[link removed]',
  phone: '[phone removed]',
} as const;

/** Removes e-mail addresses, URLs and phone numbers from text that is about to be published. */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(WEB_ADDRESS, REDACTED.url)
    .replace(PHONE, REDACTED.phone);
}
