/**
 * Who is posting or reading: the participant a signed link names. A post's link is checked
 * without reading D1 (requireAuthor); whether it is still current and its holder under the limit
 * of stored posts is decided where the post is stored (worker/db/admission.ts). A page's link
 * (`?t=TOKEN`) is read in full (participantFromLink).
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthorEnv, BodyEnv, LinkEnv, ParticipantEnv } from '../app-env.ts';
import { admit, calendarOf, postLimit, POSTS_PER_MINUTE, type Admission, type Author, type PostTable } from '../db/admission.ts';
import { checkLink, type Participant } from '../db/participants.ts';
import { hasPublished } from '../db/published.ts';
import { cohortLinksExpired, LINK_GRACE_DAYS, readToken, verifyClaim, type TokenClaim } from '../domain/links.ts';
import { message } from '../domain/i18n.ts';
import { fail, type Worded } from '../errors.ts';
import { budgetKey, isHeldBack } from './rate-limit.ts';
import { speak } from './locale.ts';
import { checkTurnstile } from './turnstile.ts';
import { formState } from './validation.ts';

function tokenFrom<E extends BodyEnv>(c: Context<E>): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const field = c.get('body').token;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** Why a link that does not work was refused, in words a participant can act on (the date in the reader's way). */
export function endedMessage(endsOn: string): Worded {
  return (t) => t('errors.link.ended', { endsOn: t.date(endsOn, 'year'), days: LINK_GRACE_DAYS });
}

const TOO_MANY = message('errors.tooMany');
const INVALID_LINK = message('errors.link.invalid');

/** The author a token's claim names, its signature checked without reading D1 (the token spells out the cohort). */
async function verifiedAuthor<E extends AppEnv>(c: Context<E>, claim: TokenClaim, now: Date): Promise<Author> {
  const { participantId, cohortId, linkVersion } = claim;
  const cohort = (await verifyClaim(c.env.LINK_SECRET, claim, { participantId, cohortId, linkVersion })) ? await calendarOf(c.env.DB, cohortId) : null;
  if (!cohort) fail(401, 'unauthorized', INVALID_LINK);
  const setting = Number(c.env.POSTS_PER_MINUTE);
  const max = Number.isInteger(setting) && setting > 0 ? setting : POSTS_PER_MINUTE;
  return { id: participantId, cohortId, linkVersion, cohort, limit: postLimit(now, max) };
}

/** Answers a post that was not admitted: a link that no longer works (401) or too many posts (429). */
function refuse(admission: Exclude<Admission, { participant: Participant }>): never {
  if (admission.refused === 'ended') fail(401, 'link_expired', endedMessage(admission.endsOn));
  if (admission.refused === 'limited') fail(429, 'rate_limited', TOO_MANY);
  fail(401, 'unauthorized', INVALID_LINK);
}

/**
 * Names the author of a post from the `token` field or `Authorization: Bearer` (401 otherwise),
 * holds back a link that sent too many requests (429, worker/middleware/rate-limit.ts) and, when
 * Turnstile is on, wants its check passed (a 400 that shows the form again; 503 when Cloudflare
 * cannot be asked).
 */
export const requireAuthor = createMiddleware<AuthorEnv>(async (c, next) => {
  const token = tokenFrom(c);
  if (!token) fail(401, 'unauthorized', message('errors.link.needed'));
  const claim = readToken(token) ?? fail(401, 'unauthorized', INVALID_LINK);
  c.set('token', token);
  const now = new Date();
  const author = await verifiedAuthor(c, claim, now);
  // Set before anything else can refuse the post, so the per-link limit counts it.
  c.set('author', author);
  if (isHeldBack(budgetKey(author))) fail(429, 'rate_limited', TOO_MANY);
  // Refused only on the calendar as it is now: the mentor may have moved the end since it was cached.
  if (cohortLinksExpired(author.cohort, now)) c.set('author', { ...author, cohort: (await admittedParticipant(c.env.DB, author, undefined, c.get('whilePublished'))).cohort });
  const page = c.get('formPage');
  await checkTurnstile(c, page ? formState(c, page) : undefined);
  await next();
});

/**
 * The participant a post's author is, read from D1 and admitted (401 otherwise) and, given the kind
 * of post (`table`), under their limit (429): for posts that need more than the author (their
 * pair) or are not one guarded upsert, and to say why a guarded upsert stored nothing.
 */
export async function admittedParticipant(db: D1Database, author: Author, table?: PostTable, whilePublished = false): Promise<Participant> {
  const admission = await admit(db, author, new Date(), table, whilePublished);
  return 'refused' in admission ? refuse(admission) : admission.participant;
}

/** Who sent a post, read in full (to show them their form again), once their link was checked; null before. */
export async function postingParticipant<E extends AppEnv>(c: Context<E>): Promise<Participant | null> {
  const known = c.get('participant');
  if (known) return known;
  const author = c.get('author');
  if (!author) return null;
  const admission = await admit(c.env.DB, author, new Date());
  return 'participant' in admission ? admission.participant : null;
}

/**
 * After requireAuthor: the participant read and admitted (401, 429), for the small forms of a
 * participant's page. Their limit of stored posts counts milestones, the one kind among them that
 * adds rows freely (a confirmation is one per contract and person); the rest only change rows.
 */
export const requireParticipant = createMiddleware<ParticipantEnv>(async (c, next) => {
  const participant = await admittedParticipant(c.env.DB, c.get('author'), 'milestones', c.get('whilePublished'));
  c.set('participant', participant);
  speak(c, participant.language);
  await next();
});

/**
 * Before requireLink, requireAuthor and requireParticipant: lets a link whose cohort's links
 * expired through while something of its holder's is published, so that withdrawing it — and
 * seeing what is published — never stops working. Everything else answers 401 link_expired.
 */
export const whilePublished = createMiddleware<AppEnv>(async (c, next) => {
  c.set('whilePublished', true);
  await next();
});

/**
 * The participant a page's link names (`?t=TOKEN`), or a 401 page that says what to do when the
 * link is missing, no longer valid, or its cohort has ended (after `whilePublished`, an ended link
 * with something published passes, with `linkEndedOn` set).
 */
export const requireLink = createMiddleware<LinkEnv>(async (c, next) => {
  const token = c.req.query('t') ?? '';
  if (!token) {
    fail(401, 'unauthorized', message('errors.link.missing'), { page: message('errors.link.missing.title') });
  }
  const link = await checkLink(c.env.DB, c.env.LINK_SECRET, token, new Date());
  if ('refused' in link && link.refused === 'ended' && c.get('whilePublished') && (await hasPublished(c.env.DB, link.participant.id))) {
    c.set('linkEndedOn', link.endsOn);
  } else if ('refused' in link) {
    if (link.refused === 'ended') {
      // Refused, but its holder is known: told so in their language.
      speak(c, link.participant.language);
      fail(401, 'link_expired', endedMessage(link.endsOn), { page: message('errors.link.ended.title') });
    }
    fail(401, 'unauthorized', message('errors.link.replaced'), { page: message('errors.link.replaced.title') });
  }
  c.set('participant', link.participant);
  speak(c, link.participant.language);
  c.set('token', token);
  await next();
});
