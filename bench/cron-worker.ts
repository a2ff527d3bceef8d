/**
 * A bench Worker for the hourly cron's cost per invocation (bench/cron.ts): runs, inside workerd
 * next to D1, what one cron run does at `?at=` — as today (runScheduled and runRhythm in the cron's
 * own invocation) or sliced (worker/sliced-cron.ts: the cron's fan-out, then each slice as its own
 * queue-consumer invocation) — and counts, per invocation, the D1 queries (a batch is one; every
 * statement run on its own is one), the statements in them, and the queue sends. Each mode starts
 * from an empty outbox and no recorded digest, so both do the same work. Never deployed.
 */
import { runRhythm } from '../worker/rhythm/cron.ts';
import { runScheduled } from '../worker/scheduled.ts';
import { fanOutCron, isCronSlice, runSlice, type CronSlice } from '../worker/sliced-cron.ts';

export interface Invocation {
  what: string;
  queries: number;
  statements: number;
  /** send() and sendBatch() calls: each is a subrequest. */
  sends: number;
  ms: number;
}

function counting(db: D1Database) {
  const count = { queries: 0, statements: 0 };
  const targets = new WeakMap<object, D1PreparedStatement>();
  const wrapStatement = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values));
        const value = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        if (key === 'first' || key === 'all' || key === 'run' || key === 'raw') {
          return (...args: unknown[]) => (count.queries++, count.statements++, (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return value.bind(target);
      },
    });
    targets.set(proxy, statement);
    return proxy;
  };
  const wrapped = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          count.queries++;
          count.statements += statements.length;
          return target.batch(statements.map((s) => targets.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { count, db: wrapped };
}

function keepingQueue() {
  const kept: unknown[] = [];
  const count = { sends: 0 };
  const queue = {
    async send(body: unknown) {
      count.sends++;
      kept.push(body);
    },
    async sendBatch(messages: { body: unknown }[]) {
      count.sends++;
      kept.push(...messages.map((m) => m.body));
    },
  } as unknown as Queue;
  return { kept, count, queue };
}

/** Runs `work` as one invocation with counted bindings; answers its counts and the slices it queued. */
async function invocation(env: Env, what: string, work: (env: Env) => Promise<unknown>): Promise<{ invocation: Invocation; slices: CronSlice[] }> {
  const d1 = counting(env.DB);
  const q = keepingQueue();
  const started = performance.now();
  await work({ ...env, DB: d1.db, RHYTHM: q.queue, CRON_SLICES: q.queue });
  return { invocation: { what, ...d1.count, sends: q.count.sends, ms: performance.now() - started }, slices: q.kept.filter(isCronSlice) };
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const at = new Date(url.searchParams.get('at')!);
    const slice = url.searchParams.get('slice') ?? '0';
    await env.DB.batch([env.DB.prepare('DELETE FROM messages'), env.DB.prepare('DELETE FROM publish_state')]);
    // No hook: the digest is read and compared, and nothing is called.
    const base = { ...env, DEPLOY_HOOK_URL: '', CRON_SLICE: slice } as Env;
    const invocations: Invocation[] = [];
    if (slice === '0') {
      const cron = await invocation(base, 'cron', async (e) => Promise.all([runScheduled(e, at), runRhythm(e, at)]));
      invocations.push(cron.invocation);
    } else {
      const cron = await invocation(base, 'cron (fan-out)', (e) => fanOutCron(e, at));
      invocations.push(cron.invocation);
      const pending = [...cron.slices];
      while (pending.length) {
        const job = pending.shift()!;
        const done = await invocation(base, `${job.slice} slice`, (e) => runSlice(e, job));
        invocations.push(done.invocation);
        pending.push(...done.slices);
      }
    }
    return Response.json({ invocations });
  },
  async queue(batch) {
    batch.ackAll();
  },
} satisfies ExportedHandler<Env>;
