/**
 * The build's D1 read, timed two ways on the same database:
 * - as the build does it: loadPublishedProgram in Node over getPlatformProxy (worker/db/connection.ts), where
 *   every prepare() and bind() is a synchronous round trip to workerd (Miniflare's proxy blocks
 *   the Node thread on each), so the cost grows with the number of statements;
 * - inside workerd: the same function run by bench/read-worker.ts next to D1, plus the transfer
 *   of its JSON to Node — what the build would pay if its loader asked a Worker for the program.
 */
import { startBenchWorker } from './start-worker.ts';
import { openDatabase } from '../worker/db/connection.ts';
import { loadPublishedProgram } from '../worker/db/story.ts';

export interface ReadTiming {
  /** loadPublishedProgram over getPlatformProxy, seconds (after the proxy has started). */
  seconds: number;
  openSeconds: number;
  cohorts: number;
  strategies: number;
  successStories: number;
  /** Statements the read prepares (each a prepare() and a bind() through the proxy). */
  statements: number;
  /** The same read inside workerd, and with its JSON carried to Node, seconds. */
  inWorkerd: { seconds: number; withTransfer: number; bytes: number };
}

/** Counts prepare() calls on a D1Database, passing everything through. */
function counting(db: D1Database, count: { n: number }): D1Database {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === 'prepare') return (sql: string) => (count.n++, target.prepare(sql));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function timeRead(stateDir: string): Promise<ReadTiming> {
  process.env.TANDEM_STATE_DIR = stateDir;
  const opening = performance.now();
  const conn = await openDatabase();
  const openSeconds = (performance.now() - opening) / 1000;
  let proxied: Omit<ReadTiming, 'inWorkerd' | 'openSeconds'>;
  try {
    const count = { n: 0 };
    const started = performance.now();
    const program = await loadPublishedProgram(counting(conn.db, count));
    const seconds = (performance.now() - started) / 1000;
    proxied = { seconds, cohorts: program.stories.length, strategies: program.strategies.length, successStories: program.successStories.length, statements: count.n };
  } finally {
    await conn.close();
  }
  return { ...proxied, openSeconds, inWorkerd: await readInWorkerd(stateDir) };
}

async function readInWorkerd(stateDir: string): Promise<ReadTiming['inWorkerd']> {
  const worker = await startBenchWorker('bench/read-worker.ts', stateDir);
  try {
    // /api/… so the Worker answers before the static assets (wrangler.toml's run_worker_first).
    const started = performance.now();
    const response = await worker.fetch('http://bench.invalid/api/read', { signal: AbortSignal.timeout(10 * 60_000) });
    const text = await response.text();
    const withTransfer = (performance.now() - started) / 1000;
    if (!response.ok) throw new Error(`the read Worker failed (${response.status}): ${text.slice(0, 2000)}`);
    const { ms } = JSON.parse(text) as { ms: number };
    return { seconds: ms / 1000, withTransfer, bytes: Buffer.byteLength(text) };
  } finally {
    await worker.dispose();
  }
}
