/** How each participant chose to be reminded: their page's Reminders form, and the one-click unsubscribe. */

export interface ReminderSettings {
  byMail: boolean;
  hour: number;
  /** Their own timezone; null: the cohort's. */
  timezone: string | null;
  quiet: { from: number; until: number } | null;
  unsubscribed: boolean;
}

export async function getReminderSettings(db: D1Database, participantId: number): Promise<ReminderSettings> {
  const row = await db
    .prepare('SELECT timezone, remind_hour, quiet_from, quiet_until, by_mail, unsubscribed_at FROM reminder_settings WHERE participant_id = ?1')
    .bind(participantId)
    .first<{ timezone: string | null; remind_hour: number; quiet_from: number | null; quiet_until: number | null; by_mail: number; unsubscribed_at: string | null }>();
  if (!row) return { byMail: true, hour: 9, timezone: null, quiet: null, unsubscribed: false };
  return {
    byMail: row.by_mail === 1 && row.unsubscribed_at === null,
    hour: row.remind_hour,
    timezone: row.timezone,
    quiet: row.quiet_from !== null && row.quiet_until !== null ? { from: row.quiet_from, until: row.quiet_until } : null,
    unsubscribed: row.unsubscribed_at !== null,
  };
}

/** Saves how a participant is reminded; turning mail on again clears an unsubscribe. */
export async function saveReminderSettings(db: D1Database, participantId: number, s: { byMail: boolean; hour: number; timezone: string | null; quiet: { from: number; until: number } | null }): Promise<void> {
  await db
    .prepare(
      `INSERT INTO reminder_settings (participant_id, timezone, remind_hour, quiet_from, quiet_until, by_mail, unsubscribed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)
       ON CONFLICT (participant_id) DO UPDATE SET timezone = excluded.timezone, remind_hour = excluded.remind_hour, quiet_from = excluded.quiet_from,
         quiet_until = excluded.quiet_until, by_mail = excluded.by_mail, unsubscribed_at = CASE WHEN excluded.by_mail = 1 THEN NULL ELSE unsubscribed_at END`,
    )
    .bind(participantId, s.timezone, s.hour, s.quiet?.from ?? null, s.quiet?.until ?? null, s.byMail ? 1 : 0)
    .run();
}

/** The one-click unsubscribe: mail stays off until they turn it on again on their page. Idempotent. */
export async function unsubscribe(db: D1Database, participantId: number, now: Date): Promise<void> {
  await db
    .prepare(
      `INSERT INTO reminder_settings (participant_id, by_mail, unsubscribed_at) VALUES (?1, 0, ?2)
       ON CONFLICT (participant_id) DO UPDATE SET by_mail = 0, unsubscribed_at = COALESCE(unsubscribed_at, excluded.unsubscribed_at)`,
    )
    .bind(participantId, now.toISOString())
    .run();
}
