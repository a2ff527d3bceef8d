/**
 * Admission of a post in the statement that stores it: a link stops working the moment it is
 * revoked, a post is stored in the week of the cohort's calendar as it is now (not as this isolate
 * cached it), a token without its cohort is refused, and the rate limit counts posts of one kind.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { readToken, signToken } from '../../worker/domain/links.ts';
import { forgetParticipant, revokeLinks } from '../../worker/db/people.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { addDays, cycleOn } from '../../worker/domain/weeks.ts';
import { countRows, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

const request = (path: string, init: RequestInit = {}, bindings: Env = env) => app.request(`${ORIGIN}${path}`, init, bindings);
const today = new Date().toISOString().slice(0, 10);

async function postCheckin(token: string, bindings: Env = env) {
  const res = await request('/api/checkins', jsonPost(validCheckin(), token), bindings);
  return { status: res.status, body: await res.json<{ id?: number; week?: number; error?: { code: string } }>() };
}

/** The token without its cohort id, `<participant>.<version>.<signature>`: a shape no link was ever issued in. */
function withoutCohort(token: string): string {
  const [participant, , version, signature] = token.split('.');
  return `${participant}.${version}.${signature}`;
}

describe('a link revoked after it was used', () => {
  it('is refused at once, with 401, and nothing more is stored', async () => {
    const { ada } = await makeCohort();
    expect((await postCheckin(ada.token)).status).toBe(201);
    await revokeLinks(env.DB, ada.id);
    const refused = await postCheckin(ada.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthorized');
    expect(await countRows('checkins', ada.id)).toBe(1);
  });
});

describe('a participant forgotten after posting', () => {
  it('cannot post again with their old link', async () => {
    const { ben } = await makeCohort();
    expect((await postCheckin(ben.token)).status).toBe(201);
    await forgetParticipant(env.DB, ben.id);
    expect((await postCheckin(ben.token)).status).toBe(401);
    expect(await countRows('checkins', ben.id)).toBe(0);
  });
});

describe('a participant forgotten, and someone added after them', () => {
  it('never gets the forgotten person’s id, so their old link opens nothing of the newcomer’s', async () => {
    const { cohortId } = await makeCohort();
    const newest = (await env.DB.prepare('SELECT MAX(id) AS id FROM participants').first<{ id: number }>())!.id;
    const forgotten = (await env.DB.prepare('SELECT id, link_version FROM participants WHERE id = ?1').bind(newest).first<{ id: number; link_version: number }>())!;
    const oldLink = await signToken(env.LINK_SECRET, { participantId: forgotten.id, cohortId, linkVersion: forgotten.link_version });
    await forgetParticipant(env.DB, forgotten.id);
    await importRoster(env.DB, cohortId, [{ name: 'Eve', email: `eve-${crypto.randomUUID()}@example.invalid`, role: 'mentee', pair: '', circle: '' }]);
    const eve = (await env.DB.prepare(`SELECT id FROM participants WHERE cohort_id = ?1 AND display_name = 'Eve'`).bind(cohortId).first<{ id: number }>())!;
    expect(eve.id).toBeGreaterThan(forgotten.id);
    expect((await request(`/me/?t=${oldLink}`)).status).toBe(401);
    expect((await postCheckin(oldLink)).status).toBe(401);
  });
});

describe('a cohort whose calendar changed after this isolate read it', () => {
  it('stores the next post in the week of the new calendar', async () => {
    const { cohortId, cy } = await makeCohort();
    const first = await postCheckin(cy.token);
    expect(first.status).toBe(201);
    // The cohort starts three weeks later than it did: this week's number drops by three.
    const startsOn = addDays('2026-01-05', 21);
    await env.DB.prepare('UPDATE cohorts SET starts_on = ?1 WHERE id = ?2').bind(startsOn, cohortId).run();
    const second = await postCheckin(cy.token);
    expect(second.status).toBe(201);
    expect(second.body.week).toBe(cycleOn({ startsOn, cadenceDays: 7, cadenceChanges: [] }, today));
    expect(second.body.week).toBe(first.body.week! - 3);
  });

  it('refuses the next post once the cohort has ended, past the grace days', async () => {
    const { cohortId, di } = await makeCohort();
    expect((await postCheckin(di.token)).status).toBe(201);
    await env.DB.prepare('UPDATE cohorts SET ends_on = ?1 WHERE id = ?2').bind(addDays(today, -40), cohortId).run();
    const refused = await postCheckin(di.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('link_expired');
    expect(await countRows('checkins', di.id)).toBe(1);
  });
});

describe('a cohort whose end was moved later after its links had stopped working', () => {
  it('takes posts again at once', async () => {
    const { cohortId, ada } = await makeCohort();
    const setEnd = (endsOn: string | null) => env.DB.prepare('UPDATE cohorts SET ends_on = ?1 WHERE id = ?2').bind(endsOn, cohortId).run();
    await setEnd(addDays(today, -40));
    expect((await postCheckin(ada.token)).status).toBe(401);
    await setEnd(null);
    expect((await postCheckin(ada.token)).status).toBe(201);
  });
});

describe('a token without its cohort id', () => {
  it('opens nothing and stores nothing, though its signature is genuine', async () => {
    const { ada } = await makeCohort();
    const old = withoutCohort(ada.token);
    expect(readToken(old)).toBeNull();
    expect((await request(`/checkin/?t=${old}`)).status).toBe(401);
    expect((await postCheckin(old)).status).toBe(401);
    expect(await countRows('checkins', ada.id)).toBe(0);
  });
});

describe('the rate limit', () => {
  const three = { ...env, POSTS_PER_MINUTE: '3' } as unknown as Env;

  it('follows POSTS_PER_MINUTE, and counts one kind of post', async () => {
    const { ada } = await makeCohort();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postCheckin(ada.token, three)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(await countRows('checkins', ada.id)).toBe(3);
    // A reflection is another kind of post: it has its own three.
    const reflection = { idempotency_key: crypto.randomUUID(), working: 'Short sessions.', not_working: 'Long ones.', why: 'Energy runs out.' };
    expect((await request('/api/reflections', jsonPost(reflection, ada.token), three)).status).toBe(201);
  });

  it('holds back a resend too once the limit is reached, and the form stays stored as first sent', async () => {
    const { ben } = await makeCohort();
    const form = validCheckin();
    expect((await request('/api/checkins', jsonPost(form, ben.token), three)).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await request('/api/checkins', jsonPost(validCheckin(), ben.token), three)).status).toBe(201);
    const resent = await request('/api/checkins', jsonPost({ ...form, progress: 'Changed on the resend.' }, ben.token), three);
    expect(resent.status).toBe(429);
    expect(resent.headers.get('retry-after')).toBe('60');
    const stored = await env.DB.prepare('SELECT progress, revision FROM checkins WHERE participant_id = ?1 AND idempotency_key = ?2').bind(ben.id, form.idempotency_key).first();
    expect(stored).toEqual({ progress: form.progress, revision: 1 });
    expect(await countRows('checkins', ben.id)).toBe(3);
  });
});

describe('a refused post writes nothing, whatever else it would do', () => {
  const goal = { what: 'Write the method section', measure: 'words written', target: '3,000 words', due_on: '2026-02-15' };
  const goalStatus = (id: number) => env.DB.prepare('SELECT status FROM goals WHERE id = ?1').bind(id).first<{ status: string }>();

  it('does not drop the goal a recalibration replaces when the link was revoked, even resending a stored form', async () => {
    const { ada } = await makeCohort();
    const first = await (await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal }, ada.token))).json<{ id: number }>();
    const other = await (await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, what: 'Read two papers' }, ada.token))).json<{ id: number }>();
    await revokeLinks(env.DB, ada.id);
    const resend = { idempotency_key: (await env.DB.prepare('SELECT idempotency_key FROM goals WHERE id = ?1').bind(first.id).first<{ idempotency_key: string }>())!.idempotency_key, ...goal, replaces_goal_id: String(other.id) };
    expect((await request('/api/goals', jsonPost(resend, ada.token))).status).toBe(401);
    expect(await goalStatus(other.id)).toEqual({ status: 'active' });
  });

  it('does not drop it either when the post is over the limit', async () => {
    const { ben } = await makeCohort();
    const two = { ...env, POSTS_PER_MINUTE: '2' } as unknown as Env;
    const first = { idempotency_key: crypto.randomUUID(), ...goal };
    await request('/api/goals', jsonPost(first, ben.token), two);
    const other = await (await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, what: 'Read two papers' }, ben.token), two)).json<{ id: number }>();
    const res = await request('/api/goals', jsonPost({ ...first, replaces_goal_id: String(other.id) }, ben.token), two);
    expect(res.status).toBe(429);
    expect(await goalStatus(other.id)).toEqual({ status: 'active' });
  });

  it('tells a revoked link nothing its checks read: feedback to a stranger is 401, not a 400 naming the field', async () => {
    const { cy } = await makeCohort();
    const stranger = await makeCohort();
    await revokeLinks(env.DB, cy.id);
    const feedback = { idempotency_key: crypto.randomUUID(), receiver_id: String(stranger.ada.id), behaviour: 'b', impact: 'i', next_step: 'n' };
    for (const token of [cy.token, withoutCohort(cy.token)]) expect((await request('/api/feedback', jsonPost(feedback, token))).status).toBe(401);
  });
});

