/** Changing who may read one of a participant's own items: sharing it, or making it private again. */
import type { Consent } from '../forms/fields.ts';
import type { Participant } from './participants.ts';
import type { Publishable } from './published.ts';

const SET_CONSENT: Record<Publishable, string> = {
  win: `UPDATE checkins SET win_consent = ?3 WHERE id = ?1 AND participant_id = ?2 AND win <> ''`,
  reflection: `UPDATE reflections SET consent = ?3 WHERE id = ?1 AND participant_id = ?2`,
  milestone: `UPDATE milestones SET consent = ?3 WHERE id = ?1 AND participant_id = ?2`,
};

/** Sets the consent of one of the participant's items; false when it is not theirs. Shown on the site from the next build. */
export async function setConsent(db: D1Database, participant: Participant, kind: Publishable, id: number, consent: Consent): Promise<boolean> {
  const result = await db.prepare(SET_CONSENT[kind]).bind(id, participant.id, consent).run();
  return result.meta.changes > 0;
}
