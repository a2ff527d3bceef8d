/**
 * A prototype, for the route bench only (the Worker does not use it): the check-in post in one D1
 * round trip, to measure the change proposed in bench/RESULTS.md before anyone makes it.
 *
 * - The link carries the cohort id: `<participant>.<cohort>.<version>.<signature>`. The signature
 *   is the one `signToken` makes today (it already covers the cohort id), so it is checked
 *   without reading the participant first.
 * - The cohort's calendar (for the week and the link's expiry) comes from a per-isolate cache: every
 *   participant of a cohort shares it, so it is read once per cohort, not once per post.
 * - The insert itself checks that the link is still current: INSERT … SELECT … FROM participants
 *   WHERE id, cohort and link_version match. A revoked or forgotten participant inserts nothing → 401.
 * Everything else is the real route's: the same middleware, body parsing, schema and row. The
 * carry-forward check (one more read, only when its box is ticked) is left out: the bench never ticks it.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { linksExpired, verifyClaim } from '../worker/auth.ts';
import type { Participant } from '../worker/db/participants.ts';
import { checkinRow } from '../worker/db/submissions.ts';
import { cycleAt, localDate } from '../worker/domain/weeks.ts';
import { checkinSchema } from '../worker/forms/checkin.ts';
import type { AppEnv } from '../worker/http/app-env.ts';
import { errorBody, fail } from '../worker/http/errors.ts';
import { parseSubmission, readBody, refuseHoneypot } from '../worker/http/submission.ts';

type Calendar = Participant['cohort'];

const calendars = new Map<number, Promise<Calendar | null>>();

function calendarOf(db: D1Database, cohortId: number): Promise<Calendar | null> {
  let calendar = calendars.get(cohortId);
  if (!calendar) {
    calendar = db
      .prepare('SELECT slug, name, timezone, cadence_days AS cadenceDays, starts_on AS startsOn, ends_on AS endsOn FROM cohorts WHERE id = ?1')
      .bind(cohortId)
      .first<Calendar>();
    calendars.set(cohortId, calendar);
  }
  return calendar;
}

/** The upsert of the real route, guarded by the link: nothing is inserted unless it is current. */
function guardedUpsert(db: D1Database, row: Record<string, string | number | null>, linkVersion: number): D1PreparedStatement {
  const columns = Object.keys(row);
  const fromParticipant: Record<string, string> = { participant_id: 'p.id', cohort_id: 'p.cohort_id', pair_id: 'p.pair_id' };
  const values = columns.map((c, i) => fromParticipant[c] ?? `?${i + 1}`);
  const identity = new Set(['idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'submitted_at']);
  const answers = columns.filter((c) => !identity.has(c)).map((c) => `${c} = excluded.${c}`);
  const n = columns.length;
  return db
    .prepare(
      `INSERT INTO checkins (${columns.join(', ')}) SELECT ${values.join(', ')} FROM participants p
       WHERE p.id = ?${n + 1} AND p.cohort_id = ?${n + 2} AND p.link_version = ?${n + 3}
       ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${answers.join(', ')}, revision = revision + 1
       RETURNING id, week, revision`,
    )
    .bind(...Object.values(row), row.participant_id, row.cohort_id, linkVersion);
}

export const oneTrip = new Hono<AppEnv>();
oneTrip.use(secureHeaders());
oneTrip.use('/api/*', csrf(), bodyLimit({ maxSize: 32 * 1024 }));
oneTrip.post('/api/checkins', readBody, refuseHoneypot, async (c) => {
  const token = (c.req.header('authorization') ?? '').replace(/^Bearer /, '');
  const match = /^([1-9]\d{0,14})\.([1-9]\d{0,14})\.([1-9]\d{0,8})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) fail(401, 'unauthorized', 'This link is not valid.');
  const [participantId, cohortId, linkVersion] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const genuine = await verifyClaim(c.env.LINK_SECRET, { participantId, linkVersion, signature: match[4]! }, { participantId, cohortId, linkVersion });
  if (!genuine) fail(401, 'unauthorized', 'This link is not valid.');
  const { success } = await c.env.POST_LIMITER.limit({ key: `participant:${participantId}` });
  if (!success) fail(429, 'rate_limited', 'Wait a minute, then send the form again.');
  const cohort = await calendarOf(c.env.DB, cohortId);
  const now = new Date();
  if (!cohort || (cohort.endsOn !== null && linksExpired(cohort.endsOn, localDate(now, cohort.timezone)))) fail(401, 'unauthorized', 'This link is not valid.');
  const input = parseSubmission(c, checkinSchema, '/checkin/');
  const week = cycleAt(cohort, now);
  const owner = { id: participantId, cohortId, pairId: null } as Participant;
  const stored = await guardedUpsert(c.env.DB, checkinRow(owner, week, { ...input, carry_forward: false }, now), linkVersion).first<{ id: number; week: number; revision: number }>();
  if (!stored) fail(401, 'unauthorized', 'This link is not valid (it may have been replaced).');
  if (stored.revision > 1) c.header('Idempotent-Replayed', 'true');
  return c.json({ id: stored.id, week: stored.week }, 201);
});
oneTrip.onError((err, c) => (err instanceof HTTPException ? c.json(errorBody(err), err.status) : c.json({ error: String(err) }, 500)));

/** A link in the prototype's form: today's token with the cohort id spelled out. */
export function oneTripToken(token: string, cohortId: number): string {
  const [participant, version, signature] = token.split('.');
  return `${participant}.${cohortId}.${version}.${signature}`;
}
