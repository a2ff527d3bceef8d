/**
 * Starts one of the bench Workers (bench/read-worker.ts, bench/route-worker.ts) inside workerd
 * through wrangler's unstable_startWorker, with the project's wrangler.toml bindings on a given
 * state folder. wrangler.toml's [assets] needs its folder to exist; the bench Workers serve no
 * pages, so an empty folder stands in for dist/, and a fresh clone that never built the site can
 * run the bench.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import { CONFIG_PATH, PROJECT_ROOT } from '../worker/db/connection.ts';

export async function startBenchWorker(entrypoint: string, stateDir: string) {
  process.env.WRANGLER_LOG ??= 'warn';
  // No network here for the Request.cf lookup: skip it rather than log a failure.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const worker = await unstable_startWorker({
    config: CONFIG_PATH,
    entrypoint: `${PROJECT_ROOT}${entrypoint}`,
    assets: mkdtempSync(join(tmpdir(), 'tandem-bench-assets-')),
    dev: { persist: stateDir, server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'warn' },
  });
  await worker.ready;
  return worker;
}
