/** The rhythm's part of the hourly cron: record what is due, and put it on the queue for the consumer to send. */
import { runReminders, type RunResult } from './plan.ts';
import type { RhythmJob } from './deliver.ts';

/** The queue takes at most this many messages in one sendBatch. */
const QUEUE_BATCH = 100;

export async function runRhythm(env: Env, now = new Date()): Promise<RunResult> {
  // The pseudo-locale is for tests (wrangler.toml keeps it off).
  const result = await runReminders(env.DB, now, { baseUrl: env.SITE_URL, linkSecret: env.LINK_SECRET, pseudo: String(env.PSEUDO_LOCALE) === 'on' });
  for (let i = 0; i < result.recorded.length; i += QUEUE_BATCH) {
    await env.RHYTHM.sendBatch(result.recorded.slice(i, i + QUEUE_BATCH).map((id) => ({ body: { id } satisfies RhythmJob })));
  }
  if (result.recorded.length) console.log(`tandem: ${result.recorded.length} reminder(s) queued (${result.due} due)`);
  return result;
}
