/**
 * Retention: free text older than a cohort's retention period is blanked by the scheduled job,
 * while the rows stay, so aggregates (engagement, completion, ratings, pulse means) are kept.
 */

/** The free-text columns of each table (test/worker/retention.test.ts holds it to the schema). */
export const FREE_TEXT: Record<string, readonly string[]> = {
  checkins: ['progress', 'obstacles', 'next_step', 'committed_action', 'win', 'challenge', 'decision_reason'],
  reflections: ['working', 'not_working', 'why', 'assumption', 'insight', 'strategy_title', 'strategy_body', 'strategy_tags'],
  feedback: ['behaviour', 'impact', 'next_step'],
  pulses: ['comment'],
  program_feedback: ['tools', 'expectations', 'suggestion'],
  milestones: ['title'],
  goals: ['what', 'measure', 'target'],
  // A pair's agreement: its words are theirs (and shown on their pages); version, day, time and dates stay.
  contracts: ['purpose', 'channel', 'boundaries', 'success_measure', 'contributions', 'dialogue_format'],
  // Reminders name people and carry their links: emptied like what they wrote.
  messages: ['subject', 'text', 'html'],
};

/** When a row was written: a submission's `submitted_at`, a message's `created_at`. */
const WRITTEN_AT: Record<string, string> = { messages: 'created_at' };

/**
 * Empties the free text of submissions older than each cohort's retention period (in whole months
 * before `now`); emptied text drops out of every page. Returns how many rows were emptied.
 */
export async function applyRetention(db: D1Database, now = new Date()): Promise<number> {
  const statements = Object.entries(FREE_TEXT).map(([table, columns]) =>
    db
      .prepare(
        `UPDATE ${table} SET ${columns.map((c) => `${c} = ''`).join(', ')}
         WHERE (${columns.map((c) => `${c} <> ''`).join(' OR ')})
         AND cohort_id IN (SELECT id FROM cohorts WHERE retention_months IS NOT NULL)
         AND ${WRITTEN_AT[table] ?? 'submitted_at'} < (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?1, '-' || retention_months || ' months') FROM cohorts WHERE id = ${table}.cohort_id)`,
      )
      .bind(now.toISOString()),
  );
  const results = await db.batch(statements);
  return results.reduce((sum, r) => sum + r.meta.changes, 0);
}

/** Sets (or clears, with null) how many months a cohort keeps free text; false for an unknown cohort. */
export async function setRetention(db: D1Database, slug: string, months: number | null): Promise<boolean> {
  const result = await db.prepare('UPDATE cohorts SET retention_months = ?2 WHERE slug = ?1').bind(slug, months).run();
  return result.meta.changes > 0;
}
