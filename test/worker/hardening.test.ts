/** Endpoint hardening: a per-participant rate limit and the honeypot every form carries. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

describe('rate limit', () => {
  it('answers 429 with Retry-After once a participant sends more than 30 posts a minute, and stores nothing more', async () => {
    const { ada, ben } = await makeCohort();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await app.request(`${ORIGIN}/api/checkins`, jsonPost(validCheckin(), ada.token), env)).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await app.request(`${ORIGIN}/api/checkins`, jsonPost(validCheckin(), ada.token), env);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json<{ error: { code: string } }>()).error.code).toBe('rate_limited');
    expect(await countRows('checkins', ada.id)).toBe(30);
    // Someone else is not held back.
    expect((await app.request(`${ORIGIN}/api/checkins`, jsonPost(validCheckin(), ben.token), env)).status).toBe(201);
  });
});

describe('honeypot', () => {
  it('refuses a post whose hidden field is filled in, and stores nothing', async () => {
    const { cy } = await makeCohort();
    const res = await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: cy.token, website: 'http://spam.example' }), { Accept: 'application/json' }), env);
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { fields: Record<string, string> } }>()).error.fields).toEqual({ website: 'Leave this empty.' });
    expect(await countRows('checkins', cy.id)).toBe(0);
  });

  it('lets an empty honeypot through', async () => {
    const { di } = await makeCohort();
    const res = await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: di.token, website: '' })), env);
    expect(res.status).toBe(303);
  });
});
