/**
 * A bench Worker run by bench/route.ts inside workerd (wrangler's unstable_startWorker) with the
 * project's own bindings: it times the real check-in route — the Worker's fetch handler, so token
 * check, admission (link still current, rate limit), body parsing, zod validation and the
 * idempotent insert — side by side with a bare insert of the same row through the same D1 binding:
 * the plain upsert (INSERT … VALUES … ON CONFLICT … DO UPDATE … RETURNING) that stores it with no
 * check at all.
 *
 * Both arms run in alternating blocks, so JIT warm-up, GC and the table's growth weigh on both
 * alike. In local workerd, performance.now() also advances during pure computation (deployed
 * Workers advance it only across I/O), in whole milliseconds: means over thousands of posts are
 * precise, single posts are not. A last run wraps the D1 binding in timers to show where a post's
 * time goes.
 */
import worker from '../worker/index.ts';
import { signToken } from '../worker/domain/links.ts';
import { getParticipant, type Participant } from '../worker/db/participants.ts';
import { checkinRow, type Row } from '../worker/db/submissions.ts';
import { cycleAt } from '../worker/domain/weeks.ts';
import { checkinSchema } from '../worker/forms/checkin.ts';
import { timedEnv, type Spent } from './timed-env.ts';

/** A participant stays under the rate limit of 30 posts a minute. */
const POSTS_PER_PARTICIPANT = 20;

const ANSWERS = {
  progress: 'This week I finished module three and did a timed practice exam for my data certification. It took longer than I planned, but the second half went faster once I had a clear outline.',
  obstacles: 'A deadline at work ate two evenings.',
  next_step: 'Keep going on the data certification: review the questions I got wrong.',
  committed_action: 'One focused hour on the data certification, before Friday',
  last_action_done: 'yes',
  win: 'Scored 78% on a timed practice exam, up from 61%.',
  win_consent: 'cohort',
  challenge: 'How do I keep going when the work gets boring?',
  decision_reason: '',
  energy: 4,
};

interface Subject {
  participant: Participant;
  token: string;
  week: number;
}

/** Mentees to post as, with their tokens (signed with the Worker's own LINK_SECRET). */
async function subjects(env: Env, count: number): Promise<Subject[]> {
  // Mentees with no check-in in the last two minutes: a run right after another must not find
  // its posters already at the rate limit.
  const { results } = await env.DB.prepare(
    `SELECT id FROM participants p WHERE role = 'mentee'
     AND NOT EXISTS (SELECT 1 FROM checkins WHERE participant_id = p.id AND submitted_at > ?2) ORDER BY id LIMIT ?1`,
  )
    .bind(count, new Date(Date.now() - 120_000).toISOString())
    .all<{ id: number }>();
  if (results.length < count) throw new Error(`the bench needs ${count} mentees, the database has ${results.length}`);
  return Promise.all(
    results.map(async ({ id }) => {
      const participant = (await getParticipant(env.DB, id))!;
      const token = await signToken(env.LINK_SECRET, { participantId: id, cohortId: participant.cohortId, linkVersion: participant.linkVersion });
      return { participant, token, week: cycleAt(participant.cohort, new Date()) };
    }),
  );
}

export interface BenchOutput {
  /** Milliseconds per post through the route, and per bare insert. */
  route: number[];
  bare: number[];
  participants: number;
  /** The instrumented arm: mean milliseconds per post spent in each binding, and in total. */
  attribution: Spent & { total: number; posts: number };
}

/** The bare insert: the same row, its owner columns given, stored by the plain upsert. */
function bareUpsert(db: D1Database, row: Row): D1PreparedStatement {
  const columns = Object.keys(row);
  const answers = columns.filter((c) => !['idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'week', 'submitted_at'].includes(c)).map((c) => `${c} = excluded.${c}`);
  return db
    .prepare(
      `INSERT INTO checkins (${columns.join(', ')}) VALUES (${columns.map((_, i) => `?${i + 1}`).join(', ')})
       ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${answers.join(', ')}, revision = revision + 1
       RETURNING id, week, revision`,
    )
    .bind(...Object.values(row));
}

async function run(env: Env, ctx: ExecutionContext, iterations: number, warmup: number, block: number, tag: string): Promise<BenchOutput> {
  const attributed = Math.min(500, iterations);
  const total = iterations + warmup;
  const people = await subjects(env, Math.ceil((total + attributed) / POSTS_PER_PARTICIPANT));
  const valid = checkinSchema.parse({ ...ANSWERS, idempotency_key: 'bench-route-template' });
  let sent = 0;
  let inserted = 0;

  const post = async (bindings: Env): Promise<number> => {
    const subject = people[Math.floor(sent / POSTS_PER_PARTICIPANT)]!;
    const body = JSON.stringify({ ...ANSWERS, idempotency_key: `bench-route-${tag}-${sent++}` });
    // With its length, as browsers and HTTP clients send a form (without it, bodyLimit() copies the body to count it).
    const headers = { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(body).length), accept: 'application/json', authorization: `Bearer ${subject.token}` };
    const request = new Request('http://bench.invalid/api/checkins', { method: 'POST', headers, body });
    const started = performance.now();
    const response = await worker.fetch(request, bindings, ctx);
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 201) throw new Error(`the route answered ${response.status}: ${text}`);
    return elapsed;
  };
  const insert = async (): Promise<number> => {
    const subject = people[Math.floor(inserted / POSTS_PER_PARTICIPANT)]!;
    const { id, cohortId, pairId } = subject.participant;
    const row = { participant_id: id, cohort_id: cohortId, pair_id: pairId, ...checkinRow(subject.week, { ...valid, idempotency_key: `bench-bare-${tag}-${inserted++}` }, new Date()) };
    const started = performance.now();
    await bareUpsert(env.DB, row).first();
    return performance.now() - started;
  };

  const route: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < total; i += block) {
    const size = Math.min(block, total - i);
    const measure = async (arm: () => Promise<number>, into: number[]) => {
      for (let k = 0; k < size; k++) {
        const ms = await arm();
        if (i + k >= warmup) into.push(ms);
      }
    };
    await measure(() => post(env), route);
    await measure(insert, bare);
  }

  const spent: Spent = { d1Read: 0, d1Write: 0, waiting: 0 };
  const instrumented = timedEnv(env, spent);
  let elapsed = 0;
  for (let i = 0; i < attributed; i++) elapsed += await post(instrumented);
  const perPost = (ms: number) => ms / attributed;
  const attribution = { d1Read: perPost(spent.d1Read), d1Write: perPost(spent.d1Write), waiting: perPost(spent.waiting), total: perPost(elapsed), posts: attributed };
  return { route, bare, participants: people.length, attribution };
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    const number = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
    const output = await run(env, ctx, number('n', 2000), number('warmup', 200), number('block', 50), url.searchParams.get('tag') ?? String(Date.now()));
    return Response.json(output);
  },
} satisfies ExportedHandler<Env>;
