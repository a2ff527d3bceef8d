/**
 * One measured `npm run build -- --force` (cli/build.ts: the read, Astro, the pages made from D1)
 * of a given database into a given folder: wall time, peak memory of the process tree (the build's
 * Node processes, the reader's workerd, Pagefind's binary), sampled from /proc, CPU time from /usr/bin/time
 * when it is there (less disturbed than wall time by other work on the machine), and the phases from
 * Astro's own timer (ASTRO_TIMER_PATH: "Sync content layer", "Prerender build", "Client build",
 * "Static generate", "Total build"), and the build's own (TANDEM_TIMER_PATH: the D1 read, rendering the pages made from D1).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesUnder } from '../cli/build-manifest.ts';
import { PROJECT_ROOT } from '../worker/db/connection.ts';

export interface BuildRun {
  /** Wall time of the whole command, seconds. */
  seconds: number;
  /** Peak of the summed resident memory of the build's process tree, bytes (sampled every 100 ms). */
  peakTreeRss: number;
  /** Peak resident memory of the largest single process (its VmHWM), bytes. */
  peakProcessRss: number;
  /** CPU time (user + system) of the build and every process it waited for, from /usr/bin/time; null without it. */
  cpuSeconds: number | null;
  /** Astro's own timers, seconds. */
  phases: Record<string, number>;
  pages: number;
}

/** Every process and its parent, from /proc. */
function processTable(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) is in parentheses and may hold spaces; the parent follows it.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples a process tree's memory until stopped. */
export function watchMemory(root: number, everyMs = 100): { stop(): { peakTreeRss: number; peakProcessRss: number } } {
  let peakTree = 0;
  let peakProcess = 0;
  const sample = () => {
    const parents = processTable();
    const tree = new Set([root]);
    // Parents are listed before children only by accident; repeat until the set stops growing.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, parent] of parents) {
        if (!tree.has(pid) && tree.has(parent)) {
          tree.add(pid);
          grew = true;
        }
      }
    }
    let sum = 0;
    for (const pid of tree) {
      sum += statusKb(pid, 'VmRSS');
      peakProcess = Math.max(peakProcess, statusKb(pid, 'VmHWM'));
    }
    peakTree = Math.max(peakTree, sum);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakTreeRss: peakTree * 1024, peakProcessRss: peakProcess * 1024 };
    },
  };
}

/** Builds the site from `stateDir` into `outDir`; `log` gets Astro's progress lines. */
export async function measureBuild(stateDir: string, outDir: string, log = (line: string) => process.stderr.write(line)): Promise<BuildRun> {
  const timerDir = mkdtempSync(join(tmpdir(), 'tandem-bench-timer-'));
  const timerPath = join(timerDir, 'timer.json');
  const ownTimerPath = join(timerDir, 'own-timer.json');
  const env = { ...process.env, TANDEM_STATE_DIR: stateDir, TANDEM_OUT_DIR: outDir, ASTRO_TIMER_PATH: timerPath, TANDEM_TIMER_PATH: ownTimerPath, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  // /usr/bin/time adds the exact CPU time of the whole tree; wall time and memory come from here.
  const timePath = join(timerDir, 'time.txt');
  const command = [process.execPath, 'cli/build.ts', '--force'];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%U %S', '-o', timePath, ...command] : command;
  const started = performance.now();
  const child = spawn(timed[0]!, timed.slice(1), { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const memory = watchMemory(child.pid!);
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk;
    // Astro lists every page it writes; pass on only its phase lines.
    for (const line of chunk.toString().split('\n')) if (/\[(?:build|content|vite|tandem[^\]]*)\]|Completed in|^Read |^Built /.test(line) && !/├─|└─/.test(line)) log(`  ${line.trim()}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const { peakTreeRss, peakProcessRss } = memory.stop();
  if (status !== 0) throw new Error(`npm run build failed (exit ${status}):\n${output.slice(-4000)}`);
  const timers = JSON.parse(readFileSync(timerPath, 'utf8')) as Record<string, { elapsedTime: number }>;
  const own = JSON.parse(readFileSync(ownTimerPath, 'utf8')) as { read: number; render: number };
  const cpuSeconds = existsSync(timePath) ? readFileSync(timePath, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
  rmSync(timerDir, { recursive: true, force: true });
  const phases = { ...Object.fromEntries(Object.entries(timers).map(([name, t]) => [name, t.elapsedTime / 1000])), 'D1 read': own.read, 'Render D1 pages': own.render };
  const pages = filesUnder(outDir, outDir).filter((file) => file.endsWith('.html')).length;
  return { seconds, peakTreeRss, peakProcessRss, cpuSeconds, phases, pages };
}
