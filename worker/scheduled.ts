/** The cron job: when publishable data changed since the last deploy request, call the deploy hook. */
import { getPublishState, recordPublishRequest } from './db/publish.ts';
import { applyRetention } from './db/retention.ts';
import { loadPublishedProgram } from './db/story.ts';
import { digestOf } from './domain/digest.ts';

/** SHA-256 of the publishable data, hex. The same data the build reads, so any change a reader could see moves it. */
export async function digestPublishedProgram(db: D1Database, now = new Date()): Promise<string> {
  return digestOf(await loadPublishedProgram(db, now));
}

export type ScheduledOutcome = 'unchanged' | 'deploy-requested' | 'no-hook' | 'hook-failed';

export async function runScheduled(env: Env, now = new Date()): Promise<ScheduledOutcome> {
  // Retention first, so text past its time also leaves the site with this run's deploy.
  const emptied = await applyRetention(env.DB, now);
  if (emptied > 0) console.log(`tandem: emptied the free text of ${emptied} submission(s) past their cohort's retention period`);
  return requestDeployIfChanged(env, await digestPublishedProgram(env.DB, now), now);
}

/** Calls the deploy hook when `digest` is not the one last asked for, and records it when the hook answered. */
export async function requestDeployIfChanged(env: Env, digest: string, now = new Date()): Promise<ScheduledOutcome> {
  const last = await getPublishState(env.DB);
  if (last?.digest === digest) {
    console.log(`tandem: publishable data unchanged (${digest.slice(0, 12)}); no deploy needed`);
    return 'unchanged';
  }
  const hook = env.DEPLOY_HOOK_URL;
  if (!hook) {
    console.log(`tandem: publishable data changed (${digest.slice(0, 12)}) but DEPLOY_HOOK_URL is not set; run the build yourself or set the hook`);
    return 'no-hook';
  }
  let status: number | string;
  try {
    const response = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_type: 'tandem-data-changed', client_payload: { digest } }),
      signal: AbortSignal.timeout(15_000),
    });
    status = response.ok ? 'ok' : response.status;
  } catch (err) {
    status = (err as Error).message;
  }
  if (status !== 'ok') {
    // Not recorded, so the next run tries again.
    console.error(`tandem: deploy hook failed (${status}); will retry at the next run`);
    return 'hook-failed';
  }
  await recordPublishRequest(env.DB, digest, now);
  console.log(`tandem: publishable data changed (${digest.slice(0, 12)}); deploy hook called`);
  return 'deploy-requested';
}
