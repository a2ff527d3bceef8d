/**
 * Strict reading of a request body: UTF-8 only, and a body that cannot be read exactly as sent is
 * refused rather than repaired.
 *
 * Not the runtime's own `formData()`: workerd turns bytes that are not UTF-8 and broken %-escapes
 * into U+FFFD or drops the `%` (so "%ZZ" arrives as "ZZ"), which would store something other than
 * what was sent without saying so. Not @hono/zod-validator either: one route takes a form post *or*
 * JSON (the validator binds one target), and the token must be checked before the fields (a bad
 * token is a 401, not a 400).
 */
import { parse as parseJsonTree } from '@humanwhocodes/momoa';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { BodyEnv, Body } from '../app-env.ts';
import { message } from '../domain/i18n.ts';
import { fail } from '../errors.ts';

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

// C0 control characters other than tab, line feed and carriage return, DEL, the C1 controls
// (U+0080–U+009F: no keyboard types them, and a terminal obeys some, e.g. U+009B starts an escape
// sequence in the mentor's CLI), and unpaired surrogates (D1 would store those as bytes that are
// not UTF-8 and read them back as U+FFFD).
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Surrogate}/u;

/** Whether text can be stored and shown back exactly as typed. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Whether to answer with HTML (a browser's form post) rather than JSON. */
export function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('application/json')) return false;
  return FORM_TYPES.has(parseMediaType(c.req.header('content-type')).type) || accept.includes('text/html');
}

/**
 * Parses a form or JSON body, sent as UTF-8, into a plain object. Another content type or charset
 * is a 415; a body that is not what its type says (bytes that are not UTF-8, a broken %-escape,
 * bad JSON, a field sent twice, a file, a control character) is a 400, and nothing is stored.
 */
export const readBody = createMiddleware<BodyEnv>(async (c, next) => {
  const media = parseMediaType(c.req.header('content-type'));
  if (media.type === '') fail(415, 'unsupported_media_type', message('errors.body.noType'));
  if (!FORM_TYPES.has(media.type) && !isJson(media.type)) fail(415, 'unsupported_media_type', message('errors.body.type'));
  if (!isUtf8(media.charset)) fail(415, 'unsupported_media_type', message('errors.body.charset', { charset: media.charset ?? '' }));
  const bytes = await c.req.arrayBuffer();
  const text = decodeUtf8(bytes);
  if (text === null) fail(400, 'invalid_encoding', message('errors.body.notUtf8'));

  let entries: [string, unknown][];
  if (isJson(media.type)) {
    entries = jsonEntries(text);
  } else if (media.type === 'application/x-www-form-urlencoded') {
    entries = parseUrlEncoded(text) ?? fail(400, 'invalid_encoding', message('errors.body.badEscape'));
  } else {
    entries = await readMultipart(bytes, c.req.header('content-type')!);
  }
  c.set('body', toBody(entries));
  await next();
});

/**
 * The fields of a JSON object body, in order and each as often as it was sent, so that a field
 * sent twice is refused as it is in a form post. JSON.parse reads the values, but it keeps the
 * last of two equal keys without a word (and a reviver cannot see the first); momoa's syntax tree
 * lists every member, so it names the fields.
 */
function jsonEntries(text: string): [string, unknown][] {
  let body: unknown;
  let names: string[] = [];
  try {
    body = JSON.parse(text);
    const tree = parseJsonTree(text, { mode: 'json' }).body;
    if (tree.type === 'Object') names = tree.members.map((m) => (m.name.type === 'String' ? m.name.value : m.name.name));
  } catch {
    fail(400, 'invalid_json', message('errors.body.badJson'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(400, 'invalid_json', message('errors.body.notObject'));
  const fields = body as Record<string, unknown>;
  return names.map((name) => [name, fields[name]]);
}

async function readMultipart(bytes: ArrayBuffer, contentType: string): Promise<[string, unknown][]> {
  try {
    return [...(await new Response(bytes, { headers: { 'content-type': contentType } }).formData())];
  } catch {
    fail(400, 'invalid_input', message('errors.body.unreadable'));
  }
}

function toBody(entries: [string, unknown][]): Body {
  // No prototype, so a field named __proto__ is a field like any other.
  const body: Body = Object.create(null);
  for (const [name, value] of entries) {
    if (value instanceof File) fail(400, 'invalid_input', message('errors.body.file', { name }), { fields: { [name]: message('errors.body.file.field') } });
    if (Object.hasOwn(body, name)) fail(400, 'invalid_input', message('errors.body.twice', { name }), { fields: { [name]: message('errors.body.twice.field') } });
    if (typeof value === 'string' && !isStorableText(value)) {
      fail(400, 'invalid_input', message('errors.body.control', { name }), { fields: { [name]: message('errors.body.control.field') } });
    }
    body[name] = value;
  }
  return body;
}
