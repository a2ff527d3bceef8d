/** Writing a cohort's roster: circles, pairs, participants and who is in which pair since when, in one transaction. */
import type { Locale } from '../domain/locales.ts';
import { shownNameProblem } from '../domain/names.ts';
import { cycleOn, localDate } from '../domain/weeks.ts';
import { calendarFrom, type CalendarRow } from './cohorts.ts';

export interface RosterEntry {
  name: string;
  email: string;
  role: 'mentor' | 'mentee';
  pair: string;
  circle: string;
  /** How they are reminded, when the roster says (its optional columns); otherwise as they chose, or the defaults. */
  reminders?: { timezone: string | null; hour: number; byMail: boolean };
  /**
   * Their own language when the roster has a `language` column (null: left empty, so their cohort's);
   * absent without the column, and a re-import keeps what they chose on their page.
   */
  language?: Locale | null;
}

export interface RosterResult {
  participants: number;
  pairs: number;
  circles: number;
}

/**
 * Imports (or re-imports) a roster. Participants are matched by e-mail within the cohort, so a
 * second import updates names, roles and pairs without losing anyone's history. New people join
 * today (or on `joinedOn`); a re-import keeps the day someone joined. All or nothing: one D1 batch
 * is one transaction.
 */
export async function importRoster(db: D1Database, cohortId: number, entries: RosterEntry[], joinedOn?: string): Promise<RosterResult> {
  // The CLI reads the file with the same check and names each line; this holds every other caller to it.
  const problems = entries.flatMap((e, i) =>
    (['name', 'pair', 'circle'] as const).flatMap((field) => {
      const problem = shownNameProblem(field, e[field]);
      return problem ? [`entry ${i + 1}: ${problem}`] : [];
    }),
  );
  if (problems.length) throw new Error(`The roster was not imported; nothing was changed:\n  - ${problems.join('\n  - ')}`);
  const row = await db.prepare('SELECT timezone, cadence_days, starts_on, ends_on, cadence_changes FROM cohorts WHERE id = ?1').bind(cohortId).first<CalendarRow>();
  if (!row) throw new Error(`There is no cohort ${cohortId}.`);
  const calendar = calendarFrom(row);
  // The week from which this import's pairs hold: a new partner reads the other's words from it on.
  const week = cycleOn(calendar, joinedOn ?? localDate(new Date(), calendar.timezone));
  const circles = [...new Set(entries.map((e) => e.circle).filter(Boolean))];
  const pairs = new Map<string, string>();
  for (const e of entries) if (e.pair) pairs.set(e.pair, e.circle);

  const statements = [
    ...circles.map((label) => db.prepare('INSERT INTO circles (cohort_id, label) VALUES (?1, ?2) ON CONFLICT DO NOTHING').bind(cohortId, label)),
    ...[...pairs].map(([label, circle]) =>
      db
        .prepare(
          `INSERT INTO pairs (cohort_id, label, circle_id) VALUES (?1, ?2, (SELECT id FROM circles WHERE cohort_id = ?1 AND label = ?3))
           ON CONFLICT (cohort_id, label) DO UPDATE SET circle_id = excluded.circle_id`,
        )
        .bind(cohortId, label, circle),
    ),
    ...entries.map((e) =>
      db
        .prepare(
          // Numbered past every id ever used, forgotten ones included (migration 0007).
          `INSERT INTO participants (id, cohort_id, role, display_name, email, pair_id, joined_on, language)
           VALUES (MAX(COALESCE((SELECT MAX(id) FROM participants), 0), COALESCE((SELECT MAX(id) FROM retired_participant_ids), 0)) + 1,
                   ?1, ?2, ?3, ?4, (SELECT id FROM pairs WHERE cohort_id = ?1 AND label = ?5), COALESCE(?6, date('now')), ?7)
           ON CONFLICT (cohort_id, email) DO UPDATE SET role = excluded.role, display_name = excluded.display_name, pair_id = excluded.pair_id,
             language = CASE WHEN ?8 THEN excluded.language ELSE participants.language END`,
        )
        .bind(cohortId, e.role, e.name, e.email, e.pair, joinedOn ?? null, e.language ?? null, e.language !== undefined ? 1 : 0),
    ),
    ...entries
      .filter((e) => e.reminders)
      .map((e) =>
        db
          .prepare(
            `INSERT INTO reminder_settings (participant_id, timezone, remind_hour, by_mail)
             SELECT id, ?3, ?4, ?5 FROM participants WHERE cohort_id = ?1 AND email = ?2
             ON CONFLICT (participant_id) DO UPDATE SET timezone = excluded.timezone, remind_hour = excluded.remind_hour, by_mail = excluded.by_mail`,
          )
          .bind(cohortId, e.email, e.reminders!.timezone, e.reminders!.hour, e.reminders!.byMail ? 1 : 0),
      ),
    // Someone who moved to another pair (or out of one) leaves it at this week…
    db
      .prepare(
        `UPDATE pair_memberships SET until_week = ?2
         WHERE until_week IS NULL AND participant_id IN (SELECT id FROM participants WHERE cohort_id = ?1)
           AND pair_id IS NOT (SELECT pair_id FROM participants WHERE id = pair_memberships.participant_id)`,
      )
      .bind(cohortId, week),
    // …and everyone in a pair is a member of it from this week, unless they already were.
    db
      .prepare(
        `INSERT INTO pair_memberships (participant_id, pair_id, from_week)
         SELECT p.id, p.pair_id, ?2 FROM participants p
         WHERE p.cohort_id = ?1 AND p.pair_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM pair_memberships m WHERE m.participant_id = p.id AND m.pair_id = p.pair_id AND m.until_week IS NULL)
         ON CONFLICT (participant_id, from_week, pair_id) DO UPDATE SET until_week = NULL`,
      )
      .bind(cohortId, week),
  ];
  await db.batch(statements);
  return { participants: entries.length, pairs: pairs.size, circles: circles.length };
}

/** The roster as stored: everyone in a cohort with their pair and circle labels (mentor-only: e-mails). */
export async function listRoster(db: D1Database, cohortId: number): Promise<RosterEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT p.display_name AS name, p.email, p.role, COALESCE(pr.label, '') AS pair, COALESCE(ci.label, '') AS circle
       FROM participants p LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN circles ci ON ci.id = pr.circle_id
       WHERE p.cohort_id = ?1 ORDER BY p.id`,
    )
    .bind(cohortId)
    .all<RosterEntry>();
  return results;
}
