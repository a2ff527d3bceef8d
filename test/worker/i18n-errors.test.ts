/**
 * Every error a reader can meet is written from the catalogues (issue 15): in the pseudo-locale no
 * page or JSON message holds a word of its own, and a Spanish reader — known by their link, or by
 * their browser's Accept-Language — reads Spanish.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { untranslated } from '../support/pseudo.ts';
import { formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

const PSEUDO = { ...env, PSEUDO_LOCALE: 'on' } as unknown as Env;
const html = { Accept: 'text/html' };
const request = (path: string, init: RequestInit = {}, bindings: Env = PSEUDO) => app.request(`${ORIGIN}${path}`, init, bindings);
const errorOf = async (res: Response) => (await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>()).error;
const today = new Date().toISOString().slice(0, 10);

let people: Awaited<ReturnType<typeof makeCohort>>;
let ended: Awaited<ReturnType<typeof makeCohort>>;
let mentorSlug: string;

beforeAll(async () => {
  people = await makeCohort();
  ended = await makeCohort();
  await env.DB.prepare('UPDATE cohorts SET ends_on = ?1 WHERE id = ?2').bind(addDays(today, -40), ended.cohortId).run();
  mentorSlug = (await env.DB.prepare('SELECT slug FROM cohorts WHERE id = ?1').bind(people.cohortId).first<{ slug: string }>())!.slug;
});

describe('in the pseudo-locale, every error page is catalogue text', () => {
  const pages: [string, () => Response | Promise<Response>, number][] = [
    ['401, no link', () => request('/me/', { headers: html }), 401],
    ['401, a link that does not work', () => request('/me/?t=1.2.not-a-real-token', { headers: html }), 401],
    ['401, the cohort has ended', () => request(`/me/?t=${ended.ada.token}`, { headers: html }), 401],
    ['401, a post without a link', () => request('/api/checkins', formPost(validCheckin())), 401],
    ['401, an unsubscribe link that does not work', () => request('/unsubscribe?t=nonsense', { headers: html }), 401],
    ['403, a mentee on the dashboard', () => request(`/mentor/${mentorSlug}?t=${people.ada.token}`, { headers: html }), 403],
    ['403, a cross-site post', () => request('/api/checkins', formPost(validCheckin({ token: people.ada.token }), { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })), 403],
    ['404', () => request('/nowhere', { headers: html }), 404],
    ['405', () => request('/api/checkins', { headers: html }), 405],
    ['413', () => request('/api/checkins', formPost(validCheckin({ token: people.ada.token, progress: 'x'.repeat(33 * 1024) }))), 413],
  ];

  it.each(pages)('%s', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(untranslated(await res.text())).toEqual([]);
  });

  it('429', async () => {
    const one = { ...PSEUDO, POSTS_PER_MINUTE: '1' } as unknown as Env;
    expect((await request('/api/checkins', formPost(validCheckin({ token: people.cy.token })), one)).status).toBe(303);
    const res = await request('/api/checkins', formPost(validCheckin({ token: people.cy.token })), one);
    expect(res.status).toBe(429);
    expect(untranslated(await res.text())).toEqual([]);
  });

  it('409 (the words of the conflict itself belong to the form that refused it)', async () => {
    const { ada, ben } = await makeCohort();
    const sent = { idempotency_key: crypto.randomUUID(), receiver_id: String(ben.id), behaviour: 'b', impact: 'i', next_step: 'n' };
    const { id } = await (await request('/api/feedback', jsonPost(sent, ada.token))).json<{ id: number }>();
    await request('/api/me/feedback-ratings', jsonPost({ feedback_id: String(id), usefulness: '5' }, ben.token));
    const res = await request('/api/feedback', formPost({ ...sent, token: ada.token, behaviour: 'changed' }));
    expect(res.status).toBe(409);
    const page = await res.text();
    const conflict = /<p>([^<]*)<\/p>/.exec(page.slice(page.indexOf('<h1>')))![1]!.replace(/&#39;|&rsquo;/g, '’');
    expect(untranslated(page, [conflict])).toEqual([]);
    expect(page).toMatch(/<h1>⟦/);
  });

  it('and every JSON error message', async () => {
    const answers = [
      await request('/api/checkins', jsonPost(validCheckin())),
      await request('/api/checkins', jsonPost('{"broken"', people.ada.token)),
      await request('/api/checkins', { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain', Accept: 'application/json' } }),
      await request('/api/checkins', { method: 'GET', headers: { Accept: 'application/json' } }),
      await request('/api/nowhere', { method: 'POST', headers: { Accept: 'application/json' } }),
    ];
    for (const res of answers) expect((await errorOf(res)).message).toMatch(/^⟦.*⟧$/s);
  });
});

describe('in Spanish', () => {
  let spanish: Awaited<ReturnType<typeof makeCohort>>;
  let slug: string;

  beforeAll(async () => {
    spanish = await makeCohort();
    await env.DB.prepare(`UPDATE participants SET language = 'es' WHERE id = ?1`).bind(spanish.ada.id).run();
    slug = (await env.DB.prepare('SELECT slug FROM cohorts WHERE id = ?1').bind(spanish.cohortId).first<{ slug: string }>())!.slug;
  });

  it('for a Spanish participant: an HTML error page', async () => {
    const res = await request(`/mentor/${slug}?t=${spanish.ada.token}`, { headers: html }, env);
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('<html lang="es" dir="ltr">');
    expect(page).toContain('<h1>Esta página es para quien mentoriza la cohorte</h1>');
  });

  it('for a Spanish participant: a JSON error', async () => {
    const turnstile = { ...env, TURNSTILE_SECRET: '1x0000000000000000000000000000000AA' } as unknown as Env;
    const res = await request('/api/checkins', jsonPost(validCheckin(), spanish.ada.token), turnstile);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('challenge_failed');
    expect(error.message).toMatch(/^Falta la comprobación/);
  });

  it('for a browser that asks for Spanish: a page and a JSON error', async () => {
    const page = await (await request('/nowhere', { headers: { ...html, 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } }, env)).text();
    expect(page).toContain('<html lang="es" dir="ltr">');
    expect(page).toContain('<h1>Página no encontrada</h1>');
    const res = await request('/api/checkins', { ...jsonPost(validCheckin()), headers: { ...jsonPost(validCheckin()).headers, 'Accept-Language': 'es' } }, env);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/^Este formulario necesita tu enlace personal/);
  });

  it('and in English as before for everyone else', async () => {
    const res = await request('/api/checkins', jsonPost(validCheckin()), env);
    expect((await errorOf(res)).message).toBe('This form needs your personal link. Open the link your mentor sent you and send the form from there.');
  });
});
