/**
 * A bench Worker for the read-path comparison (bench/read.ts): runs the build's read,
 * loadPublishedProgram, inside workerd next to D1, and answers with the program as JSON and the
 * milliseconds the read took there.
 */
import { loadPublishedProgram } from '../worker/db/story.ts';

export default {
  async fetch(_request, env): Promise<Response> {
    const started = performance.now();
    const program = await loadPublishedProgram(env.DB);
    return Response.json({ ms: performance.now() - started, program });
  },
} satisfies ExportedHandler<Env>;
