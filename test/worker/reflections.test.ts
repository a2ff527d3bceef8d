import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const request = (path: string, init: RequestInit) => app.request(`${ORIGIN}${path}`, init, env);

const reflection = (overrides: Record<string, string> = {}) => ({
  idempotency_key: crypto.randomUUID(),
  working: 'Our fixed Tuesday call.',
  not_working: 'We skip feedback when short of time.',
  why: 'It feels awkward, so we leave it for last.',
  ...overrides,
});

beforeAll(async () => {
  people = await makeCohort();
});

describe('POST /api/reflections', () => {
  it('stores a reflection, private unless the author chooses otherwise', async () => {
    const res = await request('/api/reflections', jsonPost(reflection(), people.ada.token));
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: number }>();
    const row = await env.DB.prepare('SELECT consent, participant_id FROM reflections WHERE id = ?1').bind(id).first();
    expect(row).toEqual({ consent: 'private', participant_id: people.ada.id });
  });

  it('stores a shared strategy with normalised tags from a browser post', async () => {
    const fields = reflection({ token: people.ben.token, strategy_title: 'Two-minute start', strategy_body: 'Start for two minutes.', strategy_tags: ' Focus, habits ,focus', consent: 'public' });
    const res = await request('/api/reflections', formPost(fields));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/thanks/?sent=reflect');
    const row = await env.DB.prepare('SELECT strategy_title, strategy_tags, consent FROM reflections WHERE idempotency_key = ?1').bind(fields.idempotency_key).first();
    expect(row).toEqual({ strategy_title: 'Two-minute start', strategy_tags: 'focus,habits', consent: 'public' });
  });

  it('refuses a strategy with a name but no description, and an unknown consent level', async () => {
    const before = await countRows('reflections', people.cy.id);
    const res = await request('/api/reflections', jsonPost(reflection({ strategy_title: 'Half-size it', consent: 'everyone' }), people.cy.token));
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { fields: Record<string, string> } }>();
    expect(Object.keys(error.fields).sort()).toEqual(['consent', 'strategy_body']);
    expect(await countRows('reflections', people.cy.id)).toBe(before);
  });

  it('stores a retried reflection once', async () => {
    const fields = reflection();
    const first = await request('/api/reflections', jsonPost(fields, people.di.token));
    const again = await request('/api/reflections', jsonPost(fields, people.di.token));
    expect(await again.json()).toEqual(await first.json());
    expect(await countRows('reflections', people.di.id)).toBe(1);
  });

  it('answers 401 without a token', async () => {
    expect((await request('/api/reflections', jsonPost(reflection()))).status).toBe(401);
  });
});
