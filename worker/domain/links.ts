/**
 * Signed participant links. A token is `<participantId>.<cohortId>.<linkVersion>.<signature>`, the
 * signature an HMAC-SHA-256 (secret LINK_SECRET) over the participant id, their cohort and the link
 * version. The cohort is spelled out so a post can be checked without reading the participant
 * first (see worker/db/admission.ts). No other shape is accepted. Bumping a participant's link_version
 * revokes every link made before, and links stop working LINK_GRACE_DAYS after their cohort's last
 * day. Runs in workerd and Node.
 */
import { addDays, localDate } from './weeks.ts';

export interface LinkSubject {
  participantId: number;
  cohortId: number;
  linkVersion: number;
}

export interface TokenClaim {
  participantId: number;
  cohortId: number;
  linkVersion: number;
  signature: string;
}

const TOKEN = /^([1-9]\d{0,14})\.([1-9]\d{0,14})\.([1-9]\d{0,8})\.([A-Za-z0-9_-]{43})$/;
const encoder = new TextEncoder();

function message(subject: LinkSubject): Uint8Array<ArrayBuffer> {
  return encoder.encode(`tandem-link:v1:${subject.participantId}:${subject.cohortId}:${subject.linkVersion}`);
}

/** Imported once per secret and isolate: importing costs about as much as the HMAC itself. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 32) return Promise.reject(new Error('LINK_SECRET must be at least 32 characters; run `npm run setup` to generate one.'));
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
    key.catch(() => keys.delete(secret));
  }
  return key;
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** Makes the token that goes into a participant's personal links. */
export async function signToken(secret: string, subject: LinkSubject): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), message(subject));
  return `${subject.participantId}.${subject.cohortId}.${subject.linkVersion}.${toBase64Url(signature)}`;
}

/** Reads a token's claim without trusting it; null when it is not shaped like a token. */
export function readToken(token: string): TokenClaim | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  return { participantId: Number(match[1]), cohortId: Number(match[2]), linkVersion: Number(match[3]), signature: match[4]! };
}

/**
 * Whether a claim was signed for this participant as they are now: same cohort, current link
 * version. The comparison is crypto.subtle.verify's, which takes constant time.
 */
export async function verifyClaim(secret: string, claim: TokenClaim, current: LinkSubject): Promise<boolean> {
  if (claim.participantId !== current.participantId || claim.cohortId !== current.cohortId || claim.linkVersion !== current.linkVersion) return false;
  const signature = fromBase64Url(claim.signature);
  // Only the canonical spelling: base64url's last character has bits atob ignores.
  if (toBase64Url(signature.buffer) !== claim.signature) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret), signature, message(current));
}

/** Links keep working this long after the cohort's last day, so final check-ins and reflections can come in. */
export const LINK_GRACE_DAYS = 30;

/** The last day a cohort's links work (YYYY-MM-DD), or null while the cohort has no end date. */
export function linksWorkUntil(endsOn: string | null): string | null {
  return endsOn === null ? null : addDays(endsOn, LINK_GRACE_DAYS);
}

/** Whether a cohort's links have stopped working at `now`: past its last day plus the grace days, in its timezone. */
export function cohortLinksExpired(cohort: { endsOn: string | null; timezone: string }, now: Date): boolean {
  return cohort.endsOn !== null && linksExpired(cohort.endsOn, localDate(now, cohort.timezone));
}

/** Whether a cohort's links have stopped working on `today` (YYYY-MM-DD, in the cohort's timezone). */
export function linksExpired(endsOn: string | null, today: string): boolean {
  const until = linksWorkUntil(endsOn);
  return until !== null && today > until;
}
