/** Issue 15: a participant's forms, their errors and the thank-you page follow the participant's language. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const request = (path: string, init: RequestInit = { headers: { Accept: 'text/html' } }) => app.request(`${ORIGIN}${path}`, init, env);
const setLanguage = (id: number, language: string | null) => env.DB.prepare('UPDATE participants SET language = ?1 WHERE id = ?2').bind(language, id).run();

beforeAll(async () => {
  people = await makeCohort();
  await setLanguage(people.ada.id, 'ar');
  await setLanguage(people.ben.id, 'es');
});

describe('an Arabic participant', () => {
  it('opens /checkin/?t=… as an Arabic page, right to left, with Arabic labels', async () => {
    const res = await request(`/checkin/?t=${people.ada.token}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('ما الذي تقدّم منذ تسجيلك الأخير؟');
    expect(page).not.toContain('What moved forward since your last check-in?');
    expect(page).toContain(`name="token" value="${people.ada.token}"`);
  });

  it('gets the Arabic form at /es/checkin/ too: their language decides, not the address', async () => {
    const page = await (await request(`/es/checkin/?t=${people.ada.token}`)).text();
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('stores the post and is sent to the Arabic thank-you page', async () => {
    const fields = validCheckin({ token: people.ada.token, progress: 'أنهيت الفصل الثاني' });
    const res = await request('/api/checkins', formPost(fields));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ar/thanks/?sent=checkin');
    const row = await env.DB.prepare('SELECT progress FROM checkins WHERE idempotency_key = ?1').bind(fields.idempotency_key).first<{ progress: string }>();
    expect(row?.progress).toBe('أنهيت الفصل الثاني');
    const thanks = await (await request(res.headers.get('location')!)).text();
    expect(thanks).toMatch(/<html lang="ar" dir="rtl">/);
    expect(thanks).toContain('شكرًا');
  });

  it('sees the guidance of the thank-you page in Arabic', async () => {
    const res = await request('/api/checkins', formPost(validCheckin({ token: people.ada.token, needs_pause: 'yes' })));
    expect(res.headers.get('location')).toBe('/ar/thanks/?sent=checkin&need=pause');
    const thanks = await (await request(res.headers.get('location')!)).text();
    expect(thanks).toContain('لهذا الأسبوع');
    expect(thanks).not.toContain('For this week');
  });
});

describe('a Spanish participant', () => {
  it('reads the problems of a failed post in Spanish, beside each field', async () => {
    const res = await request('/api/checkins', formPost({ token: people.ben.token, idempotency_key: 'spanish-retry-1', progress: '', next_step: '' }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<html lang="es" dir="ltr">/);
    expect(page).toMatch(/<title>Error: /);
    expect(page).toMatch(/<p data-error-for="progress">Completa «¿Qué ha avanzado desde tu último check-in\?»\.<\/p>/);
    expect(page).toContain('Revisa 3 respuestas');
    expect(page).toContain('Ben · Test cohort · semana');
  });

  it('reads them in Spanish in JSON too', async () => {
    const res = await request('/api/checkins', jsonPost(validCheckin({ progress: '   ', energy: '9' }), people.ben.token));
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { message: string; fields: Record<string, string> } }>();
    expect(error.fields.progress).toBe('Completa «¿Qué ha avanzado desde tu último check-in?».');
    expect(error.fields.energy).toBe('«Tu energía esta semana» debe estar entre 1 y 5.');
    expect(error.message).toBe('Algunas respuestas necesitan una revisión.');
  });

  it('is sent to the Spanish thank-you page', async () => {
    const res = await request('/api/checkins', formPost(validCheckin({ token: people.ben.token })));
    expect(res.headers.get('location')).toBe('/es/thanks/?sent=checkin');
  });
});

describe('an English participant', () => {
  it('keeps the addresses and words they had', async () => {
    const res = await request('/api/checkins', formPost(validCheckin({ token: people.cy.token })));
    expect(res.headers.get('location')).toBe('/thanks/?sent=checkin');
    const page = await (await request(`/checkin/?t=${people.cy.token}`)).text();
    expect(page).toMatch(/<html lang="en" dir="ltr">/);
    expect(page).toContain('What moved forward since your last check-in?');
  });
});
