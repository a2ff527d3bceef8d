/**
 * What of a participant's own words is published (consent `cohort` or `public`), and withdrawing
 * it in one step: the item becomes private and leaves the site at the next build.
 */
import type { Consent, Publishable, SharedConsent } from '../domain/consent.ts';
import { PUBLISHED } from './rules.ts';

export interface PublishedItem {
  kind: Publishable;
  id: number;
  week: number;
  text: string;
  consent: SharedConsent;
}

/**
 * The participant's published items, newest first. A reflection is one item however many of its
 * parts are shared (its consent covers them all), read as "strategy name: insight".
 */
export async function listPublished(db: D1Database, participantId: number): Promise<PublishedItem[]> {
  const { results } = await db
    .prepare(
      `SELECT CASE WHEN kind IN ('insight', 'strategy') THEN 'reflection' ELSE kind END AS kind, id, week,
              COALESCE(MAX(CASE kind WHEN 'strategy' THEN title || ': ' END), '') || COALESCE(MAX(CASE WHEN kind <> 'strategy' THEN text END), '') AS text,
              consent
       FROM (${PUBLISHED}) WHERE participant_id = ?1
       GROUP BY 1, id
       ORDER BY week DESC, id DESC`,
    )
    .bind(participantId)
    .all<PublishedItem>();
  return results;
}

const SET_CONSENT: Record<Publishable, string> = {
  win: `UPDATE checkins SET win_consent = ?3 WHERE id = ?1 AND participant_id = ?2 AND win <> ''`,
  reflection: `UPDATE reflections SET consent = ?3 WHERE id = ?1 AND participant_id = ?2`,
  milestone: `UPDATE milestones SET consent = ?3 WHERE id = ?1 AND participant_id = ?2`,
};

/**
 * Whether anything the participant wrote is published (shared with their cohort or publicly): while
 * it is, their link opens their page and withdraws, even after their cohort's links expired.
 */
export async function hasPublished(db: D1Database, participantId: number): Promise<boolean> {
  const row = await db.prepare(`SELECT 1 AS yes FROM (${PUBLISHED}) WHERE participant_id = ?1 LIMIT 1`).bind(participantId).first<{ yes: number }>();
  return row !== null;
}

/**
 * Sets who may read one of the participant's items: sharing it, or making it private again (it
 * leaves the site at the next build). False when it is not theirs.
 */
export async function setConsent(db: D1Database, participant: { id: number }, kind: Publishable, id: number, consent: Consent): Promise<boolean> {
  const result = await db.prepare(SET_CONSENT[kind]).bind(id, participant.id, consent).run();
  return result.meta.changes > 0;
}

/** One item a participant may share, as the mentor's `withdraw` names it. */
export interface PublishableItem {
  participantId: number;
  displayName: string;
  cohortSlug: string;
  week: number;
  text: string;
  consent: Consent;
}

// Each kind's item with its author: a reflection reads as "strategy name: insight", as on the participant's page.
const ITEM: Record<Publishable, string> = {
  win: `SELECT x.week, x.win AS text, x.win_consent AS consent, x.participant_id FROM checkins x WHERE x.id = ?1 AND x.win <> ''`,
  reflection: `SELECT x.week, COALESCE(NULLIF(x.strategy_title, '') || ': ', '') || x.insight AS text, x.consent, x.participant_id FROM reflections x WHERE x.id = ?1`,
  milestone: `SELECT x.week, x.title AS text, x.consent, x.participant_id FROM milestones x WHERE x.id = ?1`,
};

/** A win, reflection or milestone by its id, with who wrote it and who may read it; null when there is none. */
export async function getPublishable(db: D1Database, kind: Publishable, id: number): Promise<PublishableItem | null> {
  const row = await db
    .prepare(
      `SELECT i.week, i.text, i.consent, i.participant_id, p.display_name, c.slug
       FROM (${ITEM[kind]}) i JOIN participants p ON p.id = i.participant_id JOIN cohorts c ON c.id = p.cohort_id`,
    )
    .bind(id)
    .first<{ week: number; text: string; consent: Consent; participant_id: number; display_name: string; slug: string }>();
  return row && { participantId: row.participant_id, displayName: row.display_name, cohortSlug: row.slug, week: row.week, text: row.text, consent: row.consent };
}
