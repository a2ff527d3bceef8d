/**
 * `npm run bench:load`: posts check-ins to a local `wrangler dev` at a steady rate and checks that
 * every accepted post is stored exactly once. It seeds a small program into a temporary database
 * (two cohorts, 96 mentees), serves it with a placeholder assets folder (the API needs no built
 * pages), and sends posts on a fixed schedule — open loop, so a slow answer does not slow the
 * sender — each from one of the mentees in turn with its own idempotency key; a share of them is
 * sent again with the same key, half at once (racing the first) and half after its answer.
 *
 * The rate limit allows 30 check-ins a minute per participant, so the posts are spread over enough
 * mentees to stay under it; any 429 is reported on its own line. After the run the server is
 * stopped and D1 is read: every key that got a 2xx must be exactly one row, with the id the
 * answers gave. Exits non-zero on any error, lost or duplicated submission.
 *
 *   npm run bench:load [-- --rate 20 --duration 30 --retries 0.1]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevVars } from '../cli/setup.ts';
import { openDatabase, PROJECT_ROOT } from '../worker/db/connection.ts';
import { signToken } from '../worker/domain/links.ts';
import { generateProgram, migrate } from './generate.ts';
import { percentile } from './route.ts';
import { ms, table } from './table.ts';

/** Posts a participant may send in one run: the rate limit allows 30 in any one minute. */
const PER_PARTICIPANT = 20;

interface Sent {
  key: string;
  status: number | 'network error';
  ms: number;
  id?: number;
  replayed: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The run's own temporary folders: its database and the placeholder assets. */
interface Program {
  stateDir: string;
  outDir: string;
}

/** `wrangler dev` on the program's database and placeholder assets, stopped if it fails to start. */
async function serve(program: Program, port: number): Promise<ChildProcess> {
  const args = ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', program.stateDir, '--assets', program.outDir, '--show-interactive-dev-session=false'];
  // WRANGLER_LOG=log: openDatabase quietened wrangler in this process, and "Ready on" is an info line.
  const env = { ...process.env, NO_COLOR: '1', WRANGLER_LOG: 'log', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
  const server = spawn(process.execPath, [join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin/wrangler.js'), ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wrangler dev did not start in 120 s:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.once('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
    });
  } catch (err) {
    server.kill('SIGTERM');
    throw err;
  }
  return server;
}

async function seed(program: Program, needed: number): Promise<string[]> {
  ensureDevVars();
  migrate(program.stateDir);
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    await generateProgram(conn.db, { cohorts: 2, mentees: 48, weeks: 6 }, { seed: 7 });
    const { results } = await conn.db.prepare(`SELECT id, cohort_id, link_version FROM participants WHERE role = 'mentee' ORDER BY id`).all<{ id: number; cohort_id: number; link_version: number }>();
    if (results.length < needed) throw new Error(`${needed} mentees are needed to stay under the rate limit; the seed has ${results.length}. Lower --rate or --duration.`);
    return Promise.all(results.map((p) => signToken(conn.env.LINK_SECRET, { participantId: p.id, cohortId: p.cohort_id, linkVersion: p.link_version })));
  } finally {
    await conn.close();
  }
}

