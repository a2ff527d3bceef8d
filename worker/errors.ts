/** The one error path: routes throw `fail(...)`; app.onError turns it into JSON or an HTML page. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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
  fields?: Record<string, string>;
  form?: FormState;
  /** A page visit's failure: answered with an HTML page of this title, whatever the Accept header. */
  page?: string;
}

/** Throws the HTTP error every route reports the same way. */
export function fail(status: ContentfulStatusCode, code: ErrorCode, message: string, extra: Omit<FailureCause, 'code'> = {}): never {
  throw new HTTPException(status, { message, cause: { code, ...extra } satisfies FailureCause });
}

/** The envelope of an error, from an HTTPException thrown by `fail` or by Hono itself. */
export function errorBody(err: HTTPException): ErrorBody {
  const cause = (err.cause ?? {}) as Partial<FailureCause>;
  return {
    error: {
      code: cause.code ?? codeForStatus(err.status),
      message: err.message || 'The request could not be processed.',
      fields: cause.fields ?? {},
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
