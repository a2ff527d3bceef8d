/**
 * The build's D1 read, timed two ways on the same database:
 * - as the build did it: loadPublishedProgram in Node over getPlatformProxy (worker/db/connection.ts), where
 *   every prepare() and bind() is a synchronous round trip to workerd (Miniflare's proxy blocks
 *   the Node thread on each), so the cost grows with the number of statements;
 * - as the build does it now: the same function run by worker/read-program.ts next to D1, with
 *   the Worker's start and the transfer of its JSON to Node.
 */
import { openDatabase } from '../worker/db/connection.ts';
import { loadPublishedProgram } from '../worker/db/story.ts';
import { readProgramInWorkerd } from '../worker/db/workerd.ts';

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
  // What the build's loader does: start the reader Worker, one request, the JSON carried to Node.
  const started = performance.now();
  const { ms, bytes } = await readProgramInWorkerd({ state: stateDir });
  return { seconds: ms / 1000, withTransfer: (performance.now() - started) / 1000, bytes };
}