async function post(origin: string, token: string, key: string): Promise<Sent> {
  const body = JSON.stringify({ idempotency_key: key, progress: 'Finished the outline and two sections of the draft.', next_step: 'Write section three.', committed_action: 'Two focused hours on Tuesday morning', win: 'Kept my streak all week.', win_consent: 'cohort', energy: 4 });
  const started = performance.now();
  try {
    const response = await fetch(`${origin}/api/checkins`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` }, body });
    const answer = (await response.json().catch(() => ({}))) as { id?: number };
    return { key, status: response.status, ms: performance.now() - started, id: answer.id, replayed: response.headers.get('idempotent-replayed') === 'true' };
  } catch {
    return { key, status: 'network error', ms: performance.now() - started, replayed: false };
  }
}

async function run(origin: string, tokens: string[], rate: number, seconds: number, retryShare: number, tag: string): Promise<{ sent: Sent[]; seconds: number }> {
  const total = Math.round(rate * seconds);
  const pending: Promise<unknown>[] = [];
  const sent: Sent[] = [];
  const started = performance.now();
  let progressAt = started;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const token = tokens[i % tokens.length]!;
    const key = `load-${tag}-${i}`;
    const first = post(origin, token, key).then((r) => (sent.push(r), r));
    pending.push(first);
    // Deterministic choice of retries: every k-th post, alternating racing and after-the-answer.
    if (retryShare > 0 && i % Math.round(1 / retryShare) === 0) {
      const again = i % (2 * Math.round(1 / retryShare)) === 0 ? post(origin, token, key) : first.then(() => post(origin, token, key));
      pending.push(again.then((r) => sent.push(r)));
    }
    if (performance.now() - progressAt > 5000) {
      progressAt = performance.now();
      process.stderr.write(`load: ${i + 1}/${total} posts sent, ${sent.length} answered\n`);
    }
  }
  await Promise.all(pending);
  return { sent, seconds: (performance.now() - started) / 1000 };
}

async function storedRows(program: Program, tag: string): Promise<Map<string, number[]>> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    const { results } = await conn.db.prepare(`SELECT idempotency_key AS key, id FROM checkins WHERE idempotency_key LIKE ?1`).bind(`load-${tag}-%`).all<{ key: string; id: number }>();
    const rows = new Map<string, number[]>();
    for (const r of results) rows.set(r.key, [...(rows.get(r.key) ?? []), r.id]);
    return rows;
  } finally {
    await conn.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '20' }, duration: { type: 'string', default: '30' }, retries: { type: 'string', default: '0.1' } } });
  const [rate, seconds, retryShare] = [Number(values.rate), Number(values.duration), Number(values.retries)];
  const posts = Math.round(rate * seconds * (1 + retryShare));
  const program: Program = { stateDir: mkdtempSync(join(tmpdir(), 'tandem-load-state-')), outDir: mkdtempSync(join(tmpdir(), 'tandem-load-assets-')) };
  process.stderr.write(`load: seeding a small program in ${program.stateDir}\n`);
  const tokens = (await seed(program, Math.ceil(posts / PER_PARTICIPANT))).slice(0, Math.max(Math.ceil(posts / PER_PARTICIPANT), 1));
  // The API needs no built pages: a placeholder keeps wrangler's [assets] happy.
  writeFileSync(`${program.outDir}/index.html`, '<!doctype html><title>load test</title>\n');
  const port = await freePort();
  process.stderr.write(`load: starting wrangler dev on port ${port}\n`);
  const server = await serve(program, port);
  const tag = Date.now().toString(36);
  let result: Awaited<ReturnType<typeof run>>;
  try {
    process.stderr.write(`load: ${rate} posts/s for ${seconds} s from ${tokens.length} participants (≤ ${PER_PARTICIPANT} each), ${Math.round(retryShare * 100)}% sent twice\n`);
    result = await run(`http://127.0.0.1:${port}`, tokens, rate, seconds, retryShare, tag);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  const rows = await storedRows(program, tag);
  const failed = report(result, rows, rate, seconds);
  for (const dir of [program.stateDir, program.outDir]) rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

/** Prints the tables; true when something failed. */
function report({ sent, seconds }: { sent: Sent[]; seconds: number }, rows: Map<string, number[]>, rate: number, duration: number): boolean {
  const ok = (s: Sent) => typeof s.status === 'number' && s.status >= 200 && s.status < 300;
  const latencies = sent.map((s) => s.ms).sort((a, b) => a - b);
  const byStatus = Map.groupBy(sent, (s) => String(s.status));
  const accepted = new Map<string, Set<number>>();
  for (const s of sent.filter(ok)) accepted.set(s.key, (accepted.get(s.key) ?? new Set()).add(s.id!));
  const lost = [...accepted.keys()].filter((key) => !rows.has(key));
  const duplicated = [...rows].filter(([, ids]) => ids.length > 1).map(([key]) => key);
  const mismatched = [...accepted].filter(([key, ids]) => ids.size !== 1 || rows.get(key)?.[0] !== [...ids][0]).map(([key]) => key);
  const unaccepted = [...rows.keys()].filter((key) => !accepted.has(key));
  const errors = sent.filter((s) => !ok(s) && s.status !== 429);
  const limited = byStatus.get('429')?.length ?? 0;

  console.log(`\nLoad test: POST /api/checkins on wrangler dev, ${rate}/s for ${duration} s (took ${seconds.toFixed(1)} s)`);
  console.log(table(['requests', 'sent per second (with resends)', 'p50', 'p90', 'p99', 'max'], [[sent.length, `${(sent.length / seconds).toFixed(1)}/s`, ms(percentile(latencies, 50)), ms(percentile(latencies, 90)), ms(percentile(latencies, 99)), ms(latencies.at(-1) ?? NaN)]]));
  console.log('\nAnswers by status');
  console.log(table(['status', 'count', 'replayed (Idempotent-Replayed: true)'], [...byStatus].sort().map(([status, list]) => [status, list.length, list.filter((s) => s.replayed).length])));
  console.log('\nStored vs accepted');
  const checks: [string, number, boolean][] = [
    ['keys accepted (a 2xx answer)', accepted.size, true],
    ['rows stored for the run', [...rows.values()].reduce((n, ids) => n + ids.length, 0), true],
    ['accepted but not stored (lost)', lost.length, lost.length === 0],
    ['stored more than once (duplicated)', duplicated.length, duplicated.length === 0],
    ['answers that disagree on the row id', mismatched.length, mismatched.length === 0],
    ['stored without a 2xx answer', unaccepted.length, unaccepted.length === 0],
    ['errors (not 2xx, not 429)', errors.length, errors.length === 0],
    ['rate limited (429)', limited, limited === 0],
  ];
  console.log(table(['check', 'count', 'result'], checks.map(([name, count, pass]) => [name, count, pass ? 'ok' : 'FAIL'])));
  return checks.some(([, , pass]) => !pass);
}

if (import.meta.main) await main();