describe('a contract proposed after the cohort’s calendar changed', () => {
  const contract = () => ({
    idempotency_key: crypto.randomUUID(), purpose: 'Finish our theses by June.', cadence_days: '7', meeting_day: 'tuesday', meeting_time: '18:30',
    channel: 'Video call', boundaries: 'No messages after 21:00.', success_measure: '8 of 10 check-ins held.', contributions: 'Ada: structure.',
    dialogue_format: 'One action, one win, one challenge.', renegotiate_on: '2026-03-01',
  });
  const moveStart = (cohortId: number, startsOn: string) => env.DB.prepare('UPDATE cohorts SET starts_on = ?1 WHERE id = ?2').bind(startsOn, cohortId).run();

  it('is stored in the week of the new calendar', async () => {
    const { cohortId, ada } = await makeCohort();
    expect((await postCheckin(ada.token)).status).toBe(201);
    const startsOn = addDays('2026-01-05', 14);
    await moveStart(cohortId, startsOn);
    const res = await request('/api/contracts', jsonPost(contract(), ada.token));
    expect(res.status).toBe(201);
    expect((await res.json<{ week: number }>()).week).toBe(cycleOn({ startsOn, cadenceDays: 7, cadenceChanges: [] }, today));
  });

  it('keeps the changes of a resend, rather than answering it as a replay of the first', async () => {
    const { cohortId, ben } = await makeCohort();
    const form = contract();
    expect((await request('/api/contracts', jsonPost(form, ben.token))).status).toBe(201);
    await moveStart(cohortId, addDays('2026-01-05', 7));
    expect((await request('/api/contracts', jsonPost({ ...form, purpose: 'Finish our theses by July.' }, ben.token))).status).toBe(201);
    const stored = await env.DB.prepare('SELECT purpose, revision FROM contracts WHERE participant_id = ?1').bind(ben.id).first();
    expect(stored).toEqual({ purpose: 'Finish our theses by July.', revision: 2 });
  });
});

