/**
 * The rhythm's data: each cohort's state as the planner reads it (worker/domain/reminders.ts),
 * participants' reminder settings, and the outbox, where every message is recorded under its key
 * before it is sent.
 */
import { isAgreed } from '../domain/contract.ts';
import type { CohortState, Ladder, Mentee, MessageKind, Recipient } from '../domain/reminders.ts';
import type { Locale } from '../domain/locales.ts';
import { circleFacilitator } from '../domain/roles.ts';
import { cycleOn, type CohortCalendar } from '../domain/weeks.ts';
import { calendarFrom, type CalendarRow } from './cohorts.ts';
import { pairWeeksStatement, pausesByPair, type PairWeekRow } from './pauses.ts';

interface PersonRow {
  id: number;
  display_name: string;
  role: 'mentor' | 'mentee';
  pair_id: number | null;
  circle_id: number | null;
  joined_on: string;
  email: string;
  timezone: string | null;
  remind_hour: number | null;
  quiet_from: number | null;
  quiet_until: number | null;
  by_mail: number | null;
  unsubscribed_at: string | null;
  language: Locale;
}

const PEOPLE = `
SELECT p.id, p.display_name, p.role, p.pair_id, pr.circle_id, p.joined_on, p.email,
       s.timezone, s.remind_hour, s.quiet_from, s.quiet_until, s.by_mail, s.unsubscribed_at,
       COALESCE(p.language, c.language) AS language
FROM participants p JOIN cohorts c ON c.id = p.cohort_id LEFT JOIN pairs pr ON pr.id = p.pair_id LEFT JOIN reminder_settings s ON s.participant_id = p.id
WHERE p.cohort_id = ?1 ORDER BY p.id`;

// Cycles with a check-in, from the earliest a ladder can look back to.
const CHECKED_IN = `SELECT DISTINCT participant_id, week FROM checkins WHERE cohort_id = ?1 AND week >= ?2`;
const PULSES = `SELECT participant_id, MAX(week) AS week FROM pulses WHERE cohort_id = ?1 GROUP BY participant_id`;
// Each pair's latest contract, with its ladder and who confirmed it as it stands.
const LADDERS = `
SELECT c.pair_id, c.escalate_partner_after, c.escalate_facilitator_after, c.escalate_mentor_after,
       (SELECT group_concat(participant_id) FROM contract_confirmations WHERE contract_id = c.id AND revision = c.revision) AS confirmed_by
FROM pairs pr JOIN contracts c ON c.pair_id = pr.id
WHERE pr.cohort_id = ?1 AND c.version = (SELECT MAX(version) FROM contracts x WHERE x.pair_id = pr.id)`;

export interface RhythmCohort {
  id: number;
  slug: string;
  name: string;
  calendar: CohortCalendar;
  webhookUrl: string | null;
  /** The language of its webhook messages. */
  language: Locale;
}

/** Cohorts running at `today` (between their first and last day, in any timezone's reach). */
export async function listRunningCohorts(db: D1Database, today: string): Promise<RhythmCohort[]> {
  const { results } = await db
    .prepare(
      `SELECT id, slug, name, language, timezone, cadence_days, starts_on, ends_on, cadence_changes, webhook_url FROM cohorts
       WHERE starts_on <= date(?1, '+1 day') AND (ends_on IS NULL OR ends_on >= date(?1, '-1 day')) ORDER BY id`,
    )
    .bind(today)
    .all<CalendarRow & { id: number; slug: string; name: string; language: Locale; webhook_url: string | null }>();
  return results.map((r) => ({ id: r.id, slug: r.slug, name: r.name, calendar: calendarFrom(r), webhookUrl: r.webhook_url, language: r.language }));
}

