/** The one error path: routes throw `fail(...)`; app.onError turns it into JSON or an HTML page. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Message, MessageKey, Translator } from './domain/i18n.ts';

/**
 * What an error says: a catalogue message, put into words in the reader's language when the answer
 * is written; or, when its arguments must be formatted by that language too (a date), a function
 * of the reader's translator. Never a plain string: every word comes from a catalogue.
 */
export type ErrorText = Message | Worded;

/** An error's words, written once the reader's translator is known. */
export type Worded = (t: Translator) => string;

export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'invalid_encoding'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'link_expired'
  | 'challenge_failed'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: Record<string, string> };
}

/** What a failed form post needs to be shown again, as typed, with its errors. */
export interface FormState {
  /** Path of the form page the post came from, e.g. /checkin/. */
  path: string;
  /** The fields as posted (strings only), to fill back in. */
  values: Record<string, string>;
}

export interface FailureCause {
  code: ErrorCode;
  /** What the error says, when `fail` was given a catalogue message. */
  message?: ErrorText;
  fields?: Record<string, ErrorText>;
  form?: FormState;
  /** A page visit's failure: answered with an HTML page of this title, whatever the Accept header. */
  page?: ErrorText;
}

/** An error's text in words. */
export function sayError(t: Translator, text: ErrorText): string {
  return typeof text === 'function' ? text(t) : t.say(text);
}

/** What the exception itself is called in logs: the message's key where there is one. */
function logText(text: ErrorText): string {
  return typeof text === 'function' ? 'worded' : text.key;
}

/** Throws the HTTP error every route reports the same way. */
export function fail(status: ContentfulStatusCode, code: ErrorCode, text: ErrorText, extra: Omit<FailureCause, 'code' | 'message'> = {}): never {
  throw new HTTPException(status, { message: logText(text), cause: { code, message: text, ...extra } satisfies FailureCause });
}

/** Hono's own refusals carry no message of ours (its words are English): what a participant reads instead. */
const DEFAULT_MESSAGES: Partial<Record<number, MessageKey>> = {
  403: 'errors.crossSite',
};

/** The envelope of an error, from an HTTPException thrown by `fail` or by Hono itself, in the reader's language. */
export function errorBody(err: HTTPException, t: Translator): ErrorBody {
  const cause = (err.cause ?? {}) as Partial<FailureCause>;
  return {
    error: {
      code: cause.code ?? codeForStatus(err.status),
      message: cause.message ? sayError(t, cause.message) : t(DEFAULT_MESSAGES[err.status] ?? 'errors.generic'),
      fields: Object.fromEntries(Object.entries(cause.fields ?? {}).map(([name, text]) => [name, sayError(t, text)])),
    },
  };
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'invalid_input';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 405: return 'method_not_allowed';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'unavailable';
    default: return 'internal';
  }
}
