import { app } from './app.ts';
import { runRhythm } from './rhythm/cron.ts';
import { consumeBatch, type RhythmJob } from './rhythm/deliver.ts';
import { runScheduled } from './scheduled.ts';

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduled(env));
    ctx.waitUntil(runRhythm(env));
  },
  async queue(batch, env) {
    await consumeBatch(batch, env.DB, { mail: env.EMAIL, from: env.MAIL_FROM });
  },
} satisfies ExportedHandler<Env, RhythmJob>;