/** A cohort as the planner sees it at cycle `cycle` (its current one). */
export async function loadCohortState(db: D1Database, cohort: RhythmCohort, cycle: number): Promise<CohortState> {
  const [people, checkins, pulses, ladders, pairWeeks, circleHooks] = await db.batch([
    db.prepare(PEOPLE).bind(cohort.id),
    // Twelve cycles back is as far as a ladder's step can reach.
    db.prepare(CHECKED_IN).bind(cohort.id, Math.max(1, cycle - 13)),
    db.prepare(PULSES).bind(cohort.id),
    db.prepare(LADDERS).bind(cohort.id),
    pairWeeksStatement(db, cohort.id, cycle + 1),
    db.prepare('SELECT id FROM circles WHERE cohort_id = ?1 AND webhook_url IS NOT NULL ORDER BY id').bind(cohort.id),
  ]);
  const rows = people!.results as PersonRow[];
  const cycles = Map.groupBy(checkins!.results as { participant_id: number; week: number }[], (r) => r.participant_id);
  const lastPulse = new Map((pulses!.results as { participant_id: number; week: number }[]).map((r) => [r.participant_id, r.week]));
  const paused = pausesByPair(pairWeeks!.results as PairWeekRow[], cycle + 1);
  const joined = (r: PersonRow) => cycleOn(cohort.calendar, r.joined_on);

  const recipient = (r: PersonRow): Recipient => ({
    id: r.id,
    name: r.display_name,
    timezone: r.timezone ?? cohort.calendar.timezone,
    hour: r.remind_hour ?? 9,
    quiet: r.quiet_from !== null && r.quiet_until !== null ? { from: r.quiet_from, until: r.quiet_until } : null,
    reachable: r.email !== '' && (r.by_mail ?? 1) === 1 && r.unsubscribed_at === null,
    language: r.language,
  });
  const mentees: Mentee[] = rows
    .filter((r) => r.role === 'mentee')
    .map((r) => ({
      ...recipient(r),
      pairId: r.pair_id,
      circleId: r.circle_id,
      joinedCycle: joined(r),
      checkedIn: new Set((cycles.get(r.id) ?? []).map((c) => c.week)),
      lastPulse: lastPulse.get(r.id) ?? null,
    }));
  const mentor = rows.find((r) => r.role === 'mentor');

  // Only an agreed contract's ladder counts: the pair decides, both of them.
  const ladderOf = new Map<number, Ladder>();
  for (const l of ladders!.results as { pair_id: number; escalate_partner_after: number | null; escalate_facilitator_after: number | null; escalate_mentor_after: number | null; confirmed_by: string | null }[]) {
    const members = mentees.filter((m) => m.pairId === l.pair_id).map((m) => m.id);
    if (!isAgreed(members, l.confirmed_by ? l.confirmed_by.split(',').map(Number) : [])) continue;
    ladderOf.set(l.pair_id, { partner: l.escalate_partner_after, facilitator: l.escalate_facilitator_after, mentor: l.escalate_mentor_after });
  }
  const circleMembers = Map.groupBy(mentees.filter((m) => m.circleId !== null), (m) => m.circleId!);
  const pausedIn = (id: number, c: number) => {
    const pair = mentees.find((m) => m.id === id)?.pairId;
    return pair !== null && pair !== undefined && (paused.get(pair)?.has(c) ?? false);
  };

  return {
    cohortId: cohort.id,
    calendar: cohort.calendar,
    mentor: mentor ? recipient(mentor) : null,
    mentees,
    paused,
    ladders: ladderOf,
    facilitator: (circleId, c) => circleFacilitator((circleMembers.get(circleId) ?? []).map((m) => ({ id: m.id, joinedCycle: m.joinedCycle })), c, pausedIn),
    channels: [...(cohort.webhookUrl !== null ? [{ circleId: null }] : []), ...(circleHooks!.results as { id: number }[]).map((c) => ({ circleId: c.id }))],
  };
}

export interface Rendered {
  key: string;
  cohortId: number;
  to: number | null;
  circle: number | null;
  about: number | null;
  kind: MessageKind;
  cycle: number;
  channel: 'mail' | 'webhook';
  subject: string;
  text: string;
  html: string;
}

/** Records messages under their keys; answers the ids of those recorded now (a key seen before records nothing). */
export async function recordMessages(db: D1Database, messages: readonly Rendered[], now: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const results = await db.batch(
    messages.map((m) =>
      db
        .prepare(
          `INSERT INTO messages (key, cohort_id, participant_id, circle_id, about_id, kind, cycle, channel, subject, text, html, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (key) DO NOTHING RETURNING id`,
        )
        .bind(m.key, m.cohortId, m.to, m.circle, m.about, m.kind, m.cycle, m.channel, m.subject, m.text, m.html, now.toISOString()),
    ),
  );
  return results.flatMap((r) => (r.results as { id: number }[]).map((row) => row.id));
}

