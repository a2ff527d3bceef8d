/** Cohorts: the unit a mentor runs, publishes and reports on. */
import { cadenceChangesJson, readCadenceChanges } from '../domain/cadence.ts';
import { DEFAULT_LOCALE, localeOr, type Locale } from '../domain/locales.ts';
import type { CohortCalendar, Rhythm } from '../domain/weeks.ts';

export type Publication = 'public' | 'unlisted' | 'private';

export interface Cohort extends CohortCalendar {
  id: number;
  slug: string;
  name: string;
  publication: Publication;
  /** The language of its published pages and webhook messages, and of its participants who chose none. */
  language: Locale;
  /** Where the cohort's pages are built: null for a private cohort (not built at all). */
  path: string | null;
}

/** The columns of `cohorts` its calendar is read from. */
export interface CalendarRow {
  timezone: string;
  cadence_days: number;
  starts_on: string;
  ends_on: string | null;
  cadence_changes: string;
}

/** A cohort's calendar from its row. */
export function calendarFrom(row: CalendarRow): CohortCalendar {
  return { timezone: row.timezone, cadenceDays: row.cadence_days, startsOn: row.starts_on, endsOn: row.ends_on, cadenceChanges: readCadenceChanges(row.cadence_changes) };
}

interface CohortRow extends CalendarRow {
  id: number;
  slug: string;
  name: string;
  publication: Publication;
  language: string;
  share_key: string;
}

const COLUMNS = 'id, slug, name, timezone, cadence_days, starts_on, ends_on, cadence_changes, publication, language, share_key';

/**
 * Where a cohort's pages live: /cohorts/<slug>/ when public; when unlisted, a path with the
 * cohort's random share key in it, so it cannot be guessed from the slug; nowhere when private.
 */
export function cohortPath(slug: string, publication: Publication, shareKey: string): string | null {
  if (publication === 'public') return `/cohorts/${slug}/`;
  if (publication === 'unlisted') return `/cohorts/${slug}-${shareKey}/`;
  return null;
}

export function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    ...calendarFrom(row),
    publication: row.publication,
    language: localeOr(row.language, DEFAULT_LOCALE),
    path: cohortPath(row.slug, row.publication, row.share_key),
  };
}

/** A new cohort: its rhythm has not changed yet. */
export type NewCohort = Omit<Cohort, 'id' | 'path' | 'cadenceChanges'>;

/** Adds a cohort; null when the slug is taken. */
export async function insertCohort(db: D1Database, cohort: NewCohort): Promise<Cohort | null> {
  const row = await db
    .prepare(
      `INSERT INTO cohorts (slug, name, timezone, cadence_days, starts_on, ends_on, publication, language, share_key)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, lower(hex(randomblob(10)))) ON CONFLICT (slug) DO NOTHING RETURNING ${COLUMNS}`,
    )
    .bind(cohort.slug, cohort.name, cohort.timezone, cohort.cadenceDays, cohort.startsOn, cohort.endsOn, cohort.publication, cohort.language)
    .first<CohortRow>();
  return row ? toCohort(row) : null;
}

export async function getCohortBySlug(db: D1Database, slug: string): Promise<Cohort | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM cohorts WHERE slug = ?1`).bind(slug).first<CohortRow>();
  return row ? toCohort(row) : null;
}

/** Cohorts whose pages are built: every cohort but the private ones, oldest first. */
export async function listPublishedCohorts(db: D1Database): Promise<Cohort[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM cohorts WHERE publication IN ('public', 'unlisted') ORDER BY starts_on, slug`)
    .all<CohortRow>();
  return results.map(toCohort);
}

/** Changes the language of a cohort's pages (and of its participants who chose none); null when there is no such cohort. */
export async function setCohortLanguage(db: D1Database, slug: string, language: Locale): Promise<Cohort | null> {
  const row = await db.prepare(`UPDATE cohorts SET language = ?2 WHERE slug = ?1 RETURNING ${COLUMNS}`).bind(slug, language).first<CohortRow>();
  return row ? toCohort(row) : null;
}

/** Changes who may see a cohort's pages; null when there is no such cohort. */
export async function setPublication(db: D1Database, slug: string, publication: Publication): Promise<Cohort | null> {
  const row = await db.prepare(`UPDATE cohorts SET publication = ?2 WHERE slug = ?1 RETURNING ${COLUMNS}`).bind(slug, publication).first<CohortRow>();
  return row ? toCohort(row) : null;
}

