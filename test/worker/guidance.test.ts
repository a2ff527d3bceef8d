/** In the moment of need: after a check-in that asks for a pause or reports a setback, the library's guidance. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { formPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const get = async (path: string) => (await app.request(`${ORIGIN}${path}`, { headers: { Accept: 'text/html' } }, env)).text();

beforeAll(async () => {
  people = await makeCohort();
});

describe('guidance after a check-in', () => {
  it('sends a check-in asking for a pause to the pause guidance', async () => {
    const res = await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: people.ada.token, needs_pause: 'yes' })), env);
    expect(res.headers.get('location')).toBe('/thanks/?sent=checkin&need=pause');
    const page = await get(res.headers.get('location')!);
    expect(page).toContain('Taking a pause, and coming back');
    expect(page).toContain('<a href="/library/roleplay-pause-and-return/">Asking for a Pause and Coming Back</a>');
  });

  it('sends a missed action to the setback guidance, and a plain week to none', async () => {
    const missed = await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: people.ben.token, last_action_done: 'no' })), env);
    expect(missed.headers.get('location')).toBe('/thanks/?sent=checkin&need=setback');
    const plain = await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: people.cy.token, last_action_done: 'yes' })), env);
    expect(plain.headers.get('location')).toBe('/thanks/?sent=checkin');
    expect(await get('/thanks/?sent=checkin')).not.toContain('For this week');
  });

  it('ignores needs it does not know', async () => {
    const res = await app.request(`${ORIGIN}/thanks/?need=%3Cscript%3E,setbackx`, {}, env);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('For this week');
  });

  it('shows the same guidance on the participant’s page after such a check-in', async () => {
    await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: people.di.token, obstacles: 'Ill all week' })), env);
    const page = await get(`/me/?t=${people.di.token}`);
    expect(page).toContain('For this week, from the library');
    expect(page).toContain('Recalibrating a Micro-Goal');
  });
});
