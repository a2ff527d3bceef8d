/**
 * The hourly cron's cost per Worker invocation on a generated program, as one invocation (as it
 * runs locally) and sliced as deployed (CRON_SLICE of wrangler.toml's [env.production.vars],
 * worker/sliced-cron.ts): D1 queries, statements and queue sends per invocation, at
 * 20:17 UTC on each of seven days (bench/cron-worker.ts does the counting inside workerd). D1 allows
 * 1,000 queries per invocation on Workers Paid (docs/capacity.md): the cron as one invocation reads
 * every published cohort for the digest and every running one for the rhythm, so it grows with the
 * program; a slice reads at most CRON_SLICE cohorts.
 *
 *   TANDEM_STATE_DIR=/tmp/big npm exec -- node bench/cron.ts [--slice N] [--days 7]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'smol-toml';
import { CONFIG_PATH } from '../worker/db/paths.ts';
import { startWorkerNextToD1 } from '../worker/db/workerd.ts';
import type { Invocation } from './cron-worker.ts';
import { s, table } from './table.ts';

export interface CronRun {
  at: string;
  /** Cohorts per slice; 0 for the cron as one invocation. */
  slice: number;
  invocations: number;
  /** The invocation with the most D1 queries. */
  busiest: Invocation;
  queries: number;
  seconds: number;
}

export interface CronResult {
  runs: CronRun[];
  /** The most D1 queries in one invocation, per mode. */
  maxQueries: { single: number; sliced: number };
}

/** Cohorts per slice of the cron as deployed: CRON_SLICE in wrangler.toml's [env.production.vars]. */
export function deployedSlice(): number {
  const config = parse(readFileSync(CONFIG_PATH, 'utf8')) as { env: { production: { vars: { CRON_SLICE: string } } } };
  return Number(config.env.production.vars.CRON_SLICE);
}

export async function benchCron(stateDir: string, { slice = deployedSlice(), days = 7, log = (line: string) => process.stderr.write(line) } = {}): Promise<CronResult> {
  const worker = await startWorkerNextToD1('bench/cron-worker.ts', { state: stateDir });
  const runs: CronRun[] = [];
  try {
    const today = new Date().toISOString().slice(0, 10);
    for (let day = 0; day < days; day++) {
      const at = `${new Date(Date.parse(`${today}T20:17:00Z`) + day * 86_400_000).toISOString().slice(0, 19)}Z`;
      for (const size of [0, slice]) {
        const response = await worker.fetch(`http://bench.invalid/api/cron?at=${encodeURIComponent(at)}&slice=${size}`, { signal: AbortSignal.timeout(20 * 60_000) });
        if (!response.ok) throw new Error(`the cron Worker failed (${response.status}): ${(await response.text()).slice(0, 2000)}`);
        const { invocations } = (await response.json()) as { invocations: Invocation[] };
        const busiest = invocations.reduce((a, b) => (b.queries > a.queries ? b : a));
        runs.push({ at, slice: size, invocations: invocations.length, busiest, queries: invocations.reduce((n, i) => n + i.queries, 0), seconds: invocations.reduce((n, i) => n + i.ms, 0) / 1000 });
        log(`cron ${at} ${size ? `in slices of ${size}` : 'as one invocation'}: ${invocations.length} invocation(s), at most ${busiest.queries} D1 queries in one (${busiest.what}), ${runs.at(-1)!.seconds.toFixed(1)} s\n`);
      }
    }
  } finally {
    await worker.dispose();
  }
  const max = (sliced: boolean) => Math.max(...runs.filter((r) => (r.slice > 0) === sliced).map((r) => r.busiest.queries));
  return { runs, maxQueries: { single: max(false), sliced: max(true) } };
}

export function cronTable(result: CronResult): string {
  return table(
    ['at (20:17 UTC)', 'cron', 'invocations', 'most D1 queries in one', 'its statements', 'its queue sends', 'its time', 'D1 queries in all', 'time in all'],
    result.runs.map((r) => [r.at.slice(0, 10), r.slice ? `slices of ${r.slice}` : 'one invocation', r.invocations, `${r.busiest.queries} (${r.busiest.what})`, r.busiest.statements, r.busiest.sends, s(r.busiest.ms / 1000), r.queries, s(r.seconds)]),
  );
}

if (import.meta.main) {
  const stateDir = process.env.TANDEM_STATE_DIR;
  if (!stateDir) throw new Error('Set TANDEM_STATE_DIR to a database made by bench/generate.ts.');
  const { values } = parseArgs({ options: { slice: { type: 'string', default: String(deployedSlice()) }, days: { type: 'string', default: '7' } } });
  const result = await benchCron(stateDir, { slice: Number(values.slice), days: Number(values.days) });
  console.log(cronTable(result));
  console.log(JSON.stringify(result.maxQueries));
}
