import { app } from './app.ts';
import { runRhythm } from './rhythm/cron.ts';
import { consumeBatch, type RhythmJob } from './rhythm/deliver.ts';
import { runScheduled } from './scheduled.ts';
import { consumeCronSlices, fanOutCron, sliceSize, type CronSlice } from './sliced-cron.ts';

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // CRON_SLICE: the cron only puts slices of the program on the queue (worker/sliced-cron.ts).
    if (sliceSize(env)) return ctx.waitUntil(fanOutCron(env, new Date(controller.scheduledTime)));
    ctx.waitUntil(runScheduled(env));
    // As of the instant the run was scheduled for, so a late run still sends what was due then.
    ctx.waitUntil(runRhythm(env, new Date(controller.scheduledTime)));
  },
  async queue(batch, env, _ctx) {
    if (batch.queue === 'tandem-cron') return consumeCronSlices(batch, env);
    await consumeBatch(batch as MessageBatch<RhythmJob>, env.DB, { mail: env.EMAIL, from: env.MAIL_FROM });
  },
} satisfies ExportedHandler<Env, RhythmJob | CronSlice>;
