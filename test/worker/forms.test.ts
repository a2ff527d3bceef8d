import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { makeCohort, ORIGIN } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const get = (path: string) => app.request(`${ORIGIN}${path}`, { headers: { Accept: 'text/html' } }, env);

beforeAll(async () => {
  people = await makeCohort();
});

describe('GET of a form page through a personal link', () => {
  it.each(['/checkin/', '/reflect/'])('fills %s with the token, a fresh idempotency key and the name', async (path) => {
    const first = await (await get(`${path}?t=${people.ada.token}`)).text();
    const second = await (await get(`${path}?t=${people.ada.token}`)).text();
    expect(first).toContain(`name="token" value="${people.ada.token}"`);
    expect(first).toContain('Ada · Test cohort · week');
    const key = (page: string) => /name="idempotency_key" value="([^"]+)"/.exec(page)?.[1];
    expect(key(first)).toMatch(/^[0-9a-f-]{36}$/);
    expect(key(second)).not.toBe(key(first));
  });

  it('stays out of shared caches, and sends no referrer (the token is in the address)', async () => {
    const res = await get(`/checkin/?t=${people.ada.token}`);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('explains what to do without a link', async () => {
    const res = await get('/checkin/');
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/personal link/);
  });

  it('refuses a revoked link', async () => {
    await env.DB.prepare('UPDATE participants SET link_version = 2 WHERE id = ?1').bind(people.ben.id).run();
    const res = await get(`/reflect/?t=${people.ben.token}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(people.ben.token);
  });
});
