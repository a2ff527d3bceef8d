/**
 * The build's reader: a Worker that runs next to D1 only while the site builds (never deployed;
 * the deployed entry is worker/index.ts). It answers with the publishable program as JSON, read by
 * the same query code the rest of Tandem uses, and how long the read took inside workerd. Run
 * there, each statement is a local call; run from Node through getPlatformProxy, each prepare()
 * and bind() was a blocking round trip, and that was 40 % of a build.
 *
 * A POST may name the cohort stories the build already holds (`{ "have": { slug: digest } }`):
 * every cohort's digest comes back, but only the stories that differ from those.
 */
import { loadPublishedChanges } from './db/story.ts';

export default {
  async fetch(request, env): Promise<Response> {
    const { have = {} } = request.method === 'POST' ? await request.json<{ have?: Record<string, string> }>() : {};
    const started = performance.now();
    const { program, digests } = await loadPublishedChanges(env.DB, have);
    return Response.json({ ms: performance.now() - started, program, digests });
  },
} satisfies ExportedHandler<Env>;
