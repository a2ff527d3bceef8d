/**
 * The build's reader: a Worker that runs next to D1 only while the site builds (never deployed;
 * the deployed entry is worker/index.ts). It answers any request with the publishable program as
 * JSON, read by the same query code the rest of Tandem uses, and how long the read took inside
 * workerd. Run there, each statement is a local call; run from Node through getPlatformProxy, each
 * prepare() and bind() was a blocking round trip, and that was 40 % of a build.
 */
import { loadPublishedProgram } from './db/story.ts';

export default {
  async fetch(_request, env): Promise<Response> {
    const started = performance.now();
    const program = await loadPublishedProgram(env.DB);
    return Response.json({ ms: performance.now() - started, program });
  },
} satisfies ExportedHandler<Env>;
