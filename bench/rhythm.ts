/**
 * One cron run of the rhythm over a generated program, inside workerd: the time to plan, record
 * and enqueue, the messages written, and a second run at the same instant, which must write none.
 * Runs at 20:17 UTC (the cron's minute) on each of the seven days from today, when reminders and
 * nudges are due somewhere for most cohorts; reports each, the busiest, and its repeat.
 *
 *   TANDEM_STATE_DIR=/tmp/big npm exec -- node bench/rhythm.ts     (a database from bench/generate.ts)
 */
import { startWorkerNextToD1 } from '../worker/db/workerd.ts';

export interface RhythmRun {
  at: string;
  seconds: number;
  due: number;
  recorded: number;
}

export interface RhythmResult {
  runs: RhythmRun[];
  busiest: RhythmRun;
  /** The busiest instant run again: recorded must be 0. */
  repeat: RhythmRun;
}

export async function benchRhythm(stateDir: string, log = (line: string) => process.stderr.write(line)): Promise<RhythmResult> {
  const worker = await startWorkerNextToD1('bench/rhythm-worker.ts', { state: stateDir });
  const run = async (at: string): Promise<RhythmRun> => {
    const response = await worker.fetch(`http://bench.invalid/api/rhythm?at=${encodeURIComponent(at)}`, { signal: AbortSignal.timeout(10 * 60_000) });
    if (!response.ok) throw new Error(`the rhythm Worker failed (${response.status}): ${(await response.text()).slice(0, 2000)}`);
    const { ms, due, recorded } = (await response.json()) as { ms: number; due: number; recorded: number };
    return { at, seconds: ms / 1000, due, recorded };
  };
  try {
    const runs: RhythmRun[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (let day = 0; day < 7; day++) {
      const at = `${new Date(Date.parse(`${today}T20:17:00Z`) + day * 86_400_000).toISOString().slice(0, 19)}Z`;
      runs.push(await run(at));
      log(`rhythm: ${at}: ${runs.at(-1)!.recorded} messages recorded and queued in ${runs.at(-1)!.seconds.toFixed(2)} s\n`);
    }
    const busiest = runs.reduce((a, b) => (b.recorded > a.recorded ? b : a));
    const repeat = await run(busiest.at);
    log(`rhythm: ${busiest.at} again: ${repeat.recorded} recorded in ${repeat.seconds.toFixed(2)} s\n`);
    return { runs, busiest, repeat };
  } finally {
    await worker.dispose();
  }
}

if (import.meta.main) {
  const stateDir = process.env.TANDEM_STATE_DIR;
  if (!stateDir) throw new Error('Set TANDEM_STATE_DIR to a database made by bench/generate.ts.');
  console.log(JSON.stringify(await benchRhythm(stateDir), null, 2));
}
