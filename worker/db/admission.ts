/**
 * Admitting a form post: does the link still name a current participant, and have they stayed
 * under the rate limit? A post's link is verified without reading D1 (the token spells out the
 * cohort, see worker/domain/links.ts), and the cohort's calendar comes from a per-isolate cache, so the
 * rest of the check is a WHERE clause (`admissionSql`) in the very statement that stores the post:
 * checking and storing take one D1 round trip, and a refused post stores nothing. When that
 * statement stores nothing, `admit` reads what happened: a revoked or forgotten link, too many
 * posts, or a cohort whose calendar changed since it was cached (then the post is tried again).
 */
import { cadenceChangesJson } from '../domain/cadence.ts';
import { cohortLinksExpired } from '../domain/links.ts';
import type { CohortCalendar } from '../domain/weeks.ts';
import { calendarFrom, type CalendarRow } from './cohorts.ts';
import { participantFrom, PARTICIPANT_COLUMNS, type Participant, type ParticipantRow } from './participants.ts';
import { hasPublished } from './published.ts';

/**
 * Posts of one kind (check-ins, goals, …) a participant may make in a minute: far more than anyone
 * needs, and it stops a runaway script. Counting one kind keeps the count to one index range.
 */
export const POSTS_PER_MINUTE = 30;

/** At most `max` posts stored since `since` (an ISO time). */
export interface PostLimit {
  since: string;
  max: number;
}

export function postLimit(now: Date, max = POSTS_PER_MINUTE): PostLimit {
  return { since: new Date(now.getTime() - 60_000).toISOString(), max };
}

/**
 * Who a verified link names, as the Worker knows without reading the participant. A Participant
 * read from D1 is an Author too (without a limit: the mentor's own tools, such as the demo).
 */
export interface Author {
  id: number;
  cohortId: number;
  linkVersion: number;
  /** What the week of a post and the end of its links are worked out from. */
  cohort: CohortCalendar;
  limit?: PostLimit;
}

/** Every kind of post; each table has an index on (participant_id, submitted_at) for the limit. */
export type PostTable = 'checkins' | 'reflections' | 'contracts' | 'goals' | 'milestones' | 'feedback' | 'pulses' | 'program_feedback';

/** SQL for the posts of a kind participant `p` stored since the parameter `since`. */
function recentPostsSql(table: PostTable, since: string): string {
  return `(SELECT count(*) FROM ${table} WHERE participant_id = p.id AND submitted_at > ${since})`;
}

/**
 * The WHERE clause, over `participants p`, that admits the author's post to a table: the link's
 * participant, cohort and version, the calendar the Worker used (its cadence changes included, as
 * the text they are stored as), and the limit. Its parameters are numbered from `first`.
 * (Subqueries, not a join with cohorts: as a join the upsert took a fifth longer in local D1.)
 */
export function admissionSql(author: Author, table: PostTable, first: number): { where: string; params: (string | number | null)[] } {
  const n = (i: number) => `?${first + i}`;
  const { startsOn, cadenceDays, timezone, endsOn, cadenceChanges } = author.cohort;
  const params: (string | number | null)[] = [author.id, author.cohortId, author.linkVersion, startsOn, cadenceDays, timezone, endsOn, cadenceChangesJson(cadenceChanges)];
  let where = `p.id = ${n(0)} AND p.cohort_id = ${n(1)} AND p.link_version = ${n(2)}
    AND (SELECT starts_on = ${n(3)} AND cadence_days = ${n(4)} AND timezone = ${n(5)} AND ends_on IS ${n(6)} AND cadence_changes = ${n(7)}
         FROM cohorts WHERE id = p.cohort_id)`;
  if (author.limit) {
    where += ` AND ${recentPostsSql(table, n(8))} < ${n(9)}`;
    params.push(author.limit.since, author.limit.max);
  }
  return { where, params };
}

const calendars = new Map<number, CohortCalendar>();

/** A cohort's calendar, read once per isolate; `admissionSql` notices when it has changed since, and `admit` reads it anew. */
export async function calendarOf(db: D1Database, cohortId: number): Promise<CohortCalendar | null> {
  const cached = calendars.get(cohortId);
  if (cached) return cached;
  const row = await db.prepare('SELECT timezone, cadence_days, starts_on, ends_on, cadence_changes FROM cohorts WHERE id = ?1').bind(cohortId).first<CalendarRow>();
  if (!row) return null;
  const calendar = calendarFrom(row);
  calendars.set(cohortId, calendar);
  return calendar;
}

/** What a post's link and its holder's recent posts allow now. */
export type Admission = { participant: Participant } | { refused: 'invalid' } | { refused: 'ended'; endsOn: string } | { refused: 'limited' };

/**
 * Reads the participant a verified link names and decides whether they may post now: the link is
 * current and, given the kind of post (`table`), they are under the link's limit of stored posts.
 * With `whilePublished`, a link whose cohort's links expired is still admitted while something of
 * its holder's is published (to withdraw it). Refreshes the cached calendar of their cohort.
 */
export async function admit(db: D1Database, link: Pick<Author, 'id' | 'cohortId' | 'linkVersion' | 'limit'>, now: Date, table?: PostTable, whilePublished = false): Promise<Admission> {
  const limit = table && link.limit;
  const row = await db
    .prepare(
      `SELECT ${PARTICIPANT_COLUMNS}, ${limit ? recentPostsSql(table!, '?3') : '0'} AS recent_posts
       FROM participants p JOIN cohorts c ON c.id = p.cohort_id WHERE p.id = ?1 AND p.link_version = ?2`,
    )
    .bind(link.id, link.linkVersion, ...(limit ? [limit.since] : []))
    .first<ParticipantRow & { recent_posts: number }>();
  if (!row || row.cohort_id !== link.cohortId) return { refused: 'invalid' };
  const participant = participantFrom(row);
  calendars.set(participant.cohortId, participant.cohort);
  if (cohortLinksExpired(participant.cohort, now) && !(whilePublished && (await hasPublished(db, participant.id)))) return { refused: 'ended', endsOn: participant.cohort.endsOn! };
  if (limit && row.recent_posts >= limit.max) return { refused: 'limited' };
  return { participant };
}