/** Whether a message's key was recorded already (so it need not be rendered again). */
export async function recordedKeys(db: D1Database, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { results } = await db.prepare(`SELECT key FROM messages WHERE key IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(keys)).all<{ key: string }>();
  return new Set(results.map((r) => r.key));
}

export interface Outgoing {
  id: number;
  key: string;
  kind: MessageKind;
  channel: 'mail' | 'webhook';
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  subject: string;
  text: string;
  html: string;
  /** The recipient's address, read when sending (never stored with the message). */
  email: string | null;
  webhookUrl: string | null;
  /** The recipient's link version, for their unsubscribe link. */
  participantId: number | null;
}

export async function getOutgoing(db: D1Database, id: number): Promise<Outgoing | null> {
  const row = await db
    .prepare(
      `SELECT m.id, m.key, m.kind, m.channel, m.status, m.attempts, m.subject, m.text, m.html, p.email,
              CASE WHEN m.circle_id IS NULL THEN c.webhook_url ELSE ci.webhook_url END AS webhook_url, m.participant_id
       FROM messages m JOIN cohorts c ON c.id = m.cohort_id LEFT JOIN circles ci ON ci.id = m.circle_id LEFT JOIN participants p ON p.id = m.participant_id
       WHERE m.id = ?1`,
    )
    .bind(id)
    .first<Omit<Outgoing, 'webhookUrl' | 'participantId'> & { webhook_url: string | null; participant_id: number | null }>();
  return row && { ...row, webhookUrl: row.webhook_url, participantId: row.participant_id };
}

/** Marks a message sent, or failed with its error (attempts counted either way). */
export async function markMessage(db: D1Database, id: number, outcome: { sent: true } | { sent: false; error: string; final: boolean }, now: Date): Promise<void> {
  if (outcome.sent) {
    await db.prepare(`UPDATE messages SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = ?2 WHERE id = ?1`).bind(id, now.toISOString()).run();
  } else {
    await db.prepare(`UPDATE messages SET status = ?3, attempts = attempts + 1, error = ?2 WHERE id = ?1`).bind(id, outcome.error.slice(0, 500), outcome.final ? 'failed' : 'queued').run();
  }
}

export interface OutboxLine {
  id: number;
  createdAt: string;
  sentAt: string | null;
  kind: MessageKind;
  channel: 'mail' | 'webhook';
  to: string | null;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  subject: string;
  text: string;
}

/** Every message recorded for a cohort, oldest first (mentor-only: it names recipients). */
export async function listOutbox(db: D1Database, cohortId: number): Promise<OutboxLine[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.created_at, m.sent_at, m.kind, m.channel, COALESCE(p.display_name, ci.label || ' webhook') AS recipient, m.status, m.attempts, m.error, m.subject, m.text
       FROM messages m LEFT JOIN participants p ON p.id = m.participant_id LEFT JOIN circles ci ON ci.id = m.circle_id WHERE m.cohort_id = ?1 ORDER BY m.created_at, m.id`,
    )
    .bind(cohortId)
    .all<{ id: number; created_at: string; sent_at: string | null; kind: MessageKind; channel: 'mail' | 'webhook'; recipient: string | null; status: OutboxLine['status']; attempts: number; error: string | null; subject: string; text: string }>();
  return results.map((r) => ({ id: r.id, createdAt: r.created_at, sentAt: r.sent_at, kind: r.kind, channel: r.channel, to: r.recipient, status: r.status, attempts: r.attempts, error: r.error, subject: r.subject, text: r.text }));
}

/** A pair's latest reminder and nudge sent (ISO instants), and its latest failed send: of what kind, to whom, why. */
export interface PairMessages {
  reminder: string | null;
  nudge: string | null;
  failure: { kind: MessageKind; to: string; error: string } | null;
}

/** Each pair's latest reminder and nudge, and its latest failure (for the dashboard). */
export async function lastMessagesByPair(db: D1Database, cohortId: number): Promise<Map<number, PairMessages>> {
  const { results } = await db
    .prepare(
      `SELECT p.pair_id,
              MAX(CASE WHEN m.kind = 'reminder' AND m.status = 'sent' THEN m.sent_at END) AS reminder,
              MAX(CASE WHEN m.kind = 'nudge' AND m.status = 'sent' THEN m.sent_at END) AS nudge,
              (SELECT json_object('kind', x.kind, 'to', q.display_name, 'error', x.error) FROM messages x JOIN participants q ON q.id = x.participant_id
               WHERE x.cohort_id = ?1 AND q.pair_id = p.pair_id AND x.error IS NOT NULL ORDER BY x.created_at DESC LIMIT 1) AS failure
       FROM messages m JOIN participants p ON p.id = m.participant_id
       WHERE m.cohort_id = ?1 AND p.pair_id IS NOT NULL GROUP BY p.pair_id`,
    )
    .bind(cohortId)
    .all<{ pair_id: number; reminder: string | null; nudge: string | null; failure: string | null }>();
  return new Map(results.map((r) => [r.pair_id, { reminder: r.reminder, nudge: r.nudge, failure: r.failure === null ? null : (JSON.parse(r.failure) as PairMessages['failure']) }]));
}

/** Sets or clears the webhook of a circle of a cohort; false when there is no such circle. */
export async function setCircleWebhook(db: D1Database, slug: string, label: string, url: string | null): Promise<boolean> {
  const result = await db.prepare('UPDATE circles SET webhook_url = ?3 WHERE label = ?2 AND cohort_id = (SELECT id FROM cohorts WHERE slug = ?1)').bind(slug, label, url).run();
  return result.meta.changes > 0;
}

/** Sets or clears a cohort's webhook; false when there is no such cohort. */
export async function setWebhook(db: D1Database, slug: string, url: string | null): Promise<boolean> {
  const result = await db.prepare('UPDATE cohorts SET webhook_url = ?2 WHERE slug = ?1').bind(slug, url).run();
  return result.meta.changes > 0;
}
