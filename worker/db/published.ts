/**
 * What of a participant's own words is published (consent `cohort` or `public`), and withdrawing
 * it in one step: the item becomes private and leaves the site at the next build.
 */
import type { Publishable, SharedConsent } from '../domain/consent.ts';
import type { Participant } from './participants.ts';

export interface PublishedItem {
  kind: Publishable;
  id: number;
  week: number;
  text: string;
  consent: SharedConsent;
}

export async function listPublished(db: D1Database, participantId: number): Promise<PublishedItem[]> {
  const { results } = await db
    .prepare(
      `SELECT 'win' AS kind, id, week, win AS text, win_consent AS consent FROM checkins WHERE participant_id = ?1 AND win_consent <> 'private' AND win <> ''
       UNION ALL
       SELECT 'reflection', id, week, CASE WHEN strategy_title <> '' THEN strategy_title || ': ' || insight ELSE insight END, consent
       FROM reflections WHERE participant_id = ?1 AND consent <> 'private' AND (insight <> '' OR strategy_title <> '')
       UNION ALL
       SELECT 'milestone', id, week, title, consent FROM milestones WHERE participant_id = ?1 AND consent <> 'private'
       ORDER BY 3 DESC, 2 DESC`,
    )
    .bind(participantId)
    .all<PublishedItem>();
  return results;
}

const WITHDRAW: Record<Publishable, string> = {
  win: `UPDATE checkins SET win_consent = 'private' WHERE id = ?1 AND participant_id = ?2`,
  reflection: `UPDATE reflections SET consent = 'private' WHERE id = ?1 AND participant_id = ?2`,
  milestone: `UPDATE milestones SET consent = 'private' WHERE id = ?1 AND participant_id = ?2`,
};

/** Makes one of the participant's items private again; false when it is not theirs. */
export async function withdrawConsent(db: D1Database, participant: Participant, kind: Publishable, id: number): Promise<boolean> {
  const result = await db.prepare(WITHDRAW[kind]).bind(id, participant.id).run();
  return result.meta.changes > 0;
}
