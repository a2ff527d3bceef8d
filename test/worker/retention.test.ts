/**
 * Retention empties every free-text column: the schema of the migrated database is read here, and
 * each TEXT column must be either emptied by retention (FREE_TEXT in worker/db/retention.ts) or
 * listed below as not free text, with the reason. A migration that adds a text column fails this
 * test until someone decides which it is.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { applyRetention, FREE_TEXT } from '../../worker/db/retention.ts';
import { makeCohort } from './helpers.ts';

/** Text columns that are not what participants wrote, each with why retention keeps it. */
const NOT_FREE_TEXT: Record<string, Record<string, string>> = {
  cohorts: {
    slug: 'an address, chosen by the mentor',
    name: 'the cohort’s name, chosen by the mentor',
    timezone: 'an IANA zone',
    starts_on: 'a date',
    ends_on: 'a date',
    publication: 'an enum',
    created_at: 'a timestamp',
    share_key: 'a random key',
    cadence_changes: 'JSON of dates and numbers',
    webhook_url: 'configuration, set by the mentor',
    language: 'a language tag (worker/domain/locales.ts)',
  },
  circles: { label: 'a label from the roster (checked at import: no contact details)', webhook_url: 'configuration, set by the mentor' },
  pairs: { label: 'a label from the roster (checked at import: no contact details)' },
  participants: {
    role: 'an enum',
    display_name: 'the pseudonym pages show (checked at import); `forget` deletes it',
    email: 'needed to send links and mail while the person takes part; `forget` deletes it',
    joined_on: 'a date',
    language: 'a language tag (worker/domain/locales.ts)',
  },
  checkins: { idempotency_key: 'a key', last_action_done: 'an enum', win_consent: 'an enum', submitted_at: 'a timestamp' },
  reflections: { idempotency_key: 'a key', consent: 'an enum', submitted_at: 'a timestamp' },
  publish_state: { digest: 'a hash', requested_at: 'a timestamp' },
  contracts: { idempotency_key: 'a key', meeting_day: 'an enum', meeting_time: 'HH:MM', renegotiate_on: 'a date', submitted_at: 'a timestamp' },
  contract_confirmations: { confirmed_at: 'a timestamp' },
  goals: { idempotency_key: 'a key', due_on: 'a date', status: 'an enum', status_changed_on: 'a date', submitted_at: 'a timestamp' },
  milestones: { idempotency_key: 'a key', reached_on: 'a date', consent: 'an enum', submitted_at: 'a timestamp' },
  feedback: { idempotency_key: 'a key', rated_at: 'a timestamp', submitted_at: 'a timestamp' },
  pulses: { idempotency_key: 'a key', comment_consent: 'an enum', submitted_at: 'a timestamp' },
  program_feedback: { idempotency_key: 'a key', cadence_fit: 'an enum', submitted_at: 'a timestamp' },
  congratulations: { sent_at: 'a timestamp' },
  reminder_settings: { timezone: 'an IANA zone', unsubscribed_at: 'a timestamp' },
  messages: {
    key: 'a key',
    kind: 'an enum',
    channel: 'an enum',
    status: 'an enum',
    error: 'the sending service’s answer, written by the Worker',
    created_at: 'a timestamp',
    sent_at: 'a timestamp',
  },
};

/** Every TEXT column of the project's tables, as `table.column`. */
async function textColumns(): Promise<string[]> {
  const { results: tables } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name`,
  ).all<{ name: string }>();
  const columns: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare('SELECT name, type FROM pragma_table_info(?1)').bind(name).all<{ name: string; type: string }>();
    columns.push(...results.filter((c) => /TEXT|CHAR|CLOB/i.test(c.type)).map((c) => `${name}.${c.name}`));
  }
  return columns;
}

const named = (list: Record<string, readonly string[]>) => Object.entries(list).flatMap(([table, columns]) => columns.map((c) => `${table}.${c}`));

describe('retention covers every free-text column', () => {
  it('names each text column of the schema as emptied by retention or as not free text', async () => {
    const columns = await textColumns();
    const emptied = named(FREE_TEXT);
    const kept = named(Object.fromEntries(Object.entries(NOT_FREE_TEXT).map(([t, c]) => [t, Object.keys(c)])));
    const undecided = columns.filter((c) => !emptied.includes(c) && !kept.includes(c));
    expect(undecided, 'add each to FREE_TEXT in worker/db/retention.ts, or to NOT_FREE_TEXT here with the reason').toEqual([]);
    // …and nothing listed that the schema does not have, or listed twice.
    expect([...emptied, ...kept].filter((c) => !columns.includes(c))).toEqual([]);
    expect(emptied.filter((c) => kept.includes(c))).toEqual([]);
  });

  it('empties an old contract’s text, keeping the row, its version and its dates', async () => {
    const { cohortId, ada } = await makeCohort();
    await env.DB.prepare('UPDATE cohorts SET retention_months = 6 WHERE id = ?1').bind(cohortId).run();
    await env.DB.prepare(
      `INSERT INTO contracts (idempotency_key, participant_id, cohort_id, pair_id, version, week, purpose, cadence_days, meeting_day, meeting_time, channel, boundaries, success_measure, contributions, dialogue_format, renegotiate_on, submitted_at)
       SELECT 'ret-contract', id, cohort_id, pair_id, 1, 1, 'Finish the thesis', 7, 'monday', '09:00', 'Call 07700 900123', 'No calls after 8pm', 'Chapters drafted', 'I read, you write', 'One action, one win', '2026-03-01', '2026-01-05T10:00:00.000Z'
       FROM participants WHERE id = ?1`,
    ).bind(ada.id).run();
    await applyRetention(env.DB, new Date('2026-11-28T00:00:00Z'));
    const row = await env.DB.prepare(
      `SELECT purpose, channel, boundaries, success_measure, contributions, dialogue_format, version, meeting_time, renegotiate_on FROM contracts WHERE idempotency_key = 'ret-contract'`,
    ).first();
    expect(row).toEqual({ purpose: '', channel: '', boundaries: '', success_measure: '', contributions: '', dialogue_format: '', version: 1, meeting_time: '09:00', renegotiate_on: '2026-03-01' });
  });
});
