/**
 * The Worker's cost per check-in post, in-process: starts bench/route-worker.ts in workerd with the
 * project's wrangler.toml bindings (D1 on a given state folder, POSTS_PER_MINUTE, LINK_SECRET from
 * .dev.vars) through wrangler's unstable_startWorker, and asks it to time the route and the bare
 * insert. Only the worker's own measurements count; the one request that starts it is not timed.
 * It asks for /api/… because wrangler.toml runs the Worker before the static assets only there.
 *
 *   TANDEM_STATE_DIR=/tmp/big npm exec -- node bench/route.ts [--n 2000]
 */
import { parseArgs } from 'node:util';
import { startWorkerNextToD1 } from '../worker/db/workerd.ts';
import { stateDir } from '../worker/db/connection.ts';
import type { BenchOutput } from './route-worker.ts';

export interface Timing {
  mean: number;
  p50: number;
  p99: number;
}

export interface RouteResult {
  iterations: number;
  participants: number;
  route: Timing;
  bare: Timing;
  /** Route mean ÷ bare-insert mean. */
  ratio: number;
  /** Where a post's time goes (mean ms per post, from a separate instrumented run of the route). */
  attribution: BenchOutput['attribution'];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function timing(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { mean: samples.reduce((sum, x) => sum + x, 0) / samples.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function benchRoute(dir = stateDir(), iterations = 2000, log = (line: string) => process.stderr.write(line)): Promise<RouteResult> {
  log(`route: starting the bench Worker in workerd on ${dir}\n`);
  const worker = await startWorkerNextToD1('bench/route-worker.ts', { state: dir });
  try {
    log(`route: ${iterations} each of posts through the route and bare inserts, alternating blocks of 50\n`);
    // A stuck runtime should fail the bench, not hang it.
    const response = await worker.fetch(`http://bench.invalid/api/bench?n=${iterations}&warmup=200&block=50&tag=${Date.now()}`, { signal: AbortSignal.timeout(20 * 60_000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`the bench Worker failed (${response.status}): ${text}`);
    const output = JSON.parse(text) as BenchOutput;
    const [route, bare] = [timing(output.route), timing(output.bare)];
    return { iterations, participants: output.participants, route, bare, ratio: route.mean / bare.mean, attribution: output.attribution };
  } finally {
    await worker.dispose();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' } } });
  console.log(JSON.stringify(await benchRoute(stateDir(), Number(values.n)), null, 2));
}
