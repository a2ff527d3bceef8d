/** A participant's data rights, for the mentor: everything stored about them, forgetting them, new links. */

/** The tables holding a participant's rows, and the column that names them. */
const THEIR_ROWS = [
  ['checkins', 'participant_id'],
  ['reflections', 'participant_id'],
  ['contracts', 'participant_id'],
  ['contract_confirmations', 'participant_id'],
  ['goals', 'participant_id'],
  ['milestones', 'participant_id'],
  ['feedback', 'participant_id'],
  ['pulses', 'participant_id'],
  ['program_feedback', 'participant_id'],
  ['pair_memberships', 'participant_id'],
  ['congratulations', 'participant_id'],
  ['reminder_settings', 'participant_id'],
  ['messages', 'participant_id'],
] as const;

export interface PersonExport {
  participant: Record<string, unknown>;
  /** Feedback others gave them. */
  feedback_received: Record<string, unknown>[];
  [table: string]: unknown;
}

/** Everything stored about a participant, as it is stored; null when there is no such participant. */
export async function exportParticipant(db: D1Database, id: number): Promise<PersonExport | null> {
  const [person, received, ...tables] = await db.batch([
    db.prepare('SELECT p.*, c.slug AS cohort_slug, c.name AS cohort_name FROM participants p JOIN cohorts c ON c.id = p.cohort_id WHERE p.id = ?1').bind(id),
    db.prepare('SELECT * FROM feedback WHERE receiver_id = ?1 ORDER BY id').bind(id),
    ...THEIR_ROWS.map(([table, column]) => db.prepare(`SELECT * FROM ${table} WHERE ${column} = ?1`).bind(id)),
  ]);
  const participant = person!.results[0] as Record<string, unknown> | undefined;
  if (!participant) return null;
  return {
    participant,
    ...Object.fromEntries(THEIR_ROWS.map(([table], i) => [table, tables[i]!.results])),
    feedback_received: received!.results as Record<string, unknown>[],
  };
}

/**
 * Deletes a participant and, by cascade, every row of theirs (and feedback addressed to them);
 * the next build drops them from every page. Returns the display name, or null when unknown.
 */
export async function forgetParticipant(db: D1Database, id: number): Promise<string | null> {
  const row = await db.prepare('DELETE FROM participants WHERE id = ?1 RETURNING display_name').bind(id).first<{ display_name: string }>();
  return row?.display_name ?? null;
}

/** Revokes every link of a participant by moving their link version on; null when unknown. */
export async function revokeLinks(db: D1Database, id: number): Promise<{ cohortId: number; linkVersion: number; displayName: string } | null> {
  const row = await db
    .prepare('UPDATE participants SET link_version = link_version + 1 WHERE id = ?1 RETURNING cohort_id, link_version, display_name')
    .bind(id)
    .first<{ cohort_id: number; link_version: number; display_name: string }>();
  return row && { cohortId: row.cohort_id, linkVersion: row.link_version, displayName: row.display_name };
}
