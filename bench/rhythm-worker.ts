/**
 * A bench Worker for the rhythm (bench/rhythm.ts): runs the hourly cron's own function, runRhythm,
 * inside workerd next to D1, as if it were `?at=`, and answers with what it did and how long it took.
 * Its queue consumer only acknowledges: the bench measures recording and enqueuing, not mail.
 */
import { runRhythm } from '../worker/rhythm/cron.ts';

export default {
  async fetch(request, env): Promise<Response> {
    const at = new Date(new URL(request.url).searchParams.get('at')!);
    const started = performance.now();
    const result = await runRhythm(env, at);
    return Response.json({ ms: performance.now() - started, due: result.due, recorded: result.recorded.length });
  },
  async queue(batch) {
    batch.ackAll();
  },
} satisfies ExportedHandler<Env>;
