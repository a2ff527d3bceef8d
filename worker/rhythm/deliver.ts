/**
 * Sending one recorded message: by mail through the Email Service binding, or to the cohort's
 * webhook. A message already sent is not sent again (a queue delivers at least once); a failure is
 * recorded with its error, and the caller retries with backoff until MAX_ATTEMPTS.
 */
import { getOutgoing, markMessage, type Outgoing } from '../db/reminders.ts';

export const MAX_ATTEMPTS = 5;

export interface Senders {
  /** The Email Service binding; absent where mail is only simulated (the CLI on a local database). */
  mail?: SendEmail;
  /** The sender address of every mail. */
  from: string;
}

export type Delivery = 'sent' | 'already-sent' | 'simulated' | 'gone' | { failed: string; final: boolean };

/** The body an incoming webhook expects, by service: Slack and Teams take `text`, Discord `content`. */
export function webhookBody(url: string, text: string): unknown {
  const host = new URL(url).hostname;
  if (host === 'discord.com' || host.endsWith('.discord.com')) return { content: text };
  return { text };
}

async function send(message: Outgoing, senders: Senders): Promise<'sent' | 'simulated'> {
  if (message.channel === 'webhook') {
    if (!message.webhookUrl) throw new Error('the cohort has no webhook any more');
    const response = await fetch(message.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(webhookBody(message.webhookUrl, message.text)), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    return 'sent';
  }
  if (!message.email) throw new Error('the participant has no address');
  if (!senders.mail) return 'simulated';
  const unsubscribe = /Stop these messages: (\S+)/.exec(message.text)?.[1];
  await senders.mail.send({
    from: senders.from,
    to: message.email,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the address.
    headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  });
  return 'sent';
}

/** Sends message `id` unless it was sent already, and records what happened. */
export async function deliver(db: D1Database, id: number, senders: Senders, now = new Date()): Promise<Delivery> {
  const message = await getOutgoing(db, id);
  if (!message) return 'gone';
  if (message.status === 'sent') return 'already-sent';
  try {
    const outcome = await send(message, senders);
    await markMessage(db, id, { sent: true }, now);
    return outcome;
  } catch (err) {
    const error = (err as Error).message;
    const final = message.attempts + 1 >= MAX_ATTEMPTS;
    await markMessage(db, id, { sent: false, error, final }, now);
    return { failed: error, final };
  }
}

/** What the queue carries: the id of a recorded message. */
export interface RhythmJob {
  id: number;
}

/** Seconds before retry `attempt` (1-based): 1, 2, 4, 8… minutes. */
export function backoffSeconds(attempt: number): number {
  return 60 * 2 ** Math.max(0, attempt - 1);
}

/** The queue's consumer: each job sent once, a failure retried with backoff until it is final. */
export async function consumeBatch(batch: MessageBatch<RhythmJob>, db: D1Database, senders: Senders): Promise<void> {
  for (const job of batch.messages) {
    const outcome = await deliver(db, job.body.id, senders);
    if (typeof outcome === 'object' && !outcome.final) job.retry({ delaySeconds: backoffSeconds(job.attempts) });
    else job.ack();
  }
}
