/**
 * The hourly cron in slices, behind CRON_SLICE (cohorts per slice; "0", the default, keeps the cron
 * as one invocation). One invocation of the cron reads every running cohort for the rhythm and
 * every published cohort for the digest, and on a cycle's first day (mentors' digests) it passed
 * D1's 1,000 queries per Worker invocation at 200 cohorts (docs/capacity.md). Sliced, the cron
 * itself only lists the cohorts and puts slices on their own queue (tandem-cron, one message per
 * consumer invocation); each slice reads at most CRON_SLICE cohorts, however large the program grows.
 *
 * - The rhythm's slices are independent: one per CRON_SLICE running cohorts, all queued at once.
 * - The digest's slices form a chain: each reads the next CRON_SLICE published cohorts (by id),
 *   hashes their stories onto the digest so far and queues the next slice with it; the last adds
 *   the library's part and asks for a deploy when the digest is not the one last asked for. The
 *   chain's digest is not runScheduled's (a hash of hashes), so switching the option on asks for
 *   one deploy.
 */
import { listPublishedCohorts } from './db/cohorts.ts';
import { listRunningCohorts } from './db/reminders.ts';
import { applyRetention } from './db/retention.ts';
import { loadCohortStory } from './db/story.ts';
import { listSharedStrategies, listSuccessStories } from './db/strategies.ts';
import { localDate } from './domain/weeks.ts';
import { backoffSeconds, type RhythmJob } from './rhythm/deliver.ts';
import { runReminders } from './rhythm/plan.ts';
import { digestOf } from './domain/digest.ts';
import { requestDeployIfChanged, type ScheduledOutcome } from './scheduled.ts';

export type CronSlice =
  /** The rhythm for these running cohorts, as of `at`. */
  | { slice: 'rhythm'; at: string; cohorts: number[] }
  /** The digest from the first published cohort after id `after`, `digest` being the chain's so far. */
  | { slice: 'digest'; at: string; after: number; digest: string };

/** A queue takes at most this many messages in one sendBatch. */
const QUEUE_BATCH = 100;

/** Cohorts per slice; 0 when the cron is not sliced. */
export function sliceSize(env: Pick<Env, 'CRON_SLICE'>): number {
  const size = Number(env.CRON_SLICE);
  return Number.isInteger(size) && size > 0 ? size : 0;
}

export function isCronSlice(body: unknown): body is CronSlice {
  return typeof body === 'object' && body !== null && 'slice' in body;
}

async function sendAll(queue: Queue, bodies: readonly unknown[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += QUEUE_BATCH) await queue.sendBatch(bodies.slice(i, i + QUEUE_BATCH).map((body) => ({ body })));
}

/** The cron's own invocation when sliced: retention, then the slices on the queue. Two reads and a few sends, whatever the program's size. */
export async function fanOutCron(env: Env, now: Date): Promise<{ rhythmSlices: number }> {
  const size = sliceSize(env) || 1;
  const at = now.toISOString();
  const emptied = await applyRetention(env.DB, now);
  if (emptied > 0) console.log(`tandem: emptied the free text of ${emptied} submission(s) past their cohort's retention period`);
  await env.CRON_SLICES.send({ slice: 'digest', at, after: 0, digest: '' } satisfies CronSlice);
  const running = (await listRunningCohorts(env.DB, localDate(now, 'UTC'))).map((c) => c.id);
  const slices: CronSlice[] = [];
  for (let i = 0; i < running.length; i += size) slices.push({ slice: 'rhythm', at, cohorts: running.slice(i, i + size) });
  await sendAll(env.CRON_SLICES, slices);
  return { rhythmSlices: slices.length };
}

export interface SliceOutcome {
  /** Messages the rhythm's slice recorded (and queued to be sent). */
  recorded?: number;
  /** The digest's slice: handed on to the next, or the chain's end. */
  digest?: 'continued' | ScheduledOutcome;
}

/** One slice, in a queue consumer's invocation. */
export async function runSlice(env: Env, job: CronSlice): Promise<SliceOutcome> {
  const size = sliceSize(env) || 1;
  const now = new Date(job.at);
  if (job.slice === 'rhythm') {
    const { recorded } = await runReminders(env.DB, now, { baseUrl: env.SITE_URL, linkSecret: env.LINK_SECRET, cohortIds: job.cohorts });
    await sendAll(env.RHYTHM, recorded.map((id) => ({ id }) satisfies RhythmJob));
    return { recorded: recorded.length };
  }
  const rest = (await listPublishedCohorts(env.DB)).filter((c) => c.id > job.after).sort((a, b) => a.id - b.id);
  const mine = rest.slice(0, size);
  const stories = [];
  for (const cohort of mine) stories.push(await loadCohortStory(env.DB, cohort, now));
  const digest = await digestOf([job.digest, stories]);
  if (rest.length > size) {
    await env.CRON_SLICES.send({ slice: 'digest', at: job.at, after: mine.at(-1)!.id, digest } satisfies CronSlice);
    return { digest: 'continued' };
  }
  const [strategies, successStories] = await Promise.all([listSharedStrategies(env.DB), listSuccessStories(env.DB)]);
  return { digest: await requestDeployIfChanged(env, await digestOf([digest, { strategies, successStories }]), now) };
}

/** The tandem-cron queue's consumer: each slice of the batch (one, as wrangler.toml configures it), retried with backoff when it fails. */
export async function consumeCronSlices(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (!isCronSlice(message.body)) {
      message.ack();
      continue;
    }
    try {
      await runSlice(env, message.body);
      message.ack();
    } catch (err) {
      console.error(`tandem: a ${message.body.slice} slice of the cron failed, will retry: ${(err as Error).message}`);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
