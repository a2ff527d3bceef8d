/** Optional Cloudflare Turnstile: off by default; when on, every post needs a check Cloudflare accepts. */
import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { CONTENT_SECURITY_POLICY, TURNSTILE_CONTENT_SECURITY_POLICY } from '../../worker/middleware/security-headers.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';
import { DUMMY_TOKEN, FAILING_SECRET, mockSiteverify, PASSING_SECRET, SPENT_SECRET, TEST_SITE_KEY } from './siteverify.ts';

type People = Awaited<ReturnType<typeof makeCohort>>;
let people: People;

/** The Worker's environment with Turnstile configured. */
const withTurnstile = (secret: string) => ({ ...env, TURNSTILE_SECRET: secret, TURNSTILE_SITE_KEY: TEST_SITE_KEY });
const post = (init: RequestInit, workerEnv: object, path = '/api/checkins') => app.request(`${ORIGIN}${path}`, init, workerEnv);
const checked = (fields: Record<string, string> = {}) => validCheckin({ 'cf-turnstile-response': DUMMY_TOKEN, ...fields });
const errorOf = async (res: Response) => (await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>()).error;

beforeAll(async () => {
  people = await makeCohort();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('without TURNSTILE_SECRET', () => {
  it('stores a post that carries no check, and asks Cloudflare nothing', async () => {
    const calls = mockSiteverify();
    const res = await post(jsonPost(validCheckin(), people.ada.token), env);
    expect(res.status).toBe(201);
    expect(calls).toEqual([]);
  });

  it('serves form pages without the widget, under the site policy', async () => {
    const res = await app.request(`${ORIGIN}/checkin/?t=${people.ada.token}`, {}, env);
    expect(await res.text()).not.toContain('cf-turnstile');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('with TURNSTILE_SECRET', () => {
  it('stores a post whose check passes, verified with the secret, the token and the remote IP', async () => {
    const calls = mockSiteverify();
    const init = jsonPost(checked(), people.ada.token);
    (init.headers as Record<string, string>)['CF-Connecting-IP'] = '203.0.113.7';
    const res = await post(init, withTurnstile(PASSING_SECRET));
    expect(res.status).toBe(201);
    expect(calls).toEqual([{ secret: PASSING_SECRET, response: DUMMY_TOKEN, remoteip: '203.0.113.7' }]);
  });

  it.each([
    ['a check that fails', FAILING_SECRET, checked()],
    ['a check already spent (a replayed token)', SPENT_SECRET, checked()],
    ['no check at all', PASSING_SECRET, validCheckin()],
    ['an empty check', PASSING_SECRET, checked({ 'cf-turnstile-response': '' })],
    ['a check longer than Cloudflare issues', PASSING_SECRET, checked({ 'cf-turnstile-response': 'x'.repeat(2049) })],
  ])('answers 400 to %s, naming the field, and stores nothing', async (_case, secret, fields) => {
    mockSiteverify();
    const before = await countRows('checkins', people.ben.id);
    const res = await post(jsonPost(fields, people.ben.token), withTurnstile(secret));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('challenge_failed');
    expect(Object.keys(error.fields)).toEqual(['cf-turnstile-response']);
    expect(error.message).toMatch(/Nothing was saved/);
    expect(await countRows('checkins', people.ben.id)).toBe(before);
  });

  it('shows a browser its form again, as typed, with a fresh widget', async () => {
    mockSiteverify();
    const res = await post(formPost({ ...checked({ progress: 'Kept <this> answer' }), token: people.cy.token }), withTurnstile(FAILING_SECRET));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Kept &lt;this&gt; answer');
    expect(page).toContain(`data-sitekey="${TEST_SITE_KEY}"`);
    expect(page).not.toContain(DUMMY_TOKEN);
    expect(res.headers.get('content-security-policy')).toBe(TURNSTILE_CONTENT_SECURITY_POLICY);
  });

  it('answers 503 and stores nothing when Cloudflare cannot be reached', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Network connection lost.'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await post(jsonPost(checked(), people.cy.token), withTurnstile(PASSING_SECRET));
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('unavailable');
    expect(await countRows('checkins', people.cy.id)).toBe(0);
  });

  it('checks the small forms of a participant’s page too', async () => {
    mockSiteverify();
    const res = await post(jsonPost({ goal_id: '1', status: 'done' }, people.di.token), withTurnstile(FAILING_SECRET), '/api/me/goal-status');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('challenge_failed');
  });

  it('asks for the token first: a post without a valid link is a 401, and Cloudflare is not asked', async () => {
    const calls = mockSiteverify();
    const res = await post(jsonPost(checked(), 'not-a-token'), withTurnstile(PASSING_SECRET));
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });
});

describe('with TURNSTILE_SITE_KEY, the pages the Worker serves', () => {
  const widgets = (page: string) => page.match(/<div class="cf-turnstile"[^>]*data-sitekey="1x00000000000000000000AA"/g)?.length ?? 0;

  it('put the widget in the form, its script in the head, and allow both in the policy', async () => {
    const res = await app.request(`${ORIGIN}/checkin/?t=${people.ada.token}`, {}, withTurnstile(PASSING_SECRET));
    const page = await res.text();
    expect(widgets(page)).toBe(1);
    expect(page).toMatch(/<div class="cf-turnstile" id="cf-turnstile-response"[^>]*><\/div>\s*<\/form>/);
    expect(page).toMatch(/<script src="https:\/\/challenges\.cloudflare\.com\/turnstile\/v0\/api\.js" async defer><\/script><\/head>/);
    const policy = res.headers.get('content-security-policy')!;
    expect(policy).toBe(TURNSTILE_CONTENT_SECURITY_POLICY);
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' https:\/\/challenges\.cloudflare\.com;/);
    expect(policy).toMatch(/frame-src 'self' https:\/\/challenges\.cloudflare\.com/);
  });

  it('put one widget before the first button of every form on a participant’s page', async () => {
    const goal = { idempotency_key: crypto.randomUUID(), what: 'Write the method section', measure: 'words written', target: '3,000 words', due_on: '2026-02-15' };
    expect((await post(jsonPost(goal, people.ada.token), env, '/api/goals')).status).toBe(201);
    const page = await (await app.request(`${ORIGIN}/me/?t=${people.ada.token}`, {}, withTurnstile(PASSING_SECRET))).text();
    const forms = page.match(/<form method="post"/g)!.length;
    expect(forms).toBeGreaterThanOrEqual(2);
    expect(widgets(page)).toBe(forms);
    expect(page).toMatch(/<div class="cf-turnstile"[^>]*><\/div><button type="submit" name="status" value="done">/);
    expect(page).not.toMatch(/<\/div><button type="submit" name="status" value="dropped"/);
  });
});
