import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN, validCheckin, type Person } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const request = (path: string, init: RequestInit) => app.request(`${ORIGIN}${path}`, init, env);

beforeAll(async () => {
  people = await makeCohort();
});

describe('POST /api/checkins', () => {
  it('stores a browser form post and redirects to the thank-you page', async () => {
    const fields = validCheckin({ token: people.ada.token, win: 'Shipped it', win_consent: 'cohort', energy: '4', needs_pause: 'yes', last_action_done: 'partly' });
    const res = await request('/api/checkins', formPost(fields));
    expect(res.status).toBe(303);
    // A pause request and a half-done action: the thank-you page offers guidance for both.
    expect(res.headers.get('location')).toBe('/thanks/?sent=checkin&need=pause,setback');
    const row = await env.DB.prepare('SELECT * FROM checkins WHERE idempotency_key = ?1').bind(fields.idempotency_key).first<Record<string, unknown>>();
    expect(row).toMatchObject({ participant_id: people.ada.id, progress: fields.progress, win: 'Shipped it', win_consent: 'cohort', energy: 4, needs_pause: 1, last_action_done: 'partly' });
    expect(row!.week).toBeGreaterThan(1);
  });

  it('stores a JSON post with a bearer token and answers 201 with the id', async () => {
    const res = await request('/api/checkins', jsonPost(validCheckin(), people.ben.token));
    expect(res.status).toBe(201);
    const body = await res.json<{ id: number; week: number }>();
    const row = await env.DB.prepare('SELECT participant_id, win_consent, needs_pause FROM checkins WHERE id = ?1').bind(body.id).first();
    expect(row).toEqual({ participant_id: people.ben.id, win_consent: 'private', needs_pause: 0 });
  });

  it('stores one row for a retried post and answers the retry as the first', async () => {
    const fields = validCheckin();
    const first = await request('/api/checkins', jsonPost(fields, people.cy.token));
    const again = await request('/api/checkins', jsonPost(fields, people.cy.token));
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM checkins WHERE idempotency_key = ?1').bind(fields.idempotency_key).first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it('stores every accepted post exactly once when 40 arrive at once from four people, some sent up to five times', async () => {
    const senders = Object.values(await makeCohort()).filter((v): v is Person => typeof v === 'object');
    const distinct = Array.from({ length: 24 }, (_, i) => ({ sender: senders[i % senders.length]!, fields: validCheckin({ progress: `Post ${i}` }) }));
    // The first post is sent five times, the next twelve twice: 40 in all, every copy in flight together.
    const copies = [...distinct, ...Array.from({ length: 4 }, () => distinct[0]!), ...distinct.slice(1, 13)];
    const answers = await Promise.all(
      copies.map(({ sender, fields }, i) =>
        request('/api/checkins', i % 2 ? jsonPost(fields, sender.token) : formPost({ ...fields, token: sender.token }, { Accept: 'application/json' })),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(copies.map(() => 201));
    const ids = await Promise.all(answers.map(async (res) => (await res.json<{ id: number }>()).id));

    const placeholders = senders.map((_, i) => `?${i + 1}`).join(', ');
    const { results: rows } = await env.DB.prepare(`SELECT id, participant_id, idempotency_key, progress FROM checkins WHERE participant_id IN (${placeholders})`)
      .bind(...senders.map((p) => p.id))
      .all<{ id: number; participant_id: number; idempotency_key: string; progress: string }>();
    expect(rows).toHaveLength(distinct.length);
    for (const [i, { sender, fields }] of copies.entries()) {
      const row = rows.find((r) => r.idempotency_key === fields.idempotency_key);
      expect(row).toEqual({ id: ids[i], participant_id: sender.id, idempotency_key: fields.idempotency_key, progress: fields.progress });
    }
  });

  it('keeps the answers of a form sent again after an edit (back button, change, resend), in the same row', async () => {
    const fields = validCheckin({ win: 'First version' });
    const first = await request('/api/checkins', jsonPost(fields, people.di.token));
    const edited = await request('/api/checkins', jsonPost({ ...fields, win: 'Corrected version', win_consent: 'cohort' }, people.di.token));
    expect(await edited.json()).toEqual(await first.json());
    const rows = await env.DB.prepare('SELECT win, win_consent, revision FROM checkins WHERE idempotency_key = ?1').bind(fields.idempotency_key).all();
    expect(rows.results).toEqual([{ win: 'Corrected version', win_consent: 'cohort', revision: 2 }]);
  });

  it('scopes idempotency keys to their participant: someone else cannot block or overwrite a post', async () => {
    const fields = validCheckin({ idempotency_key: 'guessable-key-1', progress: 'Cy wrote this' });
    const cy = await request('/api/checkins', jsonPost(fields, people.cy.token));
    const di = await request('/api/checkins', jsonPost({ ...fields, progress: 'Di wrote this' }, people.di.token));
    expect(cy.status).toBe(201);
    expect(di.status).toBe(201);
    const rows = await env.DB.prepare('SELECT participant_id, progress FROM checkins WHERE idempotency_key = ?1 ORDER BY id').bind('guessable-key-1').all();
    expect(rows.results).toEqual([
      { participant_id: people.cy.id, progress: 'Cy wrote this' },
      { participant_id: people.di.id, progress: 'Di wrote this' },
    ]);
  });

  it('answers bad input with 400, a message per field, and writes nothing', async () => {
    const before = await countRows('checkins', people.ada.id);
    const res = await request('/api/checkins', jsonPost({ idempotency_key: crypto.randomUUID(), progress: '   ', energy: true, last_action_done: 'maybe', needs_pause: 'perhaps' }, people.ada.token));
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>();
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields).sort()).toEqual(['committed_action', 'energy', 'last_action_done', 'needs_pause', 'next_step', 'progress']);
    expect(error.fields.energy).toMatch(/number from 1 to 5/);
    expect(await countRows('checkins', people.ada.id)).toBe(before);
  });

  it('requires an idempotency key', async () => {
    const { idempotency_key: _, ...fields } = validCheckin();
    const res = await request('/api/checkins', jsonPost(fields, people.ada.token));
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { fields: Record<string, string> } }>()).error.fields).toHaveProperty('idempotency_key');
  });

  it('refuses text over the field limit', async () => {
    const res = await request('/api/checkins', jsonPost(validCheckin({ committed_action: 'x'.repeat(501) }), people.ada.token));
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { fields: Record<string, string> } }>()).error.fields.committed_action).toMatch(/500 characters/);
  });

  it('shows a browser the form again with what was typed and each problem beside its field', async () => {
    const before = await countRows('checkins', people.ada.id);
    const res = await request('/api/checkins', formPost({ token: people.ada.token, idempotency_key: 'retry-key-123', progress: '', next_step: 'Keep <going>', win_consent: 'cohort' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain(`value="${people.ada.token}"`);
    expect(page).toContain('value="retry-key-123"');
    expect(page).toMatch(/<p data-error-for="progress">Please fill in/);
    expect(page).toContain('aria-invalid="true"');
    expect(page).toMatch(/value="cohort" checked/);
    expect(page).not.toMatch(/value="private" checked/);
    expect(page).toContain('Ada · Test cohort');
    expect(await countRows('checkins', people.ada.id)).toBe(before);
  });

  it('escapes what was typed when it shows the form again', async () => {
    const res = await request('/api/checkins', formPost({ token: people.ada.token, idempotency_key: 'escape-key-1', progress: '</textarea><script>alert(1)</script>' }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;');
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'not-a-token'],
    ['forged', '1.1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['forged, in the form of links made before the cohort was in them', '1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('answers 401 to a %s token', async (_kind, token) => {
    const res = await request('/api/checkins', jsonPost(validCheckin(), token));
    expect(res.status).toBe(401);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('unauthorized');
  });

  it('answers 401 to a token signed for someone else', async () => {
    const [, cohort, version, signature] = people.ada.token.split('.');
    const res = await request('/api/checkins', jsonPost(validCheckin(), `${people.ben.id}.${cohort}.${version}.${signature}`));
    expect(res.status).toBe(401);
  });

  it('answers 401 once a link is revoked, and stores nothing', async () => {
    const { di } = await makeCohort();
    expect((await request('/api/checkins', jsonPost(validCheckin(), di.token))).status).toBe(201);
    await env.DB.prepare('UPDATE participants SET link_version = link_version + 1 WHERE id = ?1').bind(di.id).run();
    const res = await request('/api/checkins', jsonPost(validCheckin(), di.token));
    expect(res.status).toBe(401);
    expect(await countRows('checkins', di.id)).toBe(1);
  });

  it('answers 413 to a body over 32 KB and stores nothing', async () => {
    const before = await countRows('checkins', people.ada.id);
    const res = await request('/api/checkins', jsonPost(validCheckin({ progress: 'x'.repeat(33 * 1024) }), people.ada.token));
    expect(res.status).toBe(413);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('payload_too_large');
    expect(await countRows('checkins', people.ada.id)).toBe(before);
  });

  it('answers 403 to a cross-site form post and stores nothing', async () => {
    const before = await countRows('checkins', people.ada.id);
    const evil = await request('/api/checkins', formPost(validCheckin({ token: people.ada.token }), { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }));
    expect(evil.status).toBe(403);
    expect(await evil.text()).toMatch(/another site/);
    const originless = await app.request(`${ORIGIN}/api/checkins`, { method: 'POST', body: new URLSearchParams(validCheckin({ token: people.ada.token })) }, env);
    expect(originless.status).toBe(403);
    expect(await countRows('checkins', people.ada.id)).toBe(before);
  });

  it('answers 400 to malformed JSON and 415 to other content types', async () => {
    const broken = await request('/api/checkins', jsonPost('{"progress": ', people.ada.token));
    expect(broken.status).toBe(400);
    expect((await broken.json<{ error: { code: string } }>()).error.code).toBe('invalid_json');
    const array = await request('/api/checkins', jsonPost('[1,2]', people.ada.token));
    expect(array.status).toBe(400);
    const xml = await request('/api/checkins', { method: 'POST', body: '<checkin/>', headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${people.ada.token}` } });
    expect(xml.status).toBe(415);
  });

  it('refuses a field sent twice', async () => {
    const body = new URLSearchParams(validCheckin({ token: people.ada.token }));
    body.append('progress', 'second value');
    const res = await request('/api/checkins', { method: 'POST', body, headers: { Origin: ORIGIN, Accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { fields: Record<string, string> } }>()).error.fields).toHaveProperty('progress');
  });
});

describe('unknown routes', () => {
  it('answer 404 in the same envelope', async () => {
    const res = await request('/api/nothing', { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('not_found');
  });
});
