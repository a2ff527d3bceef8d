/**
 * Publishing after one new check-in in one cohort, against a full build (issue 17: incremental ÷
 * full ≤ 0.25). On a generated program: `npm run build -- --force` (cli/build.ts, the swap and the
 * manifest included), one check-in with a public win stored in one published cohort, then
 * `npm run build`, which renders that cohort and copies the others' files. Wall time of each
 * command, as the mentor waits for it, and its CPU time (from /usr/bin/time, when it is there: the
 * build and every process it waited for), which other work on a shared machine disturbs less.
 *
 *   TANDEM_STATE_DIR=/tmp/bench4 npm exec -- node bench/incremental.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, PROJECT_ROOT } from '../worker/db/connection.ts';
import { listPublishedCohorts } from '../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../worker/db/participants.ts';
import { expectStored, storeCheckin } from '../worker/db/submissions.ts';
import { currentWeek } from '../worker/domain/weeks.ts';

export interface IncrementalResult {
  /** `npm run build -- --force`, seconds. */
  full: number;
  /** `npm run build` after one new check-in, seconds. */
  incremental: number;
  ratio: number;
  /** CPU seconds of each, and their ratio; null without /usr/bin/time. */
  cpu: { full: number; incremental: number; ratio: number } | null;
  /** The cohort that got the check-in, and what the incremental build said it did. */
  cohort: string;
  said: string;
  /** Whether that build rendered that one cohort only (not so when the site's code changed during the run). */
  renderedOne: boolean;
}

function timedBuild(stateDir: string, outDir: string, args: string[]): { seconds: number; cpu: number | null; said: string } {
  const timePath = `${outDir}.time`;
  const command = [process.execPath, 'cli/build.ts', '--silent', ...args];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%U %S', '-o', timePath, ...command] : command;
  const started = performance.now();
  const run = spawnSync(timed[0]!, timed.slice(1), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TANDEM_STATE_DIR: stateDir, TANDEM_OUT_DIR: outDir, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`npm run build ${args.join(' ')} failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const cpu = existsSync(timePath) ? readFileSync(timePath, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
  return { seconds, cpu, said: run.stdout.trim().split('\n').at(-1)! };
}

/** One check-in with a public win, by the first mentee of the middle published cohort, in its last complete week. */
async function addOneCheckin(stateDir: string): Promise<string> {
  process.env.TANDEM_STATE_DIR = stateDir;
  const conn = await openDatabase();
  try {
    const cohorts = await listPublishedCohorts(conn.db);
    const cohort = cohorts[Math.floor(cohorts.length / 2)]!;
    const mentee = (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.role === 'mentee')!;
    const week = Math.max(1, currentWeek(cohort, new Date()).lastComplete);
    expectStored(
      await storeCheckin(conn.db, (await getParticipant(conn.db, mentee.id))!, week, {
        idempotency_key: `bench-incremental-${Date.now()}`, progress: 'p', obstacles: '', next_step: 'n', committed_action: 'c', last_action_done: 'yes',
        win: 'One more win, for the incremental build', win_consent: 'public', challenge: '', decision_reason: '', energy: 4, needs_pause: false, carry_forward: false, challenge_to_circle: false,
      }),
    );
    return cohort.slug;
  } finally {
    await conn.close();
  }
}

export async function benchIncremental(stateDir: string, log = (line: string) => process.stderr.write(line)): Promise<IncrementalResult> {
  const outDir = join(mkdtempSync(join(tmpdir(), 'tandem-bench-incremental-')), 'dist');
  try {
    const full = timedBuild(stateDir, outDir, ['--force']);
    log(`incremental: full build ${full.seconds.toFixed(1)} s, ${full.cpu?.toFixed(1)} s CPU (${full.said})\n`);
    const cohort = await addOneCheckin(stateDir);
    const incremental = timedBuild(stateDir, outDir, []);
    log(`incremental: after one check-in in ${cohort}, ${incremental.seconds.toFixed(1)} s, ${incremental.cpu?.toFixed(1)} s CPU (${incremental.said})\n`);
    const cpu = full.cpu && incremental.cpu !== null ? { full: full.cpu, incremental: incremental.cpu, ratio: incremental.cpu / full.cpu } : null;
    const renderedOne = incremental.said.includes(`rebuilt 1 cohort(s): ${cohort};`);
    if (!renderedOne) log('incremental: that build did not render the one cohort alone, so it measures nothing (was a file of the site edited during the run?)\n');
    return { full: full.seconds, incremental: incremental.seconds, ratio: incremental.seconds / full.seconds, cpu, cohort, said: incremental.said, renderedOne };
  } finally {
    // The build removes the site it replaced in a process of its own, which may still be at it.
    rmSync(join(outDir, '..'), { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  }
}

if (import.meta.main) {
  const stateDir = process.env.TANDEM_STATE_DIR;
  if (!stateDir) throw new Error('Set TANDEM_STATE_DIR to a generated program (bench/generate.ts).');
  console.log(JSON.stringify(await benchIncremental(stateDir)));
}
