/**
 * A corpus of hostile input. Each case is answered with the right 4xx and stores nothing, or is
 * stored exactly as sent and shown escaped on the participant's page. (The shared rules of every
 * endpoint are in endpoints.test.ts, the basic token and body cases in checkins.test.ts.)
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { readToken, signToken } from '../../worker/domain/links.ts';
import { app } from '../../worker/app.ts';
import { countRows, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

type People = Awaited<ReturnType<typeof makeCohort>>;
let people: People;
const encoder = new TextEncoder();
const request = (path: string, init: RequestInit) => app.request(`${ORIGIN}${path}`, init, env);
const errorOf = async (res: Response) => (await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>()).error;

/** A same-origin post of raw bytes with a content type, answered in JSON. */
function rawPost(body: BodyInit, contentType?: string, token = people.ada.token): RequestInit {
  const headers: Record<string, string> = { Origin: ORIGIN, Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (contentType) headers['Content-Type'] = contentType;
  return { method: 'POST', body, headers };
}

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...encoder.encode(p)] : p)));
const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const multipart = (boundary: string, ...parts: [string, string | number[]][]) =>
  bytes(...parts.flatMap(([name, value]) => [`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, value, '\r\n']), `--${boundary}--\r\n`);

beforeAll(async () => {
  people = await makeCohort();
});

describe('text that is stored exactly as sent and shown escaped', () => {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

  it.each([
    ['a script element', '<script>alert(document.cookie)</script>'],
    ['an image with an event handler', '<img src=x onerror="alert(1)">'],
    ['an attribute break-out', '"><svg onload=alert(1)>'],
    ['a closing textarea and an entity', '</textarea>&lt;b&gt;'],
    ['an SQL injection', "x'); DROP TABLE goals; --"],
    ['an SQL tautology', '" OR 1=1 --'],
    ['a template expression', '{{constructor.constructor("alert(1)")()}} ${7*7}'],
    ['right-to-left override, zero-width joiners and emoji', 'abc\u202Edef\u200D👩‍👩‍👧 ✓'],
    ['tabs and line breaks', 'one\ttwo\r\nthree\nfour'],
    ['a lone U+FFFD sent on purpose', 'broken \uFFFD here'],
  ])('%s', async (_name, text) => {
    const goal = { idempotency_key: crypto.randomUUID(), what: text, measure: 'words written', target: '3,000 words', due_on: '2026-02-15' };
    const res = await request('/api/goals', jsonPost(goal, people.ben.token));
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: number }>();
    const row = await env.DB.prepare('SELECT what FROM goals WHERE id = ?1').bind(id).first<{ what: string }>();
    expect(row!.what).toBe(text);
    const page = await (await request(`/me/?t=${people.ben.token}`, {})).text();
    expect(page).toContain(`<h3>${escape(text)}</h3>`);
    if (/[<>"]/.test(text)) expect(page).not.toContain(text);
  });
});

describe('bodies that are refused with 400, naming the problem, storing nothing', () => {
  it.each([
    ['bytes that are not UTF-8, form-encoded', () => rawPost(bytes(`${urlencoded({ ...validCheckin(), token: '' })}&win=`, [0xff, 0xfe]), 'application/x-www-form-urlencoded'), 'invalid_encoding'],
    ['bytes that are not UTF-8, in JSON', () => rawPost(bytes(JSON.stringify(validCheckin()).slice(0, -1), ',"win":"', [0xc3, 0x28], '"}'), 'application/json'), 'invalid_encoding'],
    ['bytes that are not UTF-8, in multipart', () => rawPost(multipart('b0undary', ...Object.entries(validCheckin()), ['win', [0x80, 0x80]]), 'multipart/form-data; boundary=b0undary'), 'invalid_encoding'],
    ['a %-escape with no hex digits', () => rawPost(`${urlencoded(validCheckin())}&win=100%ZZ`, 'application/x-www-form-urlencoded'), 'invalid_encoding'],
    ['a %-escape that is not UTF-8', () => rawPost(`${urlencoded(validCheckin())}&win=%FF`, 'application/x-www-form-urlencoded'), 'invalid_encoding'],
    ['a %-escape cut short', () => rawPost(`${urlencoded(validCheckin())}&win=%E0%A4`, 'application/x-www-form-urlencoded'), 'invalid_encoding'],
    ['a %-escape at the very end', () => rawPost(`${urlencoded(validCheckin())}&win=%`, 'application/x-www-form-urlencoded'), 'invalid_encoding'],
    ['multipart without a boundary', () => rawPost(urlencoded(validCheckin()), 'multipart/form-data'), 'invalid_input'],
  ])('%s', async (_name, init, code) => {
    const res = await request('/api/checkins', init());
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe(code);
    expect(await countRows('checkins', people.ada.id)).toBe(0);
  });

  it.each([
    ['a NUL character', 'before\u0000after'],
    ['an escape sequence', 'red \u001b[31malert'],
    ['a backspace', 'ab\u0008c'],
    ['an unpaired surrogate', 'half \ud83d of an emoji'],
  ])('text with %s, naming the field', async (_name, text) => {
    const res = await request('/api/checkins', jsonPost(validCheckin({ progress: text }), people.ada.token));
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields)).toEqual(['progress']);
    expect(await countRows('checkins', people.ada.id)).toBe(0);
  });

  it.each([
    ['form-encoded', () => rawPost(`${urlencoded(validCheckin())}&progress=again`, 'application/x-www-form-urlencoded')],
    ['multipart', () => rawPost(multipart('b0undary', ...Object.entries(validCheckin()), ['progress', 'again']), 'multipart/form-data; boundary=b0undary')],
  ])('a field sent twice, %s', async (_name, init) => {
    const res = await request('/api/checkins', init());
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toEqual({ progress: 'Send this field once.' });
  });

  it('a file instead of text', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(validCheckin())) form.append(name, value);
    form.append('win', new File(['hello'], 'win.txt', { type: 'text/plain' }));
    const res = await request('/api/checkins', rawPost(form));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toEqual({ win: 'Files are not accepted.' });
  });

  it('a field named __proto__, which lends the body nothing (here: not a token)', async () => {
    const body = `{"__proto__":{"token":${JSON.stringify(people.ada.token)}},${JSON.stringify(validCheckin()).slice(1)}`;
    const res = await request('/api/checkins', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(await countRows('checkins', people.ada.id)).toBe(0);
  });

  it('every required field missing, each named', async () => {
    const res = await request('/api/checkins', jsonPost({}, people.ada.token));
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields).sort()).toEqual(['committed_action', 'idempotency_key', 'next_step', 'progress']);
  });
});

describe('content types that are refused with 415, storing nothing', () => {
  it.each([
    ['no Content-Type at all', undefined, /no Content-Type/],
    ['text/plain', 'text/plain', /application\/x-www-form-urlencoded/],
    ['XML', 'application/xml', /application\/json/],
    ['a form in ISO-8859-1', 'application/x-www-form-urlencoded; charset=iso-8859-1', /sent as iso-8859-1; send it as UTF-8/],
    ['JSON in UTF-16', 'application/json; charset=utf-16', /sent as utf-16; send it as UTF-8/],
    ['multipart in Windows-1252', 'multipart/form-data; boundary=x; charset="windows-1252"', /sent as windows-1252/],
  ])('%s', async (_name, contentType, message) => {
    const res = await request('/api/checkins', rawPost(bytes(urlencoded(validCheckin())), contentType));
    expect(res.status).toBe(415);
    const error = await errorOf(res);
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toMatch(message);
    expect(await countRows('checkins', people.ada.id)).toBe(0);
  });

  it.each(['utf-8', 'UTF-8', '"utf-8"', 'utf8'])('but takes charset=%s', async (charset) => {
    const res = await request('/api/checkins', rawPost(JSON.stringify(validCheckin()), `application/json; charset=${charset}`, people.di.token));
    expect(res.status).toBe(201);
  });
});

describe('tokens that are refused with 401', () => {
  const send = (token: string) => request('/api/checkins', jsonPost(validCheckin(), token));

  it.each([
    ['cut short', () => people.cy.token.slice(0, -4)],
    ['with a character added', () => `${people.cy.token}A`],
    ['with surrounding spaces inside the field', () => ` ${people.cy.token} `],
    ['signed with another secret', () => signToken('an-attacker-secret-that-is-long-enough', { participantId: people.cy.id, cohortId: people.cohortId, linkVersion: 1 })],
    ['naming another cohort', () => signToken(env.LINK_SECRET, { participantId: people.cy.id, cohortId: people.cohortId + 1000, linkVersion: 1 })],
    ['with its version edited to a later one', () => people.cy.token.replace(/^(\d+)\.1\./, '$1.2.')],
    ['of a participant who does not exist', async () => signToken(env.LINK_SECRET, { participantId: 999_999, cohortId: people.cohortId, linkVersion: 1 })],
  ])('a token %s', async (_name, make) => {
    const token = await make();
    const res = await request('/api/checkins', { method: 'POST', body: JSON.stringify({ ...validCheckin(), token }), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(await countRows('checkins', people.cy.id)).toBe(0);
  });

  it('a token replayed after its link was re-issued (the old link version)', async () => {
    const { di } = await makeCohort();
    await env.DB.prepare('UPDATE participants SET link_version = 2 WHERE id = ?1').bind(di.id).run();
    const claim = readToken(di.token)!;
    expect(claim.linkVersion).toBe(1);
    expect((await send(di.token)).status).toBe(401);
    expect(await countRows('checkins', di.id)).toBe(0);
  });
});

describe('posting as or for someone else', () => {
  it('stores a pulse for the sender’s own pair, whatever ids the body names', async () => {
    const other = await env.DB.prepare('SELECT pair_id, cohort_id FROM participants WHERE id = ?1').bind(people.di.id).first<{ pair_id: number; cohort_id: number }>();
    const pulse = { idempotency_key: crypto.randomUUID(), trust: '4', safety: '4', feedback_ease: '3', adaptability: '5', participant_id: String(people.di.id), pair_id: String(other!.pair_id) };
    const res = await request('/api/pulses', jsonPost(pulse, people.ada.token));
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: number }>();
    const row = await env.DB.prepare('SELECT participant_id, pair_id FROM pulses WHERE id = ?1').bind(id).first<{ participant_id: number; pair_id: number }>();
    const own = await env.DB.prepare('SELECT pair_id FROM participants WHERE id = ?1').bind(people.ada.id).first<{ pair_id: number }>();
    expect(row).toEqual({ participant_id: people.ada.id, pair_id: own!.pair_id });
    expect(row!.pair_id).not.toBe(other!.pair_id);
  });

  it('refuses feedback addressed to someone outside the sender’s pair and circle', async () => {
    const outsider = (await makeCohort()).ada;
    const feedback = { idempotency_key: crypto.randomUUID(), receiver_id: String(outsider.id), behaviour: 'b', impact: 'i', next_step: 'n' };
    const res = await request('/api/feedback', jsonPost(feedback, people.ada.token));
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields)).toEqual(['receiver_id']);
  });
});
