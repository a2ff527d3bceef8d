/**
 * The per-token limit on requests (Cloudflare's Rate Limiting binding, POST_LIMITER: 30 a minute).
 *
 * A post that stores a new row is already bounded exactly, in the statement that stores it
 * (POSTS_PER_MINUTE, worker/db/admission.ts), so the binding counts every other post with a token:
 * resends, refused links, mistakes, the small forms of a participant's page. Once it says a token
 * went over, this isolate answers that token's posts with 429 at once, without touching D1, for a
 * minute.
 *
 * Why not ask it on every post: locally Miniflare emulates the binding with a Durable Object that
 * writes on every call, which costs as much as the post's own insert and, even in the background,
 * slowed the post by half (bench/RESULTS.md). The weekly check-in, a new row, does not need it.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';

const WINDOW_MS = 60_000;
/** Past this many held-back tokens, expired ones are swept before another is added. */
const SWEEP_AT = 10_000;

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

function holdBack(token: string, now: number): void {
  if (heldBack.size >= SWEEP_AT) for (const [key, until] of heldBack) if (until <= now) heldBack.delete(key);
  heldBack.set(token, now + WINDOW_MS);
}

/**
 * Counts with the binding, after the answer, each post that did not store a new row. Only tokens
 * shaped like a link are counted (`token` is set once the shape is checked), and a post already
 * answered 429 from memory is not counted again.
 */
export const countPosts = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const token = c.get('token');
  if (token && !c.get('storedNew') && !isHeldBack(token)) await countRequest(c, token);
});

/** Counts one request of this token with the binding, in the background (resolves at once). */
function countRequest(c: Context<AppEnv>, token: string): Promise<void> {
  // Counting must never change an answer already given: a failure is logged, not thrown.
  const counted = (async () => c.env.POST_LIMITER.limit({ key: `token:${token}` }))().then(
    ({ success }) => {
      if (success) heldBack.delete(token);
      else holdBack(token, Date.now());
    },
    (err: unknown) => console.error('POST_LIMITER.limit failed; the post was not counted:', err),
  );
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
