/**
 * Input hygiene (issue 16): rated feedback is frozen and never re-addressed, a goal is replaced
 * once and only while active, the per-link limit belongs to the link (not to how its token is
 * spelled), and what the edge refuses: C1 controls, any honeypot value, blank-looking required
 * text, duplicate JSON keys, methods other than POST on /api/me/*.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { countRows, formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

const request = (path: string, init: RequestInit = {}, bindings: Env = env) => app.request(`${ORIGIN}${path}`, init, bindings);
const errorOf = async (res: Response) => (await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>()).error;

const feedback = { behaviour: 'You named one obstacle first.', impact: 'We got to the point quickly.', next_step: 'Try it with the circle.' };
const goal = { what: 'Write the method section', measure: 'words written', target: '3,000 words', due_on: '2026-02-15' };

async function feedbackRow(id: number) {
  return env.DB.prepare('SELECT receiver_id, behaviour, usefulness, revision FROM feedback WHERE id = ?1').bind(id).first<{ receiver_id: number; behaviour: string; usefulness: number | null; revision: number }>();
}

describe('feedback resent with the same idempotency key', () => {
  it('is frozen once rated: a changed resend answers 409 and changes nothing; the same resend is a replay', async () => {
    const { ada, ben } = await makeCohort();
    const sent = { idempotency_key: crypto.randomUUID(), receiver_id: String(ben.id), ...feedback };
    const first = await request('/api/feedback', jsonPost(sent, ada.token));
    expect(first.status).toBe(201);
    const { id } = await first.json<{ id: number }>();
    expect((await request('/api/me/feedback-ratings', jsonPost({ feedback_id: String(id), usefulness: '5' }, ben.token))).status).toBe(200);

    const edited = await request('/api/feedback', jsonPost({ ...sent, behaviour: 'Something else entirely.' }, ada.token));
    expect(edited.status).toBe(409);
    const error = await errorOf(edited);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/rated/);
    expect(await feedbackRow(id)).toEqual({ receiver_id: ben.id, behaviour: feedback.behaviour, usefulness: 5, revision: 1 });

    const same = await request('/api/feedback', jsonPost(sent, ada.token));
    expect(same.status).toBe(201);
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect((await same.json<{ id: number }>()).id).toBe(id);
    expect((await feedbackRow(id))!.usefulness).toBe(5);
  });

  it('is never re-addressed: a resend to another receiver answers 409, rated or not, and changes nothing', async () => {
    const { ada, ben, cy } = await makeCohort();
    const sent = { idempotency_key: crypto.randomUUID(), receiver_id: String(ben.id), ...feedback };
    const { id } = await (await request('/api/feedback', jsonPost(sent, ada.token))).json<{ id: number }>();

    const moved = await request('/api/feedback', jsonPost({ ...sent, receiver_id: String(cy.id), behaviour: 'New words.' }, ada.token));
    expect(moved.status).toBe(409);
    expect((await errorOf(moved)).message).toMatch(/new feedback/i);
    expect(await feedbackRow(id)).toEqual({ receiver_id: ben.id, behaviour: feedback.behaviour, usefulness: null, revision: 1 });

    await request('/api/me/feedback-ratings', jsonPost({ feedback_id: String(id), usefulness: '4' }, ben.token));
    expect((await request('/api/feedback', jsonPost({ ...sent, receiver_id: String(cy.id) }, ada.token))).status).toBe(409);
    expect(await feedbackRow(id)).toEqual({ receiver_id: ben.id, behaviour: feedback.behaviour, usefulness: 4, revision: 1 });
  });

  it('still takes an edit before it is rated, to the same receiver', async () => {
    const { ada, ben } = await makeCohort();
    const sent = { idempotency_key: crypto.randomUUID(), receiver_id: String(ben.id), ...feedback };
    const { id } = await (await request('/api/feedback', jsonPost(sent, ada.token))).json<{ id: number }>();
    expect((await request('/api/feedback', jsonPost({ ...sent, behaviour: 'Named two obstacles first.' }, ada.token))).status).toBe(201);
    expect(await feedbackRow(id)).toEqual({ receiver_id: ben.id, behaviour: 'Named two obstacles first.', usefulness: null, revision: 2 });
  });
});

describe('recalibrating a goal', () => {
  async function newGoal(token: string, extra: Record<string, string> = {}) {
    const res = await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, ...extra }, token));
    expect(res.status).toBe(201);
    return (await res.json<{ id: number }>()).id;
  }
  const goalsReplacing = async (id: number) => (await env.DB.prepare('SELECT count(*) AS n FROM goals WHERE replaces_goal_id = ?1').bind(id).first<{ n: number }>())!.n;

  it('replaces an active goal once: of five parallel posts one is stored and four answer 409', async () => {
    const { ada } = await makeCohort();
    const old = await newGoal(ada.token);
    const posts = Array.from({ length: 5 }, (_, i) => request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, target: `${i + 4},000 words`, replaces_goal_id: String(old) }, ada.token)));
    const statuses = (await Promise.all(posts)).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(await goalsReplacing(old)).toBe(1);
    const status = await env.DB.prepare('SELECT status FROM goals WHERE id = ?1').bind(old).first<{ status: string }>();
    expect(status!.status).toBe('dropped');
  });

  it('refuses to replace a goal that is done, with 409 and a reason, and stores nothing', async () => {
    const { ben } = await makeCohort();
    const old = await newGoal(ben.token);
    expect((await request('/api/me/goal-status', jsonPost({ goal_id: String(old), status: 'done' }, ben.token))).status).toBe(200);
    const res = await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, replaces_goal_id: String(old) }, ben.token));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/done/);
    expect(await goalsReplacing(old)).toBe(0);
    const after = await env.DB.prepare('SELECT status FROM goals WHERE id = ?1').bind(old).first<{ status: string }>();
    expect(after!.status).toBe('done');
  });

  it('settles a goal once: a done or replaced goal cannot be marked again (409), the same mark sent twice is answered as before', async () => {
    const { di } = await makeCohort();
    const done = await newGoal(di.token);
    const mark = (id: number, status: string) => request('/api/me/goal-status', jsonPost({ goal_id: String(id), status }, di.token));
    expect((await mark(done, 'done')).status).toBe(200);
    expect((await mark(done, 'done')).status).toBe(200);
    const reopened = await mark(done, 'dropped');
    expect(reopened.status).toBe(409);
    expect((await errorOf(reopened)).message).toMatch(/already done/);

    const replaced = await newGoal(di.token);
    expect((await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, replaces_goal_id: String(replaced) }, di.token))).status).toBe(201);
    expect((await mark(replaced, 'done')).status).toBe(409);
    const statuses = await env.DB.prepare('SELECT id, status FROM goals WHERE id IN (?1, ?2) ORDER BY id').bind(done, replaced).all<{ id: number; status: string }>();
    expect(statuses.results).toEqual([{ id: done, status: 'done' }, { id: replaced, status: 'dropped' }]);
  });

  it('answers a resend of the replacing goal as a replay, not as a second replacement', async () => {
    const { cy } = await makeCohort();
    const old = await newGoal(cy.token);
    const replacing = { idempotency_key: crypto.randomUUID(), ...goal, target: '4,000 words', replaces_goal_id: String(old) };
    expect((await request('/api/goals', jsonPost(replacing, cy.token))).status).toBe(201);
    const again = await request('/api/goals', jsonPost(replacing, cy.token));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await goalsReplacing(old)).toBe(1);
  });
});

describe('the per-link limit', () => {
  it('counts a link by its participant and link version, and not a token whose signature does not verify', async () => {
    const { ada, ben } = await makeCohort();
    const keys: string[] = [];
    const recording = { ...env, POST_LIMITER: { limit: async ({ key }: { key: string }) => (keys.push(key), { success: true }) } } as unknown as Env;
    const form = validCheckin();
    await request('/api/checkins', jsonPost(form, ada.token));
    // The same link sent once in the header and once in the field: one participant, one budget.
    expect((await request('/api/checkins', jsonPost(form, ada.token), recording)).status).toBe(201);
    expect((await request('/api/checkins', formPost({ ...form, token: ada.token }, { Accept: 'application/json' }), recording)).status).toBe(201);
    expect(keys).toEqual([`participant:${ada.id}:v1`, `participant:${ada.id}:v1`]);

    // A forged token naming Ben spends none of Ben's budget, so it cannot hold Ben back.
    const over = { ...env, POST_LIMITER: { limit: async () => ({ success: false }) } } as unknown as Env;
    const forged = ben.token.slice(0, -2) + (ben.token.endsWith('AA') ? 'BA' : 'AA');
    expect((await request('/api/checkins', jsonPost(validCheckin(), forged), over)).status).toBe(401);
    expect((await request('/api/checkins', jsonPost(validCheckin(), ben.token))).status).toBe(201);
  });
});

describe('what the edge refuses', () => {
  it('refuses a C1 control character (U+0080–U+009F) in a pulse comment, as it does C0, and stores nothing', async () => {
    const { ada } = await makeCohort();
    for (const control of ['\u0085', '\u009B31m', '\u0090']) {
      const pulse = { idempotency_key: crypto.randomUUID(), trust: '4', safety: '4', feedback_ease: '4', adaptability: '4', comment: `fine${control} really` };
      const res = await request('/api/pulses', jsonPost(pulse, ada.token));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).fields).toHaveProperty('comment');
    }
    expect((await env.DB.prepare('SELECT count(*) AS n FROM pulses WHERE participant_id = ?1').bind(ada.id).first<{ n: number }>())!.n).toBe(0);
  });

  it('trips the honeypot on any value a JSON client sends, of any type', async () => {
    const { ben } = await makeCohort();
    for (const website of [123, true, 0, false, ['x'], { a: 1 }]) {
      const res = await request('/api/checkins', jsonPost({ ...validCheckin(), website }, ben.token));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).fields).toEqual({ website: 'Leave this empty.' });
    }
    expect(await countRows('checkins', ben.id)).toBe(0);
    expect((await request('/api/checkins', jsonPost({ ...validCheckin(), website: null }, ben.token))).status).toBe(201);
  });

  it('treats required text made only of zero-width characters and spaces as empty', async () => {
    const { cy } = await makeCohort();
    for (const blank of ['\u200B', '\u200C\u200D', ' \u2060 ', '\uFEFF\u200B\n']) {
      const res = await request('/api/checkins', jsonPost(validCheckin({ progress: blank }), cy.token));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).fields.progress).toMatch(/Please fill in/);
      const goalRes = await request('/api/goals', jsonPost({ idempotency_key: crypto.randomUUID(), ...goal, measure: blank }, cy.token));
      expect(goalRes.status).toBe(400);
      expect((await errorOf(goalRes)).fields).toHaveProperty('measure');
    }
    expect(await countRows('checkins', cy.id)).toBe(0);
    // Zero-width characters inside text (an emoji sequence) are kept as typed.
    expect((await request('/api/checkins', jsonPost(validCheckin({ progress: 'Done 👩‍💻' }), cy.token))).status).toBe(201);
  });

  it('refuses a JSON body that names a field twice, as a form post that sends it twice', async () => {
    const { di } = await makeCohort();
    const form = validCheckin();
    const body = JSON.stringify(form).replace(/^\{/, '{"progress":"the first answer",');
    const res = await request('/api/checkins', jsonPost(body, di.token));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.fields).toEqual({ progress: 'Send this field once.' });
    expect(error.message).toMatch(/progress.*twice/);
    expect(await countRows('checkins', di.id)).toBe(0);
    // A key repeated inside a nested object is no field of the form: the schema refuses the value as usual.
    expect((await request('/api/checkins', jsonPost({ ...form }, di.token))).status).toBe(201);
  });

  it('answers 405 with Allow: POST to other methods on /api/me/*, before asking for a link', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'GET']) {
      const res = await request('/api/me/withdrawals', { method, headers: { Accept: 'application/json' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect((await errorOf(res)).message).toMatch(/POST/);
    }
    const form = await request('/api/checkins', { method: 'PUT', headers: { Origin: ORIGIN, Accept: 'application/json' } });
    expect(form.status).toBe(405);
    expect(form.headers.get('allow')).toBe('POST');
  });
});
