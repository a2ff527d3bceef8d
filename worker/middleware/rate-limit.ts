/**
 * The per-link limit on requests (Cloudflare's Rate Limiting binding, POST_LIMITER: 30 a minute).
 *
 * A post that stores a new row is already bounded exactly, in the statement that stores it
 * (POSTS_PER_MINUTE, worker/db/admission.ts), so the binding counts every other post with a link:
 * resends, revoked links, mistakes, the small forms of a participant's page. Once it says a link
 * went over, this isolate answers that link's posts with 429 at once, without touching D1, for a
 * minute. A link is counted by whom it names (participant and link version), once its signature is
 * verified: not by the text of its token, so no other spelling of it has a budget of its own, and
 * a forged token naming someone spends nothing of theirs.
 *
 * Why not ask it on every post: locally Miniflare emulates the binding with a Durable Object that
 * writes on every call, which costs as much as the post's own insert and, even in the background,
 * slowed the post by half (bench/RESULTS.md). The weekly check-in, a new row, does not need it.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import type { Author } from '../db/admission.ts';

const WINDOW_MS = 60_000;
/** Past this many held-back tokens, expired ones are swept before another is added. */
const SWEEP_AT = 10_000;

/** Links the binding held back (by budgetKey), and until when (ms since the epoch). */
const heldBack = new Map<string, number>();

/** The budget a verified link counts against: its participant and link version. */
export function budgetKey(author: Pick<Author, 'id' | 'linkVersion'>): string {
  return `participant:${author.id}:v${author.linkVersion}`;
}

/** Whether the binding held this link's budget back in the last minute. */
export function isHeldBack(key: string, now = Date.now()): boolean {
  const until = heldBack.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  heldBack.delete(key);
  return false;
}

function holdBack(key: string, now: number): void {
  if (heldBack.size >= SWEEP_AT) for (const [held, until] of heldBack) if (until <= now) heldBack.delete(held);
  heldBack.set(key, now + WINDOW_MS);
}

/**
 * Counts with the binding, after the answer, each post that did not store a new row. Only links
 * whose signature verified are counted (`author` is set once it is), and a post already answered
 * 429 from memory is not counted again.
 */
export const countPosts = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const author = c.get('author');
  if (!author || c.get('storedNew')) return;
  const key = budgetKey(author);
  if (!isHeldBack(key)) await countRequest(c, key);
});

/** Counts one request against a budget with the binding, in the background (resolves at once). */
function countRequest(c: Context<AppEnv>, key: string): Promise<void> {
  // Counting must never change an answer already given: a failure is logged, not thrown.
  const counted = (async () => c.env.POST_LIMITER.limit({ key }))().then(
    ({ success }) => {
      if (success) heldBack.delete(key);
      else holdBack(key, Date.now());
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
