/**
 * The per-token limit on requests (Cloudflare's Rate Limiting binding, POST_LIMITER: 30 a minute).
 *
 * A post that stores a new row is already bounded exactly, in the statement that stores it
 * (POSTS_PER_MINUTE, worker/db/admission.ts), so the binding counts every other post with a token:
 * resends, refused links, mistakes, the small forms of a participant's page. Once it says a token
 * went over, this isolate answers that token's posts with 429 at once, without touching D1, until
 * the minute is over.
 *
 * Why not ask it on every post: locally Miniflare emulates the binding with a Durable Object that
 * writes on every call, which costs as much as the post's own insert and, even in the background,
 * slowed the post by half (bench/RESULTS.md). The weekly check-in, a new row, does not need it.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';

const WINDOW_MS = 60_000;

/** Tokens the binding held back, and until when (ms since the epoch). */
const heldBack = new Map<string, number>();

/** Whether the binding held this token back in the last minute. */
export function isHeldBack(token: string, now = Date.now()): boolean {
  const until = heldBack.get(token);
  if (until === undefined) return false;
  if (until > now) return true;
  heldBack.delete(token);
  return false;
}

/** Counts with the binding, after the answer, each post that did not store a new row. */
export const countPosts = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const token = c.get('token');
  if (token && !c.get('storedNew')) await countRequest(c, token);
});

/** Counts one request of this token with the binding, in the background (resolves at once). */
function countRequest(c: Context<AppEnv>, token: string): Promise<void> {
  const counted = c.env.POST_LIMITER.limit({ key: `token:${token}` }).then(({ success }) => {
    if (!success) heldBack.set(token, Date.now() + WINDOW_MS);
  });
  return inBackground(c, counted);
}

/**
 * Leaves work to run after the answer when the request has an ExecutionContext (deployed, and
 * under wrangler); without one (app.request in tests) there is no "after", so it is awaited.
 */
async function inBackground(c: Context<AppEnv>, work: Promise<void>): Promise<void> {
  let ctx: { waitUntil(work: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // Hono throws when the request came without one.
  }
  if (ctx) ctx.waitUntil(work);
  else await work;
}
