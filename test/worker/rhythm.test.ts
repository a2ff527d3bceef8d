/**
 * The rhythm inside workerd, against D1 and the Worker's own handlers: what a run at an instant
 * records, that a second run records nothing, that the queue's consumer sends each message once
 * (through the Email Service binding wrangler simulates), and what stops a message.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { confirmContract, storeContract } from '../../worker/db/contracts.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../../worker/db/participants.ts';
import { listOutbox, setCircleWebhook } from '../../worker/db/reminders.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { storeCheckin } from '../../worker/db/submissions.ts';
import { signToken } from '../../worker/domain/links.ts';
import { checkinSchema } from '../../worker/forms/checkin.ts';
import { contractSchema } from '../../worker/forms/contract.ts';
import { backoffSeconds, consumeBatch, deliver, MAX_ATTEMPTS } from '../../worker/rhythm/deliver.ts';
import { runReminders } from '../../worker/rhythm/plan.ts';

const ids: Record<string, number> = {};
const tokens: Record<string, string> = {};
let cohortId = 0;
const run = (at: string) => runReminders(env.DB, new Date(at), { baseUrl: 'https://tandem.test', linkSecret: env.LINK_SECRET, cohort: 'rhythm' });
const outbox = async () => listOutbox(env.DB, cohortId);

async function checkin(name: string, week: number, extra: Record<string, unknown> = {}) {
  const input = checkinSchema.parse({ idempotency_key: crypto.randomUUID(), progress: `${name.toUpperCase()}-PRIVATE-progress`, next_step: 'n', committed_action: 'a', ...extra });
  return storeCheckin(env.DB, (await getParticipant(env.DB, ids[name]!))!, week, input);
}

beforeAll(async () => {
  // Weeks run Monday to Sunday from 1 March 2027, London time: week 1's check-in is due on Sunday 7 March.
  const cohort = (await insertCohort(env.DB, { slug: 'rhythm', name: 'Rhythm cohort', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2027-03-01', endsOn: null, publication: 'private', language: 'en' }))!;
  cohortId = cohort.id;
  const entry = (name: string, pair: string, role: 'mentee' | 'mentor' = 'mentee') => ({ name, email: `${name.toLowerCase()}@rhythm.example`, role, pair, circle: pair ? 'C1' : '' });
  await importRoster(env.DB, cohort.id, [entry('Mo', '', 'mentor'), entry('Ada', 'P1'), entry('Bastian', 'P1'), entry('Cy', 'P2'), entry('Di', 'P2')], '2027-03-01');
  for (const p of await listLinkRecipients(env.DB, cohort.id)) {
    ids[p.displayName] = p.id;
    tokens[p.displayName] = await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
  }
  // Ada and Bastian agree a contract that tells the partner after one missed check-in.
  const terms = contractSchema.parse({
    idempotency_key: 'rhythm-contract', purpose: 'p', cadence_days: '7', meeting_day: 'monday', meeting_time: '18:00', channel: 'c', boundaries: 'b',
    success_measure: 's', contributions: 'c', dialogue_format: 'd', renegotiate_on: '2027-06-01', escalate_partner_after: '1',
  });
  const contract = await storeContract(env.DB, (await getParticipant(env.DB, ids.Ada!))!, 1, terms);
  await confirmContract(env.DB, (await getParticipant(env.DB, ids.Bastian!))!, contract!.id, 1);
  await checkin('Bastian', 1);
  // Cy asks for a pause in week 1: their pair is paused from week 2.
  await checkin('Cy', 1, { needs_pause: 'on' });
});

describe('a run of the rhythm', () => {
  it('records a reminder on the due day at each person’s hour, and nothing more when run again', async () => {
    expect((await run('2027-03-07T08:17:00Z')).recorded).toEqual([]);
    const first = await run('2027-03-07T09:17:00Z');
    const lines = await outbox();
    expect(lines.map((l) => `${l.kind} ${l.to}`).sort()).toEqual(['reminder Ada', 'reminder Di']);
    expect(first.recorded).toHaveLength(2);
    expect(await run('2027-03-07T09:17:00Z')).toEqual({ due: 2, recorded: [] });
    expect(await outbox()).toHaveLength(2);
    const reminder = lines.find((l) => l.to === 'Ada')!;
    expect(reminder.text).toContain('https://tandem.test/checkin/?t=');
    expect(reminder.text).toContain('last_action_done=yes');
    expect(reminder.text).toContain('Stop these messages: https://tandem.test/unsubscribe?t=');
  });

  it('nudges in the evening, saying the partner checked in without quoting a word of theirs', async () => {
    await run('2027-03-07T23:17:00Z');
    const nudge = (await outbox()).find((l) => l.kind === 'nudge' && l.to === 'Ada')!;
    expect(nudge.subject).toBe('Bastian checked in: your turn');
    expect(nudge.text).not.toContain('BASTIAN-PRIVATE');
    expect((await outbox()).find((l) => l.kind === 'nudge' && l.to === 'Di')!.subject).toBe('Cy checked in: your turn');
  });

  it('tells the partner, as their contract agreed, when a member missed a cycle; a paused pair gets nothing', async () => {
    await run('2027-03-08T09:17:00Z');
    const escalation = (await outbox()).find((l) => l.kind === 'escalation')!;
    expect(escalation).toMatchObject({ to: 'Bastian', subject: 'Ada has missed 1 check-in' }); // a plural by the language's rules (issue 15)
    await run('2027-03-14T09:17:00Z');
    const week2 = (await outbox()).filter((l) => l.kind === 'reminder' && l.subject.includes('week 2'));
    expect(week2.map((l) => l.to).sort()).toEqual(['Ada', 'Bastian']);
  });

  it('sends the mentor a digest of the pairs at risk at the start of a cycle', async () => {
    const digest = (await outbox()).find((l) => l.kind === 'digest')!;
    expect(digest.to).toBe('Mo');
    expect(digest.text).toContain('https://tandem.test/mentor/rhythm?t=');
  });
});

describe('the queue’s consumer', () => {
  it('sends each message once by mail, with a one-click unsubscribe, and acknowledges it', async () => {
    const sent: EmailMessageBuilder[] = [];
    const mail = { send: async (m: EmailMessageBuilder) => (sent.push(m), env.EMAIL.send(m)) } as SendEmail;
    const [line] = (await outbox()).filter((l) => l.kind === 'reminder' && l.to === 'Ada');
    const message = { id: 'm1', timestamp: new Date(), attempts: 1, body: { id: line!.id } };
    await consumeBatch(createMessageBatch('tandem-rhythm', [message]), env.DB, { mail, from: env.MAIL_FROM });
    // Delivered again (a queue delivers at least once): not sent a second time.
    const again = createMessageBatch('tandem-rhythm', [{ ...message, id: 'm2', attempts: 2 }]);
    const ctx = createExecutionContext();
    await worker.queue(again, env, ctx);
    expect((await getQueueResult(again, ctx)).explicitAcks).toEqual(['m2']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ada@rhythm.example', subject: line!.subject });
    expect(sent[0]!.headers).toEqual({ 'List-Unsubscribe': expect.stringMatching(/^<https:\/\/tandem\.test\/unsubscribe\?t=.+>$/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect((await outbox()).find((l) => l.id === line!.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a failed send with backoff, records the error, and gives up after the last attempt', async () => {
    const [line] = (await outbox()).filter((l) => l.kind === 'reminder' && l.to === 'Di');
    const down = { send: async () => Promise.reject(new Error('Email Service unavailable')) } as unknown as SendEmail;
    const batch = createMessageBatch('tandem-rhythm', [{ id: 'f1', timestamp: new Date(), attempts: 1, body: { id: line!.id } }]);
    const ctx = createExecutionContext();
    await consumeBatch(batch, env.DB, { mail: down, from: env.MAIL_FROM });
    expect((await getQueueResult(batch, ctx)).retryMessages.map((r) => r.msgId)).toEqual(['f1']);
    expect([1, 2, 3].map(backoffSeconds)).toEqual([60, 120, 240]);
    expect((await outbox()).find((l) => l.id === line!.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'Email Service unavailable' });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await consumeBatch(createMessageBatch('tandem-rhythm', [{ id: `f${attempt}`, timestamp: new Date(), attempts: attempt, body: { id: line!.id } }]), env.DB, { mail: down, from: env.MAIL_FROM });
    }
    expect((await outbox()).find((l) => l.id === line!.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('is fed by the hourly cron, which records what is due at its scheduled instant, once', async () => {
    const cron = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: new Date('2027-03-28T09:17:00Z'), cron: '17 * * * *' }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await cron();
    const week4 = (await outbox()).filter((l) => l.subject.includes('week 4'));
    expect(week4.map((l) => `${l.kind} ${l.to} ${l.status}`).sort()).toEqual(['reminder Ada queued', 'reminder Bastian queued']);
    await cron();
    expect((await outbox()).filter((l) => l.subject.includes('week 4'))).toHaveLength(2);
  });
});

describe('stopping messages', () => {
  it('unsubscribes with the one-click POST a mail client sends, and nothing more is recorded for them', async () => {
    const res = await SELF.fetch(`https://tandem.test/unsubscribe?t=${tokens.Bastian}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    await run('2027-03-21T09:17:00Z');
    const week3 = (await outbox()).filter((l) => l.kind === 'reminder' && l.subject.includes('week 3')).map((l) => l.to);
    expect(week3).toContain('Ada');
    expect(week3).not.toContain('Bastian');
  });

  it('asks before unsubscribing when the link is only opened (mail scanners open links)', async () => {
    const res = await SELF.fetch(`https://tandem.test/unsubscribe?t=${tokens.Ada}`);
    expect(await res.text()).toContain('<button type="submit">Stop my reminders</button>');
    const row = await env.DB.prepare('SELECT unsubscribed_at FROM reminder_settings WHERE participant_id = ?1').bind(ids.Ada).first();
    expect(row).toBeNull();
  });

  it('takes a person’s own hour, timezone and quiet hours from their page, and refuses bad ones', async () => {
    const post = (fields: Record<string, string>) =>
      SELF.fetch('https://tandem.test/api/me/reminders', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${tokens.Di}` }, body: JSON.stringify(fields) });
    expect((await post({ by_mail: 'on', remind_hour: '24' })).status).toBe(400);
    expect((await post({ by_mail: 'on', remind_hour: '7', timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await post({ by_mail: 'on', remind_hour: '7', quiet_from: '22' })).status).toBe(400);
    const row = () => env.DB.prepare('SELECT timezone, remind_hour, quiet_from, quiet_until, by_mail FROM reminder_settings WHERE participant_id = ?1').bind(ids.Di).first();
    expect(await row()).toBeNull();
    expect((await post({ by_mail: 'on', remind_hour: '7', timezone: 'America/New_York', quiet_from: '22', quiet_until: '6' })).status).toBe(200);
    expect(await row()).toEqual({ timezone: 'America/New_York', remind_hour: 7, quiet_from: 22, quiet_until: 6, by_mail: 1 });
  });
});

describe('a circle’s channel', () => {
  afterEach(() => vi.restoreAllMocks());

  it('posts to the circle’s webhook who of its members has still to check in, once', async () => {
    expect(await setCircleWebhook(env.DB, 'rhythm', 'C1', 'https://hooks.slack.com/services/T/B/x')).toBe(true);
    await run('2027-04-04T10:17:00Z');
    const channel = (await outbox()).find((l) => l.kind === 'channel')!;
    expect(channel).toMatchObject({ channel: 'webhook', to: 'C1 webhook' });
    // Slack is an outside service: its answer is stubbed, the request it gets is what is checked.
    const posted: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => (posted.push(new Request(input, init)), new Response('ok')));
    expect(await deliver(env.DB, channel.id, { from: env.MAIL_FROM })).toBe('sent');
    expect(await deliver(env.DB, channel.id, { from: env.MAIL_FROM })).toBe('already-sent');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.url).toBe('https://hooks.slack.com/services/T/B/x');
    const body = await posted[0]!.json<{ text: string }>();
    // The day it is due, in the cohort's language (issue 15); the names as the language lists them.
    expect(body.text).toMatch(/check-ins for week 5 are due today, Sunday 4 April\.\nStill to check in: (Ada|Bastian|Cy|Di)/);
    expect(body.text).not.toMatch(/@|\?t=/);
    expect(await setCircleWebhook(env.DB, 'rhythm', 'Nowhere', null)).toBe(false);
  });
});

describe('retention', () => {
  it('empties old messages like the text people wrote: they name people and carry their links', async () => {
    await env.DB.prepare("UPDATE cohorts SET retention_months = 1 WHERE slug = 'rhythm'").run();
    const { applyRetention } = await import('../../worker/db/retention.ts');
    // The runs above recorded their messages as of March 2027: a year later they are past a month's retention.
    await applyRetention(env.DB, new Date('2028-03-01T00:00:00Z'));
    const left = await env.DB.prepare(`SELECT COUNT(*) AS n FROM messages WHERE cohort_id = ?1 AND (text <> '' OR html <> '' OR subject <> '')`).bind(cohortId).first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await outbox()).length).toBeGreaterThan(0);
  });
});
