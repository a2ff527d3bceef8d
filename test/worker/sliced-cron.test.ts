/**
 * The hourly cron in slices (CRON_SLICE): the cron's own invocation only lists cohorts and puts
 * slices on the queue; each slice, in its own consumer invocation, reads at most CRON_SLICE cohorts.
 * The rhythm's slices record what one run would; the digest's slices hand their digest on to the
 * next, and the last asks for a deploy once per change, as runScheduled does.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listOutbox } from '../../worker/db/reminders.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { runReminders } from '../../worker/rhythm/plan.ts';
import { fanOutCron, runSlice, type CronSlice } from '../../worker/sliced-cron.ts';

const SLICE = 2;
// Week 1 of cohorts that start on Monday 1 March 2027 (London) is due on Sunday 7 March: at 09:17 UTC
// everyone who has not checked in gets a reminder.
const AT = new Date('2027-03-07T09:17:00Z');
const cohortIds: number[] = [];

/** Queues that keep what they are given, so the test can run each slice as the consumer would. */
function keepingQueue() {
  const sent: CronSlice[] = [];
  const mail: unknown[] = [];
  const keeping = (into: unknown[]) =>
    ({
      async send(body: unknown) {
        into.push(body);
      },
      async sendBatch(messages: { body: unknown }[]) {
        into.push(...messages.map((m) => m.body));
      },
    }) as unknown as Queue;
  return { sent, mail, env: { ...env, CRON_SLICES: keeping(sent), RHYTHM: keeping(mail), DEPLOY_HOOK_URL: 'https://hooks.example/deploy', CRON_SLICE: String(SLICE) } as Env };
}

/** Counts the batches and single statements a slice sends to D1. */
function countingDb(db: D1Database) {
  const count = { batches: 0, statements: 0 };
  const wrapped = new Proxy(db, {
    get(target, key) {
      if (key === 'batch') return (statements: D1PreparedStatement[]) => (count.batches++, target.batch(statements));
      if (key === 'prepare') return (sql: string) => (count.statements++, target.prepare(sql));
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { count, db: wrapped };
}

const hookCalls: Request[] = [];

beforeAll(async () => {
  for (const name of ['a', 'b', 'c']) {
    const cohort = (await insertCohort(env.DB, { slug: `slice-${name}`, name: `Slice ${name}`, timezone: 'Europe/London', cadenceDays: 7, startsOn: '2027-03-01', endsOn: null, publication: 'public', language: 'en' }))!;
    cohortIds.push(cohort.id);
    const entry = (who: string, role: 'mentee' | 'mentor' = 'mentee') => ({ name: who, email: `${who.toLowerCase()}@${name}.example`, role, pair: role === 'mentee' ? 'P1' : '', circle: role === 'mentee' ? 'C1' : '' });
    await importRoster(env.DB, cohort.id, [entry('Mo', 'mentor'), entry('Ada'), entry('Bo')], '2027-03-01');
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  hookCalls.length = 0;
});

describe('the cron in slices', () => {
  it('puts the running cohorts on the queue in slices of at most CRON_SLICE, and the slices record what one run would', async () => {
    const q = keepingQueue();
    await fanOutCron(q.env, AT);
    const rhythm = q.sent.filter((job) => job.slice === 'rhythm');
    expect(rhythm.map((job) => job.cohorts.length)).toEqual([2, 1]);
    expect(rhythm.flatMap((job) => job.cohorts).sort()).toEqual([...cohortIds].sort());

    let recorded = 0;
    for (const job of rhythm) {
      const outcome = await runSlice(q.env, job);
      recorded += outcome.recorded ?? 0;
    }
    // Each recorded message went on the rhythm's queue to be sent, as the single run does it.
    expect(q.mail).toHaveLength(recorded);
    // One run over every cohort at the same instant finds all of it already recorded.
    const again = await runReminders(env.DB, AT, { baseUrl: env.SITE_URL, linkSecret: env.LINK_SECRET });
    expect(recorded).toBeGreaterThan(0);
    expect(again).toEqual({ due: recorded, recorded: [] });
    for (const id of cohortIds) expect((await listOutbox(env.DB, id)).length).toBeGreaterThan(0);
  });

  it('reads the digest CRON_SLICE cohorts at a time and asks for one deploy per change', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      hookCalls.push(new Request(input, init));
      return new Response(null, { status: 204 });
    });
    const chain = async () => {
      const q = keepingQueue();
      await fanOutCron(q.env, AT);
      let job = q.sent.find((j) => j.slice === 'digest');
      const reads: number[] = [];
      for (;;) {
        const counting = countingDb(env.DB);
        const outcome = await runSlice({ ...q.env, DB: counting.db }, job!);
        reads.push(counting.count.batches);
        if (outcome.digest !== 'continued') return { outcome: outcome.digest, reads };
        job = q.sent.filter((j) => j.slice === 'digest').at(-1);
      }
    };
    const first = await chain();
    expect(first.outcome).toBe('deploy-requested');
    // Three published cohorts, two a slice: two slices, each reading at most two cohorts (one batch each).
    expect(first.reads).toHaveLength(2);
    expect(Math.max(...first.reads)).toBeLessThanOrEqual(SLICE);
    expect((await chain()).outcome).toBe('unchanged');
    await env.DB.prepare(`UPDATE cohorts SET name = 'Slice c, renamed' WHERE slug = 'slice-c'`).run();
    expect((await chain()).outcome).toBe('deploy-requested');
    expect(hookCalls).toHaveLength(2);
  });

  it('leaves the cron as one invocation unless CRON_SLICE is set, and then only queues slices', async () => {
    const q = keepingQueue();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: AT, cron: '17 * * * *' }), q.env, ctx);
    await waitOnExecutionContext(ctx);
    expect(q.sent.map((job) => job.slice).sort()).toEqual(['digest', 'rhythm', 'rhythm']);
    expect(q.mail).toEqual([]);
    const off = keepingQueue();
    const ctx2 = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: AT, cron: '17 * * * *' }), { ...off.env, CRON_SLICE: '0', DEPLOY_HOOK_URL: '' } as Env, ctx2);
    await waitOnExecutionContext(ctx2);
    expect(off.sent).toEqual([]);
  });

  it('runs a slice that arrives on the tandem-cron queue, and acknowledges it', async () => {
    const batch = createMessageBatch('tandem-cron', [{ id: 's1', timestamp: new Date(), attempts: 1, body: { slice: 'rhythm', at: AT.toISOString(), cohorts: [cohortIds[0]!] } satisfies CronSlice }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, CRON_SLICE: String(SLICE) } as Env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['s1']);
  });
});
