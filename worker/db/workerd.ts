/**
 * Node's way to run code next to D1: a Worker of this project started inside workerd, on the
 * local state folder's D1 or the production database (`remote`: the `[env.production]` D1 binding
 * is marked `remote = true`, so only that binding reaches Cloudflare, through wrangler's
 * authenticated proxy; nothing is exposed on the public web). Node only, like connection.ts.
 *
 * Two ways to start one. `startWorkerNextToD1` is wrangler's unstable_startWorker with all of
 * wrangler.toml's bindings: what the benchmarks' Workers and a remote read need. The build's local
 * read (`readProgramInWorkerd`) starts its reader with Miniflare, wrangler's own local runtime,
 * on the same D1 file, bundled with esbuild as wrangler would: without wrangler's dev server (a
 * second workerd, a proxy in front) and without loading wrangler, which were 1.4 of the 2.5 s a
 * publish after one check-in took at 4× the program. The reader needs only the D1 binding.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { CONFIG_PATH, PROJECT_ROOT, stateDir } from './paths.ts';
import type { CohortDigest, PublishedProgram } from './story.ts';

export interface StartOptions {
  /** The production database instead of the local one. */
  remote?: boolean;
  /** The local state folder (default: the one the CLI uses). */
  state?: string;
}

/** A Worker started next to D1: requests to it, and its end. */
interface Started {
  fetch(url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  dispose(): Promise<void>;
}

/** Starts `entrypoint` (a path from the project's root) in workerd with wrangler; dispose() it when done. */
export async function startWorkerNextToD1(entrypoint: string, { remote = false, state = stateDir() }: StartOptions = {}) {
  process.env.WRANGLER_LOG ??= 'warn';
  // No network here for the Request.cf lookup: skip it rather than log a failure.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const { unstable_startWorker } = await import('wrangler');
  const worker = await unstable_startWorker({
    config: CONFIG_PATH,
    ...(remote ? { env: 'production' } : {}),
    entrypoint: `${PROJECT_ROOT}${entrypoint}`,
    // wrangler.toml's [assets] needs its folder to exist; these Workers serve no pages, so an
    // empty folder stands in for dist/ (a fresh clone has none yet).
    assets: mkdtempSync(join(tmpdir(), 'tandem-no-assets-')),
    dev: { persist: state, server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'warn' },
  });
  await worker.ready;
  return worker;
}

interface WranglerToml {
  compatibility_date: string;
  compatibility_flags?: string[];
  d1_databases: { binding: string; database_id: string; preview_database_id?: string }[];
}

/**
 * Starts `entrypoint` in Miniflare with wrangler.toml's compatibility settings and D1 binding, on
 * the D1 file wrangler keeps in `state` (`<state>/v3`, the database named by its id, as wrangler
 * names it locally).
 */
async function startWithMiniflare(entrypoint: string, state: string): Promise<Started> {
  const [{ Miniflare, convertV4MiniflareOptions }, { build }] = await Promise.all([import('miniflare'), import('esbuild')]);
  const config = parse(readFileSync(CONFIG_PATH, 'utf8')) as unknown as WranglerToml;
  const bundled = await build({
    entryPoints: [`${PROJECT_ROOT}${entrypoint}`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['node:*', 'cloudflare:*'],
    write: false,
    logLevel: 'error',
  });
  const d1Databases = Object.fromEntries(config.d1_databases.map((db) => [db.binding, db.preview_database_id ?? db.database_id]));
  const miniflare = new Miniflare({
    ...convertV4MiniflareOptions({
      modules: true,
      script: bundled.outputFiles[0]!.text,
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags ?? [],
      d1Databases,
    }),
    resourcePersistencePath: join(state, 'v3'),
  });
  await miniflare.ready;
  return { fetch: (url, init) => miniflare.dispatchFetch(url, init), dispose: () => miniflare.dispose() };
}

/** What the build's reader answers: the program, every cohort's digest, and the milliseconds the read took inside workerd. */
export interface ProgramRead {
  /** Its stories are those of the cohorts not in `have` with the same digest (all of them without `have`). */
  program: PublishedProgram;
  digests: CohortDigest[];
  ms: number;
  bytes: number;
}

/**
 * Reads the publishable program inside workerd (worker/read-program.ts), in one request. `have`
 * (slug → digest) names the cohort stories the caller already holds; those are not sent again.
 */
export async function readProgramInWorkerd({ remote = false, state = stateDir(), have = {} }: StartOptions & { have?: Record<string, string> } = {}): Promise<ProgramRead> {
  const worker: Started = remote ? await startWorkerNextToD1('worker/read-program.ts', { remote, state }) : await startWithMiniflare('worker/read-program.ts', state);
  try {
    // /api/… so that, started by wrangler, the Worker answers before the static assets (wrangler.toml's run_worker_first).
    const response = await worker.fetch('http://reader.invalid/api/read', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ have }),
      signal: AbortSignal.timeout(10 * 60_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`reading the program inside workerd failed (${response.status}): ${text.slice(0, 2000)}`);
    const { ms, program, digests } = JSON.parse(text) as Omit<ProgramRead, 'bytes'>;
    return { program, digests, ms, bytes: Buffer.byteLength(text) };
  } finally {
    await worker.dispose();
  }
}
