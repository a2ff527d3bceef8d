/** Participants as the Worker sees them when a signed link comes in. */
import { cohortLinksExpired, readToken, verifyClaim } from '../domain/links.ts';
import { DEFAULT_LOCALE, localeOr, type Locale } from '../domain/locales.ts';
import type { CohortCalendar } from '../domain/weeks.ts';
import { calendarFrom, type CalendarRow, type Cohort } from './cohorts.ts';

export interface Participant {
  id: number;
  cohortId: number;
  pairId: number | null;
  role: 'mentor' | 'mentee';
  displayName: string;
  linkVersion: number;
  /** The language their pages, forms and mails are in: their own choice, else their cohort's. */
  language: Locale;
  /** Whether they chose a language themselves (else `language` is their cohort's). */
  ownLanguage: boolean;
  /** Their cohort's calendar, and the names its pages and the participant's own pages show. */
  cohort: CohortCalendar & Pick<Cohort, 'slug' | 'name' | 'language'>;
}

export interface ParticipantRow extends CalendarRow {
  id: number;
  cohort_id: number;
  pair_id: number | null;
  role: 'mentor' | 'mentee';
  display_name: string;
  link_version: number;
  /** Their own language; null: their cohort's. */
  own_language: string | null;
  slug: string;
  name: string;
  language: string;
}

/** The columns of `participants p JOIN cohorts c` that make a Participant. */
export const PARTICIPANT_COLUMNS = `p.id, p.cohort_id, p.pair_id, p.role, p.display_name, p.link_version, p.language AS own_language,
  c.slug, c.name, c.language, c.timezone, c.cadence_days, c.starts_on, c.ends_on, c.cadence_changes`;

export function participantFrom(row: ParticipantRow): Participant {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    pairId: row.pair_id,
    role: row.role,
    displayName: row.display_name,
    linkVersion: row.link_version,
    language: localeOr(row.own_language, localeOr(row.language, DEFAULT_LOCALE)),
    ownLanguage: localeOr(row.own_language, null) !== null,
    cohort: { slug: row.slug, name: row.name, language: localeOr(row.language, DEFAULT_LOCALE), ...calendarFrom(row) },
  };
}

export async function getParticipant(db: D1Database, id: number): Promise<Participant | null> {
  const row = await db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants p JOIN cohorts c ON c.id = p.cohort_id WHERE p.id = ?1`).bind(id).first<ParticipantRow>();
  return row && participantFrom(row);
}

/** Sets the language a participant chose for their pages, forms and mails; null: their cohort's. */
export async function setOwnLanguage(db: D1Database, id: number, language: Locale | null): Promise<void> {
  await db.prepare('UPDATE participants SET language = ?2 WHERE id = ?1').bind(id, language).run();
}

/** The participant a link token names, or null when it is malformed, forged or revoked. */
export async function participantForToken(db: D1Database, secret: string, token: string): Promise<Participant | null> {
  const claim = readToken(token);
  if (!claim) return null;
  const participant = await getParticipant(db, claim.participantId);
  if (!participant) return null;
  const valid = await verifyClaim(secret, claim, {
    participantId: participant.id,
    cohortId: participant.cohortId,
    linkVersion: participant.linkVersion,
  });
  return valid ? participant : null;
}

/** What a link is worth now: its participant, or why it does not work. */
export type LinkCheck = { participant: Participant } | { refused: 'invalid' } | { refused: 'ended'; endsOn: string; participant: Participant };

/** The participant a link names, if it is genuine, current, and its cohort has not ended (plus grace). */
export async function checkLink(db: D1Database, secret: string, token: string, now: Date): Promise<LinkCheck> {
  const participant = await participantForToken(db, secret, token);
  if (!participant) return { refused: 'invalid' };
  if (cohortLinksExpired(participant.cohort, now)) return { refused: 'ended', endsOn: participant.cohort.endsOn!, participant };
  return { participant };
}

export interface LinkRecipient {
  id: number;
  cohortId: number;
  linkVersion: number;
  displayName: string;
  email: string;
  role: 'mentor' | 'mentee';
}

/** Everyone in a cohort with what their links are made from (mentor-only: includes e-mails). */
export async function listLinkRecipients(db: D1Database, cohortId: number): Promise<LinkRecipient[]> {
  const { results } = await db
    .prepare(
      `SELECT id, cohort_id, link_version, display_name, email, role FROM participants
       WHERE cohort_id = ?1 ORDER BY role, display_name`,
    )
    .bind(cohortId)
    .all<{ id: number; cohort_id: number; link_version: number; display_name: string; email: string; role: 'mentor' | 'mentee' }>();
  return results.map((r) => ({ id: r.id, cohortId: r.cohort_id, linkVersion: r.link_version, displayName: r.display_name, email: r.email, role: r.role }));
}
