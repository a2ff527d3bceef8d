/** Personal links stop working 30 days after their cohort ends; revoked links stop at once. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { translator } from '../../worker/domain/i18n.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

const today = new Date().toISOString().slice(0, 10);
const endCohort = (cohortId: number, endsOn: string) => env.DB.prepare('UPDATE cohorts SET ends_on = ?1 WHERE id = ?2').bind(endsOn, cohortId).run();
const request = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env);

describe('a cohort that ended more than 30 days ago', () => {
  let people: Awaited<ReturnType<typeof makeCohort>>;
  const endsOn = addDays(today, -32);

  beforeAll(async () => {
    people = await makeCohort();
    await endCohort(people.cohortId, endsOn);
  });

  it('refuses a post with 401, saying the cohort ended and to ask the mentor, and stores nothing', async () => {
    const res = await request('/api/checkins', jsonPost(validCheckin(), people.ada.token));
    expect(res.status).toBe(401);
    const { error } = await res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('link_expired');
    // The date as the reader's language writes it (issue 15): "4 November 2026".
    expect(error.message).toContain(`your cohort ended on ${translator('en').date(endsOn, 'year')}`);
    expect(error.message).toMatch(/ask your mentor/);
    expect(await countRows('checkins', people.ada.id)).toBe(0);
  });

  it.each(['/me/', '/checkin/'])('answers %s with a page that says so', async (path) => {
    const res = await request(`${path}?t=${people.ben.token}`);
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toContain('<h1>Your cohort has ended</h1>');
    expect(page).toMatch(/ask your mentor/);
    expect(page).not.toContain(people.ben.token);
  });
});

describe('a cohort within 30 days of its end', () => {
  it('still takes the last check-ins and reflections', async () => {
    const { cohortId, cy } = await makeCohort();
    await endCohort(cohortId, addDays(today, -29));
    expect((await request('/api/checkins', jsonPost(validCheckin(), cy.token))).status).toBe(201);
    expect((await request(`/me/?t=${cy.token}`)).status).toBe(200);
  });
});

describe('revoking one participant’s links', () => {
  it('stops that participant’s old link and no one else’s', async () => {
    const { ada, ben } = await makeCohort();
    await env.DB.prepare('UPDATE participants SET link_version = link_version + 1 WHERE id = ?1').bind(ada.id).run();
    const revoked = await request('/api/checkins', jsonPost(validCheckin(), ada.token));
    expect(revoked.status).toBe(401);
    expect((await revoked.json<{ error: { code: string } }>()).error.code).toBe('unauthorized');
    expect((await request('/api/checkins', jsonPost(validCheckin(), ben.token))).status).toBe(201);
  });
});

describe('a cohort that ended more than 30 days ago, for someone with something published', () => {
  let people: Awaited<ReturnType<typeof makeCohort>>;
  const endsOn = addDays(today, -40);
  const winOf = (participantId: number) =>
    env.DB.prepare('SELECT id, win_consent FROM checkins WHERE participant_id = ?1 ORDER BY id').bind(participantId).all<{ id: number; win_consent: string }>();

  beforeAll(async () => {
    people = await makeCohort();
    // Shared while the cohort ran: Ada a win with her cohort, Cy a win and a public one.
    expect((await request('/api/checkins', jsonPost(validCheckin({ win: 'Ada’s shared win', win_consent: 'cohort' }), people.ada.token))).status).toBe(201);
    expect((await request('/api/checkins', jsonPost(validCheckin({ win: 'Cy’s first win', win_consent: 'public' }), people.cy.token))).status).toBe(201);
    expect((await request('/api/checkins', jsonPost(validCheckin({ win: 'Cy’s second win', win_consent: 'cohort' }), people.cy.token))).status).toBe(201);
    await endCohort(people.cohortId, endsOn);
  });

  it('still opens their page, reduced to what is published with a way to withdraw it', async () => {
    const res = await request(`/me/?t=${people.ada.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const page = await res.text();
    expect(page).toContain(`Your cohort ended on ${translator('en').date(endsOn, 'year')}`);
    expect(page).toContain('Ada’s shared win');
    expect(page).toContain('action="/api/me/withdrawals"');
    // Nothing else of the page: no forms to send, no links to pages that no longer open.
    expect(page).not.toContain('/checkin/?t=');
    expect(page).not.toContain('/me/history?t=');
  });

  it('takes a withdrawal, and then, with nothing of theirs published, refuses the link as ended', async () => {
    const [win] = (await winOf(people.ada.id)).results;
    const res = await request('/api/me/withdrawals', jsonPost({ kind: 'win', id: String(win!.id) }, people.ada.token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'win', id: win!.id, consent: 'private' });
    expect((await winOf(people.ada.id)).results[0]!.win_consent).toBe('private');
    const after = await request(`/me/?t=${people.ada.token}`);
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('<h1>Your cohort has ended</h1>');
    expect((await (await request('/api/me/withdrawals', jsonPost({ kind: 'win', id: String(win!.id) }, people.ada.token))).json<{ error: { code: string } }>()).error.code).toBe('link_expired');
  });

  it('answers a browser’s withdrawal with their page while more is published, and says when nothing is left', async () => {
    const [first, second] = (await winOf(people.cy.id)).results;
    const withdraw = (id: number) => request('/api/me/withdrawals', formPost({ token: people.cy.token, kind: 'win', id: String(id) }));
    const more = await withdraw(first!.id);
    expect(more.status).toBe(303);
    expect(more.headers.get('Location')).toBe(`/me/?t=${encodeURIComponent(people.cy.token)}`);
    const last = await withdraw(second!.id);
    expect(last.status).toBe(200);
    expect(await last.text()).toMatch(/Nothing of yours is published any more/);
    expect((await winOf(people.cy.id)).results.map((r) => r.win_consent)).toEqual(['private', 'private']);
  });

  it('keeps refusing everything else with link_expired: posts, other pages, sharing again', async () => {
    const fresh = await makeCohort();
    expect((await request('/api/checkins', jsonPost(validCheckin({ win: 'Di’s win', win_consent: 'cohort' }), fresh.di.token))).status).toBe(201);
    await endCohort(fresh.cohortId, endsOn);
    const { id } = (await winOf(fresh.di.id)).results[0]!;
    const refusals = [
      await request('/api/checkins', jsonPost(validCheckin(), fresh.di.token)),
      await request('/api/me/consent', jsonPost({ kind: 'win', id: String(id), consent: 'public' }, fresh.di.token)),
      await request('/api/me/reminders', jsonPost({ by_mail: 'off', remind_hour: '9' }, fresh.di.token)),
    ];
    for (const res of refusals) expect([res.status, (await res.json<{ error: { code: string } }>()).error.code]).toEqual([401, 'link_expired']);
    for (const path of ['/me/pair', '/me/history', '/me/circle', '/me/cohort', '/me/data.json', '/me/calendar.ics', '/checkin/']) {
      expect([path, (await request(`${path}?t=${fresh.di.token}`)).status]).toEqual([path, 401]);
    }
  });

  it('refuses a revoked link even while something is published', async () => {
    const fresh = await makeCohort();
    expect((await request('/api/checkins', jsonPost(validCheckin({ win: 'Ben’s win', win_consent: 'public' }), fresh.ben.token))).status).toBe(201);
    await endCohort(fresh.cohortId, endsOn);
    await env.DB.prepare('UPDATE participants SET link_version = link_version + 1 WHERE id = ?1').bind(fresh.ben.id).run();
    const page = await request(`/me/?t=${fresh.ben.token}`);
    expect(page.status).toBe(401);
    const post = await request('/api/me/withdrawals', jsonPost({ kind: 'win', id: '1' }, fresh.ben.token));
    expect([post.status, (await post.json<{ error: { code: string } }>()).error.code]).toEqual([401, 'unauthorized']);
  });
});
