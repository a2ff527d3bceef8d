/** The partnership model through its endpoints, and the rule that a participant only touches their own pair's and circle's records. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { cycleAt } from '../../worker/domain/weeks.ts';
import { formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

type People = Awaited<ReturnType<typeof makeCohort>>;
let people: People;
let others: People;
const request = (path: string, init: RequestInit) => app.request(`${ORIGIN}${path}`, init, env);
const post = (path: string, body: Record<string, unknown>, token: string) => request(path, jsonPost({ idempotency_key: crypto.randomUUID(), ...body }, token));
const page = async (path: string) => (await app.request(`${ORIGIN}${path}`, { headers: { Accept: 'text/html' } }, env)).text();
const errorFields = async (res: Response) => (await res.json<{ error: { fields: Record<string, string> } }>()).error.fields;

const contract = {
  purpose: 'Finish our theses by June.',
  cadence_days: '7',
  meeting_day: 'tuesday',
  meeting_time: '18:30',
  channel: 'Video call, Ada sends the link',
  boundaries: 'No messages after 21:00.',
  success_measure: '8 of 10 check-ins held.',
  contributions: 'Ada: structure. Ben: encouragement.',
  dialogue_format: 'One action, one win, one challenge.',
  renegotiate_on: '2026-03-01',
};
const goal = { what: 'Write the method section', measure: 'words written', target: '3,000 words', due_on: '2026-02-15' };

beforeAll(async () => {
  people = await makeCohort();
  others = await makeCohort();
});

describe('contracts', () => {
  it('is agreed once both partners confirmed the same version, and versioned on each new proposal', async () => {
    const proposed = await post('/api/contracts', contract, people.ada.token);
    expect(proposed.status).toBe(201);
    const first = await env.DB.prepare('SELECT id, version FROM contracts WHERE participant_id = ?1').bind(people.ada.id).first<{ id: number; version: number }>();
    expect(first!.version).toBe(1);
    expect(await page(`/me/?t=${people.ada.token}`)).toMatch(/Not agreed yet: waiting for Ben to confirm/);

    expect((await post('/api/me/contract-confirmations', { contract_id: first!.id, revision: 1 }, people.ben.token)).status).toBe(200);
    expect(await page(`/me/?t=${people.ben.token}`)).toMatch(/<strong>Agreed<\/strong> by both of you/);

    await post('/api/contracts', { ...contract, meeting_day: 'thursday' }, people.ben.token);
    const ada = await page(`/me/?t=${people.ada.token}`);
    expect(ada).toMatch(/Version 2: meet every week on Thursday at 18:30/);
    expect(ada).toMatch(/waiting for Ada to confirm/);
    expect(ada).toMatch(/Its review date, 1 March 2026, has passed/);
    const outdated = await post('/api/me/contract-confirmations', { contract_id: first!.id, revision: 1 }, people.ada.token);
    expect(outdated.status).toBe(409);
  });

  it('asks the partner again when the proposer resends the form with changes, not when unchanged', async () => {
    const { ada, ben } = await makeCohort();
    const fields = { idempotency_key: 'contract-resend-1', ...contract };
    await request('/api/contracts', jsonPost(fields, ada.token));
    const { id } = (await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(ada.id).first<{ id: number }>())!;
    expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, ben.token)).status).toBe(200);

    const same = await request('/api/contracts', jsonPost(fields, ada.token));
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect(await page(`/me/?t=${ada.token}`)).toContain('<strong>Agreed</strong>');

    await request('/api/contracts', jsonPost({ ...fields, boundaries: 'No messages at weekends.' }, ada.token));
    expect(await page(`/me/?t=${ada.token}`)).toMatch(/waiting for Ben to confirm/);
    // Ben's page showed revision 1: confirming what he read is refused, the new text can be confirmed.
    expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, ben.token)).status).toBe(409);
    expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 2 }, ben.token)).status).toBe(200);
    expect(await page(`/me/?t=${ada.token}`)).toContain('<strong>Agreed</strong>');
  });

  it('refuses to rewrite a version the pair has replaced since', async () => {
    const { ada, ben } = await makeCohort();
    const old = { idempotency_key: 'contract-old-1', ...contract };
    await request('/api/contracts', jsonPost(old, ada.token));
    await post('/api/contracts', { ...contract, meeting_day: 'friday' }, ben.token);
    const res = await request('/api/contracts', jsonPost({ ...old, purpose: 'Rewritten' }, ada.token));
    expect(res.status).toBe(400);
    expect((await errorFields(res)).purpose).toMatch(/replaced since/);
    expect((await env.DB.prepare(`SELECT purpose FROM contracts WHERE idempotency_key = 'contract-old-1'`).first())!.purpose).toBe(contract.purpose);
  });

  it('cannot be confirmed from another pair', async () => {
    await post('/api/contracts', contract, people.cy.token);
    const cys = await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(people.cy.id).first<{ id: number }>();
    for (const outsider of [people.ada, others.ada]) {
      expect((await post('/api/me/contract-confirmations', { contract_id: cys!.id, revision: 1 }, outsider.token)).status).toBe(404);
    }
    const confirmations = await env.DB.prepare('SELECT participant_id FROM contract_confirmations WHERE contract_id = ?1').bind(cys!.id).all();
    expect(confirmations.results).toEqual([{ participant_id: people.cy.id }]);
  });

  it('refuses a contract with a bad time, day or date, naming each', async () => {
    const res = await post('/api/contracts', { ...contract, meeting_time: '25:00', meeting_day: 'someday', renegotiate_on: '2026-02-30' }, people.ada.token);
    expect(res.status).toBe(400);
    expect(Object.keys(await errorFields(res)).sort()).toEqual(['meeting_day', 'meeting_time', 'renegotiate_on']);
  });
});

describe('micro-goals', () => {
  it('refuses a goal without a measure or a date, and says why in plain words', async () => {
    const res = await post('/api/goals', { what: 'Get fit' }, people.ada.token);
    expect(res.status).toBe(400);
    const fields = await errorFields(res);
    expect(fields.measure).toBe('A goal needs a measure, so you and your partner can tell when it is done: please say what you will count, e.g. “words written”.');
    expect(fields.due_on).toBe('A goal needs a due date, so it is time-bound: please choose a day, like 2027-03-15.');
  });

  it('recalibrates: the new goal names the old one, which is dropped, and both stay in history', async () => {
    const made = await (await post('/api/goals', goal, people.ada.token)).json<{ id: number }>();
    const better = await post('/api/goals', { ...goal, target: '1,500 words', replaces_goal_id: String(made.id) }, people.ada.token);
    expect(better.status).toBe(201);
    const { id } = await better.json<{ id: number }>();
    const rows = await env.DB.prepare('SELECT id, status, replaces_goal_id FROM goals WHERE id IN (?1, ?2) ORDER BY id').bind(made.id, id).all();
    expect(rows.results).toEqual([
      { id: made.id, status: 'dropped', replaces_goal_id: null },
      { id, status: 'active', replaces_goal_id: made.id },
    ]);
  });

  it('records status and milestones only on one’s own goals', async () => {
    const { id } = await (await post('/api/goals', goal, people.ben.token)).json<{ id: number }>();
    expect((await post('/api/me/milestones', { goal_id: id, title: 'First 1,000 words', reached_on: '2026-01-20' }, people.ben.token)).status).toBe(201);
    expect((await post('/api/me/milestones', { goal_id: id, title: 'Sneaky', reached_on: '2026-01-20' }, people.ada.token)).status).toBe(404);
    expect((await post('/api/me/goal-status', { goal_id: id, status: 'done' }, people.ada.token)).status).toBe(404);
    expect((await post('/api/goals', { ...goal, replaces_goal_id: id }, people.ada.token)).status).toBe(400);
    const mine = await page(`/me/?t=${people.ben.token}`);
    expect(mine).toContain('First 1,000 words');
    expect(await page(`/me/?t=${people.ada.token}`)).not.toContain('First 1,000 words');
    expect((await post('/api/me/goal-status', { goal_id: id, status: 'done' }, people.ben.token)).status).toBe(200);
    expect((await env.DB.prepare('SELECT status FROM goals WHERE id = ?1').bind(id).first())!.status).toBe('done');
  });

  it('shares a milestone as a success story only when asked, and withdraws it in one step', async () => {
    const { id } = await (await post('/api/goals', goal, people.di.token)).json<{ id: number }>();
    await post('/api/me/milestones', { goal_id: id, title: 'Kept private', reached_on: '2026-01-20' }, people.di.token);
    await post('/api/me/milestones', { goal_id: id, title: 'Shared story', reached_on: '2026-01-21', consent: 'public' }, people.di.token);
    const html = await page(`/me/?t=${people.di.token}`);
    const published = html.slice(html.indexOf('What of yours is published'), html.indexOf('Your partnership contract'));
    expect(published).toContain('Shared story');
    expect(published).not.toContain('Kept private');
    const shared = (await env.DB.prepare(`SELECT id FROM milestones WHERE title = 'Shared story'`).first<{ id: number }>())!;
    expect((await post('/api/me/withdrawals', { kind: 'milestone', id: shared.id }, people.cy.token)).status).toBe(404);
    expect((await post('/api/me/withdrawals', { kind: 'milestone', id: shared.id }, people.di.token)).status).toBe(200);
    expect((await env.DB.prepare('SELECT consent FROM milestones WHERE id = ?1').bind(shared.id).first())!.consent).toBe('private');
    const after = await page(`/me/?t=${people.di.token}`);
    expect(after.slice(after.indexOf('What of yours is published'), after.indexOf('Your partnership contract'))).not.toContain('Shared story');
  });
});

describe('consent on the participant’s page', () => {
  it('lists the wins and reflections that are published, and withdraws each in one step', async () => {
    const { ada, ben } = await makeCohort();
    const win = await (await request('/api/checkins', jsonPost(validCheckin({ win: 'Finished the draft', win_consent: 'cohort' }), ada.token))).json<{ id: number }>();
    const reflection = await (
      await post('/api/reflections', { working: 'w', not_working: 'n', why: 'y', insight: 'Small steps win', consent: 'public' }, ada.token)
    ).json<{ id: number }>();
    await request('/api/checkins', jsonPost(validCheckin({ win: 'A private win' }), ada.token));
    const listed = await page(`/me/?t=${ada.token}`);
    expect(listed).toMatch(/Finished the draft <span class="meta">\(week \d+, your cohort\)/);
    expect(listed).toMatch(/Small steps win <span class="meta">\(week \d+, public\)/);
    expect(listed).not.toContain('A private win');

    expect((await post('/api/me/withdrawals', { kind: 'win', id: win.id }, ben.token)).status).toBe(404);
    expect((await post('/api/me/withdrawals', { kind: 'win', id: win.id }, ada.token)).status).toBe(200);
    expect((await post('/api/me/withdrawals', { kind: 'reflection', id: reflection.id }, ada.token)).status).toBe(200);
    expect((await env.DB.prepare('SELECT win_consent FROM checkins WHERE id = ?1').bind(win.id).first())!.win_consent).toBe('private');
    expect((await env.DB.prepare('SELECT consent FROM reflections WHERE id = ?1').bind(reflection.id).first())!.consent).toBe('private');
    expect(await page(`/me/?t=${ada.token}`)).toContain('Nothing: everything you wrote is private.');
  });
});

describe('peer feedback', () => {
  it('needs behaviour, impact and next step', async () => {
    const res = await post('/api/feedback', { receiver_id: people.ben.id, behaviour: 'You named one obstacle first.' }, people.ada.token);
    expect(res.status).toBe(400);
    expect(Object.keys(await errorFields(res)).sort()).toEqual(['impact', 'next_step']);
  });

  it('goes only to a partner or someone in the circle', async () => {
    const full = { behaviour: 'b', impact: 'i', next_step: 'n' };
    expect((await post('/api/feedback', { ...full, receiver_id: people.cy.id }, people.ada.token)).status).toBe(201);
    const outsider = await post('/api/feedback', { ...full, receiver_id: others.ben.id }, people.ada.token);
    expect(outsider.status).toBe(400);
    expect((await errorFields(outsider)).receiver_id).toMatch(/partner or someone in your circle/);
    expect((await post('/api/feedback', { ...full, receiver_id: people.ada.id }, people.ada.token)).status).toBe(400);
  });

  it('is rated once, by its receiver only', async () => {
    const { id } = await (await post('/api/feedback', { receiver_id: people.ben.id, behaviour: 'b', impact: 'i', next_step: 'n' }, people.ada.token)).json<{ id: number }>();
    expect(await page(`/me/?t=${people.ben.token}`)).toContain('Feedback waiting for your rating');
    expect((await post('/api/me/feedback-ratings', { feedback_id: id, usefulness: 4 }, people.cy.token)).status).toBe(404);
    expect((await post('/api/me/feedback-ratings', { feedback_id: id, usefulness: 4 }, people.ben.token)).status).toBe(200);
    // The same rating sent twice (a double click) is answered as the first; another one is refused.
    expect((await post('/api/me/feedback-ratings', { feedback_id: id, usefulness: 4 }, people.ben.token)).status).toBe(200);
    expect((await post('/api/me/feedback-ratings', { feedback_id: id, usefulness: 1 }, people.ben.token)).status).toBe(409);
    expect((await env.DB.prepare('SELECT usefulness FROM feedback WHERE id = ?1').bind(id).first())!.usefulness).toBe(4);
  });

  it('offers the partner and circle as answers on the form page', async () => {
    const html = await page(`/feedback/?t=${people.ada.token}`);
    expect(html).toMatch(/value="\d+"\s*\/?><span>Ben \(your partner\)<\/span>/);
    expect(html).toContain('<span>Cy</span>');
    expect(html).not.toContain('<span>Ada');
  });
});

describe('pulse and program feedback', () => {
  it('stores a pulse with all four ratings, and refuses a missing one', async () => {
    const missing = await post('/api/pulses', { trust: 4, safety: 5, feedback_ease: 3 }, people.ada.token);
    expect(missing.status).toBe(400);
    expect(Object.keys(await errorFields(missing))).toEqual(['adaptability']);
    expect((await post('/api/pulses', { trust: 4, safety: 5, feedback_ease: 3, adaptability: 4, comment: 'Going well' }, people.ada.token)).status).toBe(201);
    const row = await env.DB.prepare('SELECT trust, adaptability, comment, comment_consent FROM pulses WHERE participant_id = ?1').bind(people.ada.id).first();
    expect(row).toEqual({ trust: 4, adaptability: 4, comment: 'Going well', comment_consent: 'private' });
  });

  it('stores program feedback', async () => {
    expect((await post('/api/program-feedback', { cadence_fit: 'too-often', suggestion: 'Fortnightly circles' }, people.ben.token)).status).toBe(201);
    expect((await post('/api/program-feedback', { cadence_fit: 'whenever' }, people.ben.token)).status).toBe(400);
  });
});

describe('the weekly loop', () => {
  it('shows last cycle’s action on the check-in form and carries it forward when asked', async () => {
    const { cy } = await makeCohort();
    const week = cycleAt({ startsOn: '2026-01-05', cadenceDays: 7, timezone: 'Europe/London', endsOn: null, cadenceChanges: [] }, new Date());
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action)
      SELECT 'loop-1', id, cohort_id, ?2, 'p', 'n', 'Call the printer' FROM participants WHERE id = ?1`).bind(cy.id, week - 1).run();
    expect(await page(`/checkin/?t=${cy.token}`)).toMatch(/<p data-show-with="last-action">Last time you committed to: <strong data-text="last-action">Call the printer<\/strong>/);
    const res = await request('/api/checkins', jsonPost({ ...validCheckin({ last_action_done: 'partly', carry_forward: 'yes' }), committed_action: '' }, cy.token));
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: number }>();
    expect(await env.DB.prepare('SELECT committed_action, carried_forward, last_action_done FROM checkins WHERE id = ?1').bind(id).first()).toEqual({
      committed_action: 'Call the printer',
      carried_forward: 1,
      last_action_done: 'partly',
    });
  });

  it('carries nothing when a new action is written, and nothing after a done one', async () => {
    const { ben } = await makeCohort();
    const week = cycleAt({ startsOn: '2026-01-05', cadenceDays: 7, timezone: 'Europe/London', endsOn: null, cadenceChanges: [] }, new Date());
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action)
      SELECT 'loop-2', id, cohort_id, ?2, 'p', 'n', 'Old action' FROM participants WHERE id = ?1`).bind(ben.id, week - 1).run();
    const written = await request('/api/checkins', jsonPost(validCheckin({ carry_forward: 'yes', committed_action: 'A new action' }), ben.token));
    const { id } = await written.json<{ id: number }>();
    expect(await env.DB.prepare('SELECT committed_action, carried_forward FROM checkins WHERE id = ?1').bind(id).first()).toEqual({ committed_action: 'A new action', carried_forward: 0 });
    const done = await request('/api/checkins', jsonPost({ ...validCheckin({ carry_forward: 'yes', last_action_done: 'yes' }), committed_action: '' }, ben.token));
    expect(done.status).toBe(400);
    expect((await errorFields(done)).carry_forward).toMatch(/nothing to carry forward/);
  });

  it('cannot carry forward when there is nothing to carry', async () => {
    const { di } = await makeCohort();
    const res = await request('/api/checkins', formPost({ ...validCheckin({ token: di.token, carry_forward: 'yes' }), committed_action: '' }, { Accept: 'application/json' }));
    expect(res.status).toBe(400);
    expect((await errorFields(res)).committed_action).toMatch(/no earlier action/);
  });
});

describe('each participant’s page', () => {
  it('shows partner, roles, circle facilitator, forms and the calendar, and refuses a bad link', async () => {
    const html = await page(`/me/?t=${people.di.token}`);
    expect(html).toContain('Hello, Di');
    expect(html).toContain('Your partner: <strong>Cy</strong>');
    expect(html).toMatch(/You are the (observer|reporter)/);
    expect(html).toMatch(/C1: (.+ facilitates this cycle|you facilitate the circle this cycle)/);
    for (const path of ['/checkin/', '/reflect/', '/goals/', '/feedback/', '/contract/', '/pulse/', '/program-feedback/', '/me/calendar.ics']) {
      expect(html).toContain(`href="${path}?t=${encodeURIComponent(people.di.token)}"`);
    }
    const refused = await app.request(`${ORIGIN}/me/?t=1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, {}, env);
    expect(refused.status).toBe(401);
  });

  it('offers the pair’s meetings and check-in dates as a calendar file', async () => {
    const none = await (await app.request(`${ORIGIN}/me/calendar.ics?t=${others.ada.token}`, {}, env)).text();
    expect(none).not.toContain('Partnership meeting');
    await post('/api/contracts', contract, others.ada.token);
    const proposed = await (await app.request(`${ORIGIN}/me/calendar.ics?t=${others.ada.token}`, {}, env)).text();
    expect(proposed).not.toContain('Partnership meeting');
    const { id } = (await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(others.ada.id).first<{ id: number }>())!;
    await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, others.ben.token);
    const res = await app.request(`${ORIGIN}/me/calendar.ics?t=${others.ada.token}`, {}, env);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('SUMMARY:Partnership meeting with Ben');
    expect(ics).toContain('SUMMARY:Weekly check-in due');
  });

  it('sends a browser back to the page after a small form', async () => {
    const { id } = await (await post('/api/goals', goal, people.cy.token)).json<{ id: number }>();
    const res = await request('/api/me/goal-status', formPost({ token: people.cy.token, goal_id: String(id), status: 'dropped' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/me/?t=${encodeURIComponent(people.cy.token)}`);
  });
});
