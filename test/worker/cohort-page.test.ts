/**
 * Text shared with consent `cohort` reaches only that cohort's members: on the members-only page
 * the Worker renders for their links (/me/cohort), never in the build (test/node/build.test.ts).
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { jsonPost, makeCohort, ORIGIN, validCheckin, type Person } from './helpers.ts';

const request = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env);
const MEMBERS = 'MEMBERS-ONLY';

async function posted(path: string, body: Record<string, unknown>, who: Person): Promise<number> {
  const res = await request(path, jsonPost({ idempotency_key: crypto.randomUUID(), ...body }, who.token));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json<{ id: number }>()).id;
}

let cohort: Awaited<ReturnType<typeof makeCohort>>;
let other: Awaited<ReturnType<typeof makeCohort>>;

beforeAll(async () => {
  cohort = await makeCohort();
  other = await makeCohort();
  const { ada, ben, cy } = cohort;
  // Each kind of shared text, with `cohort` consent, and one piece of text shared publicly.
  await posted('/api/checkins', validCheckin({ win: `${MEMBERS} win: call me on +44 20 7946 0958`, win_consent: 'cohort' }), ada);
  await posted('/api/reflections', { working: 'w', not_working: 'n', why: 'y', insight: `${MEMBERS} insight`, strategy_title: `${MEMBERS} strategy`, strategy_body: 'Write to ben@mail.invalid', consent: 'cohort' }, ben);
  const goal = await posted('/api/goals', { what: 'Run 5 km', measure: 'km run', target: '5 km', due_on: '2027-06-01' }, cy);
  await posted('/api/me/milestones', { goal_id: String(goal), title: `${MEMBERS} milestone`, reached_on: '2026-12-01', consent: 'cohort' }, cy);
  await posted('/api/checkins', validCheckin({ win: 'A public win', win_consent: 'public' }), ben);
  await posted('/api/checkins', validCheckin({ win: 'PRIVATE win', win_consent: 'private' }), cy);
});

describe('the cohort’s members-only page', () => {
  it('shows a member what the cohort shared with it or publicly, under display names, scrubbed', async () => {
    const res = await request(`/me/cohort?t=${cohort.di.token}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`${MEMBERS} win: call me on [phone removed]`);
    expect(page).toContain(`${MEMBERS} insight`);
    expect(page).toContain(`${MEMBERS} strategy`);
    expect(page).toContain('Write to [email removed]');
    expect(page).toContain(`${MEMBERS} milestone`);
    expect(page).toContain('A public win');
    for (const name of ['Ada', 'Ben', 'Cy']) expect(page).toContain(`— ${name}`);
    expect(page).not.toContain('PRIVATE win');
    expect(page).not.toContain('7946');
    expect(page).not.toContain('@');
  });

  it('is private to the reader: no cache, no index, and the participant’s page links to it', async () => {
    const res = await request(`/me/cohort?t=${cohort.ada.token}`);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect(await res.text()).toContain('<meta name="robots" content="noindex"/>');
    const me = await (await request(`/me/?t=${cohort.ada.token}`)).text();
    expect(me).toContain(`href="/me/cohort?t=${encodeURIComponent(cohort.ada.token)}"`);
  });

  it('shows another cohort’s member only their own cohort, and nobody without a link', async () => {
    const res = await request(`/me/cohort?t=${other.ada.token}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain(MEMBERS);
    expect(page).not.toContain('A public win');
    expect((await request('/me/cohort')).status).toBe(401);
    expect((await request(`/me/cohort?t=${cohort.ada.token.slice(0, -2)}xx`)).status).toBe(401);
  });
});