describe('requests the Rate Limiting binding held back', () => {
  const over = { ...env, POST_LIMITER: { limit: async () => ({ success: false }) } } as unknown as Env;

  it('does not ask the binding about a post that stores a new row: the stored-post limit bounds those', async () => {
    const { cy } = await makeCohort();
    expect((await postCheckin(cy.token, over)).status).toBe(201);
    expect((await postCheckin(cy.token)).status).toBe(201);
  });

  it('counts a resend; once the binding says no, the token is answered 429 at once, stores nothing, and holds back no one else', async () => {
    const { di, ada } = await makeCohort();
    const form = validCheckin();
    expect((await request('/api/checkins', jsonPost(form, di.token))).status).toBe(201);
    // The resend is answered as usual; the binding's answer holds back the token's next posts.
    expect((await request('/api/checkins', jsonPost(form, di.token), over)).status).toBe(201);
    const held = await request('/api/checkins', jsonPost(validCheckin(), di.token));
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('60');
    expect(await countRows('checkins', di.id)).toBe(1);
    expect((await postCheckin(ada.token)).status).toBe(201);
  });

  it('asks nothing about a token not shaped like a link, and a failing binding changes no answer', async () => {
    const { cy } = await makeCohort();
    let asked = 0;
    const counting = { ...env, POST_LIMITER: { limit: async () => (asked++, { success: true }) } } as unknown as Env;
    expect((await request('/api/checkins', jsonPost(validCheckin(), 'x'.repeat(20_000)), counting)).status).toBe(401);
    expect(asked).toBe(0);
    const failing = { ...env, POST_LIMITER: { limit: async () => Promise.reject(new Error('binding down')) } } as unknown as Env;
    const form = validCheckin();
    expect((await request('/api/checkins', jsonPost(form, cy.token))).status).toBe(201);
    expect((await request('/api/checkins', jsonPost(form, cy.token), failing)).status).toBe(201);
  });

  it('counts the small forms of a participant’s page, and refused posts', async () => {
    const { ben, cy } = await makeCohort();
    const rating = { idempotency_key: crypto.randomUUID(), feedback_id: '999999', usefulness: '4' };
    expect((await request('/api/me/feedback-ratings', jsonPost(rating, ben.token), over)).status).toBe(404);
    expect((await request('/api/me/feedback-ratings', jsonPost(rating, ben.token))).status).toBe(429);
    await revokeLinks(env.DB, cy.id);
    expect((await postCheckin(cy.token, over)).status).toBe(401);
    expect((await postCheckin(cy.token)).status).toBe(429);
  });
});