/** The cohort's rows that carry one of its week numbers: a new first day would move them all to other weeks. */
const NOTHING_IN_ITS_WEEKS = ['checkins', 'reflections', 'contracts', 'goals', 'milestones', 'feedback', 'pulses', 'program_feedback']
  .map((table) => `NOT EXISTS (SELECT 1 FROM ${table} WHERE cohort_id = ?1)`)
  .join(' AND ');

/**
 * Gives a cohort new dates and the rhythm that goes with them (worker/domain/cohort-dates.ts bounds
 * them). A new first day is taken only while nothing is stored in the cohort's weeks, and only if
 * the rhythm is still the one read; then, since no week holds anything yet, everyone's pair
 * membership counts from week 1 (one transaction). Null when refused or when there is no such cohort.
 */
export async function setDates(db: D1Database, cohort: Pick<Cohort, 'id'> & Rhythm, dates: { startsOn: string; endsOn: string | null }, rhythm: Rhythm): Promise<Cohort | null> {
  const moves = dates.startsOn !== cohort.startsOn;
  const guard = `starts_on = ?4 AND cadence_days = ?5 AND cadence_changes = ?6${moves ? ` AND ${NOTHING_IN_ITS_WEEKS}` : ''}`;
  const ofCohort = 'participant_id IN (SELECT id FROM participants WHERE cohort_id = ?1)';
  const [updated] = await db.batch<CohortRow>([
    db
      .prepare(`UPDATE cohorts SET starts_on = ?2, ends_on = ?3, cadence_days = ?7, cadence_changes = ?8 WHERE id = ?1 AND ${guard} RETURNING ${COLUMNS}`)
      .bind(cohort.id, dates.startsOn, dates.endsOn, cohort.startsOn, cohort.cadenceDays, cadenceChangesJson(cohort.cadenceChanges), rhythm.cadenceDays, cadenceChangesJson(rhythm.cadenceChanges)),
    ...(moves
      ? [
          // Runs after the update: it finds the new first day only if the update was made.
          db.prepare(`DELETE FROM pair_memberships WHERE until_week IS NOT NULL AND ${ofCohort} AND EXISTS (SELECT 1 FROM cohorts WHERE id = ?1 AND starts_on = ?2) AND ${NOTHING_IN_ITS_WEEKS}`).bind(cohort.id, dates.startsOn),
          db.prepare(`UPDATE pair_memberships SET from_week = 1 WHERE ${ofCohort} AND EXISTS (SELECT 1 FROM cohorts WHERE id = ?1 AND starts_on = ?2) AND ${NOTHING_IN_ITS_WEEKS}`).bind(cohort.id, dates.startsOn),
        ]
      : []),
  ]);
  const row = updated?.results[0];
  return row ? toCohort(row) : null;
}

/** Whether anything is stored in the cohort's weeks (check-ins, reflections, contracts, goals, …). */
export async function hasRecordsInWeeks(db: D1Database, cohortId: number): Promise<boolean> {
  const row = await db.prepare(`SELECT ${NOTHING_IN_ITS_WEEKS} AS empty`).bind(cohortId).first<{ empty: number }>();
  return row?.empty === 0;
}

/**
 * Gives a cohort a new rhythm (worker/domain/cadence.ts plans it) if its rhythm is still the one
 * the plan was made from; null when there is no such cohort or its rhythm changed meanwhile.
 */
export async function setCadence(db: D1Database, cohort: Pick<Cohort, 'id'> & Rhythm, rhythm: Rhythm): Promise<Cohort | null> {
  const row = await db
    .prepare(
      `UPDATE cohorts SET cadence_days = ?2, cadence_changes = ?3
       WHERE id = ?1 AND starts_on = ?4 AND cadence_days = ?5 AND cadence_changes = ?6 RETURNING ${COLUMNS}`,
    )
    .bind(cohort.id, rhythm.cadenceDays, cadenceChangesJson(rhythm.cadenceChanges), cohort.startsOn, cohort.cadenceDays, cadenceChangesJson(cohort.cadenceChanges))
    .first<CohortRow>();
  return row ? toCohort(row) : null;
}

export async function countCohorts(db: D1Database): Promise<number> {
  const row = await db.prepare('SELECT COUNT(*) AS n FROM cohorts').first<{ n: number }>();
  return row?.n ?? 0;
}

/** Deletes a cohort and, by cascade, everything in it. */
export async function deleteCohort(db: D1Database, id: number): Promise<void> {
  await db.prepare('DELETE FROM cohorts WHERE id = ?1').bind(id).run();
}
