/** Personal links stop working 30 days after their cohort ends; revoked links stop at once. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { countRows, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

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
    expect(error.message).toContain(`your cohort ended on ${endsOn}`);
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
