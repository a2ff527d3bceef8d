/**
 * Node's way to run code next to D1: a Worker of this project started inside workerd through
 * wrangler's unstable_startWorker, with wrangler.toml's bindings — on the local state folder, or
 * the production database (`remote`: the `[env.production]` D1 binding is marked `remote = true`,
 * so only that binding reaches Cloudflare, through wrangler's authenticated proxy; nothing is
 * exposed on the public web). wrangler.toml's [assets] needs its folder to exist; these Workers
 * serve no pages, so an empty folder stands in for dist/ (a fresh clone has none yet).
 * Node only, like connection.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import { CONFIG_PATH, PROJECT_ROOT, stateDir } from './connection.ts';
import type { CohortDigest, PublishedProgram } from './story.ts';

export interface StartOptions {
  /** The production database instead of the local one. */
  remote?: boolean;
  /** The local state folder (default: the one the CLI uses). */
  state?: string;
}

/** Starts `entrypoint` (a path from the project's root) in workerd; dispose() it when done. */
export async function startWorkerNextToD1(entrypoint: string, { remote = false, state = stateDir() }: StartOptions = {}) {
  process.env.WRANGLER_LOG ??= 'warn';
  // No network here for the Request.cf lookup: skip it rather than log a failure.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const worker = await unstable_startWorker({
    config: CONFIG_PATH,
    ...(remote ? { env: 'production' } : {}),
    entrypoint: `${PROJECT_ROOT}${entrypoint}`,
    assets: mkdtempSync(join(tmpdir(), 'tandem-no-assets-')),
    dev: { persist: state, server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'warn' },
  });
  await worker.ready;
  return worker;
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
export async function readProgramInWorkerd(options: StartOptions & { have?: Record<string, string> } = {}): Promise<ProgramRead> {
  const worker = await startWorkerNextToD1('worker/read-program.ts', options);
  try {
    // /api/… so the Worker answers before the static assets (wrangler.toml's run_worker_first).
    const response = await worker.fetch('http://reader.invalid/api/read', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ have: options.have ?? {} }),
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
