/**
 * A participant's own pages speak their language (issue 15): every word on /me/ and the pages
 * beside it comes from the catalogue (rendered in the pseudo-locale, nothing else is left), the
 * language is their own choice or else their cohort's, and they change it on their page.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { signToken } from '../../worker/domain/links.ts';
import type { Locale } from '../../worker/domain/locales.ts';
import { addDays, localDate } from '../../worker/domain/weeks.ts';
import { untranslated } from '../support/pseudo.ts';
import { formPost, jsonPost, ORIGIN } from './helpers.ts';

const PSEUDO = { ...env, PSEUDO_LOCALE: 'on' };
const NAMES = ['Ada', 'Ben', 'Cy', 'Di', 'Mo'] as const;
type Name = (typeof NAMES)[number];
type People = Record<Name, { id: number; token: string }>;

/** What the fixture writes: names and answers, which are data, not messages. */
const DATA = [
  ...NAMES,
  'Pages cohort',
  'C1',
  'Europe/London',
  'Finish the thesis',
  'chapters drafted',
  'three chapters',
  'First chapter done',
  'Outlined chapter two',
  'Draft section one',
  'Write every morning',
  'Mornings are quieter',
  'Finished early',
  'Stuck on citations',
  'Too many meetings',
  'Two-minute start',
  'Start with two minutes',
  'Small steps add up',
  'Planning helps',
  'Rushing hurts',
  'Deadlines',
  'I assumed more time',
  'Video call',
  'Finish our theses',
  'No messages after 21:00',
  '8 of 10 check-ins held',
  'Ada structure, Ben encouragement',
  'One action, one win, one challenge',
  'You named one obstacle',
  'We got to the point',
  'Try a timer',
  'P1',
  'P2',
  // The library's guidance (test/worker/fixtures/guidance.json): its entries are content, not messages.
  'Asking for a Pause and Coming Back',
  'How to ask, agree a return date, and restart.',
  'Recalibrating a Micro-Goal',
  "Halve it, don't drop it.",
  'When an Action Is Missed Twice',
  'Curiosity over judgment.',
  // Each language is offered in its own name, whatever the page's language (marked with its lang).
  'Español',
  'العربية',
  // The guidance's headings come from worker/assets.ts, which the thank-you page's area translates.
  'When an action slips or something gets in the way',
  'Taking a pause, and coming back',
];

let seq = 0;

/** A cohort in `language`: Ada & Ben (P1) and Cy & Di (P2) in circle C1, Mo their mentor. */
async function makePeople(language: Locale, endsOn: string | null = null): Promise<People & { cohortId: number }> {
  const slug = `lang-${++seq}-${crypto.randomUUID().slice(0, 8)}`;
  const cohort = (await insertCohort(env.DB, { slug, name: 'Pages cohort', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2026-01-05', endsOn, publication: 'public', language }))!;
  await importRoster(
    env.DB,
    cohort.id,
    [
      { name: 'Mo', email: `mo@${slug}.example`, role: 'mentor', pair: '', circle: '' },
      ...(['Ada', 'Ben', 'Cy', 'Di'] as const).map((name, i) => ({ name, email: `${name}@${slug}.example`, role: 'mentee' as const, pair: i < 2 ? 'P1' : 'P2', circle: 'C1' })),
    ],
    '2026-01-05',
  );
  const people = { cohortId: cohort.id } as People & { cohortId: number };
  for (const p of await listLinkRecipients(env.DB, cohort.id)) {
    people[p.displayName as Name] = { id: p.id, token: await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion }) };
  }
  return people;
}

const request = (path: string, init: RequestInit = {}, bindings: object = env) => app.request(`${ORIGIN}${path}`, init, bindings);
async function posted(path: string, body: Record<string, unknown>, token: string, status = 201): Promise<number> {
  const res = await request(path, jsonPost({ idempotency_key: crypto.randomUUID(), ...body }, token));
  expect(res.status, await res.clone().text()).toBe(status);
  return ((await res.json()) as { id: number }).id;
}
const setLanguage = (id: number, language: Locale | null) => env.DB.prepare('UPDATE participants SET language = ?1 WHERE id = ?2').bind(language, id).run();
const storedLanguage = async (id: number) => (await env.DB.prepare('SELECT language FROM participants WHERE id = ?1').bind(id).first<{ language: string | null }>())!.language;

/** Something in every section of every page: check-ins, a goal and milestone, a contract, feedback, a shared strategy. */
async function fillIn(p: People): Promise<void> {
  const checkin = (extra: Record<string, string>) => ({ progress: 'Outlined chapter two', next_step: 'Draft section one', committed_action: 'Write every morning', decision_reason: 'Mornings are quieter', ...extra });
  await posted('/api/checkins', checkin({ win: 'Finished early', win_consent: 'cohort', challenge: 'Stuck on citations', challenge_to_circle: 'on', obstacles: 'Too many meetings', energy: '4', last_action_done: 'partly' }), p.Ada.token);
  await posted('/api/checkins', checkin({ needs_pause: 'on' }), p.Cy.token);
  await posted('/api/reflections', { working: 'Planning helps', not_working: 'Rushing hurts', why: 'Deadlines', assumption: 'I assumed more time', insight: 'Small steps add up', strategy_title: 'Two-minute start', strategy_body: 'Start with two minutes', consent: 'cohort' }, p.Ben.token);
  const goal = await posted('/api/goals', { what: 'Finish the thesis', measure: 'chapters drafted', target: 'three chapters', due_on: '2027-06-01' }, p.Ada.token);
  await posted('/api/me/milestones', { goal_id: String(goal), title: 'First chapter done', reached_on: '2026-02-01', consent: 'public' }, p.Ada.token);
  const contract = { purpose: 'Finish our theses', cadence_days: '7', meeting_day: 'tuesday', meeting_time: '18:30', channel: 'Video call', boundaries: 'No messages after 21:00', success_measure: '8 of 10 check-ins held', contributions: 'Ada structure, Ben encouragement', dialogue_format: 'One action, one win, one challenge', renegotiate_on: '2026-03-01', escalate_partner_after: '2', escalate_mentor_after: '3' };
  await posted('/api/contracts', contract, p.Ben.token);
  await posted('/api/contracts', { ...contract, meeting_day: 'thursday' }, p.Ben.token);
  await posted('/api/feedback', { receiver_id: String(p.Ada.id), behaviour: 'You named one obstacle', impact: 'We got to the point', next_step: 'Try a timer' }, p.Ben.token);
  await posted('/api/feedback', { receiver_id: String(p.Ben.id), behaviour: 'You named one obstacle', impact: 'We got to the point', next_step: 'Try a timer' }, p.Ada.token);
  // Cy and Di agree a contract.
  const agreed = await posted('/api/contracts', { ...contract, cadence_days: '14' }, p.Cy.token);
  await posted('/api/me/contract-confirmations', { contract_id: agreed, revision: 1 }, p.Di.token, 200);
  // Cy turns e-mail reminders off and keeps quiet hours.
  await posted('/api/me/reminders', { remind_hour: '8', quiet_from: '21', quiet_until: '7' }, p.Cy.token, 200);
}

describe('the participant’s pages in the pseudo-locale', () => {
  let p: People;
  beforeAll(async () => {
    p = await makePeople('en');
    await fillIn(p);
  });

  const pages = ['/me/', '/me/pair', '/me/circle', '/me/history', '/me/cohort'];
  for (const path of pages) {
    it(`shows no word on ${path} that is not from the catalogue`, async () => {
      for (const name of ['Ada', 'Ben', 'Cy', 'Mo'] as const) {
        const res = await request(`${path}?t=${encodeURIComponent(p[name].token)}`, { headers: { Accept: 'text/html' } }, PSEUDO);
        if (path === '/me/circle' && name === 'Mo') continue;
        expect(res.status, `${path} for ${name}`).toBe(200);
        expect(untranslated(await res.text(), DATA), `${path} for ${name}`).toEqual([]);
      }
    });
  }

  it('says in the reader’s words that a pair is in no circle', async () => {
    await env.DB.prepare('UPDATE pairs SET circle_id = NULL WHERE id = (SELECT pair_id FROM participants WHERE id = ?1)').bind(p.Di.id).run();
    const res = await request(`/me/circle?t=${encodeURIComponent(p.Di.token)}`, { headers: { Accept: 'text/html' } }, PSEUDO);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('⟦Your pair is not in a circle.');
  });

  it('writes the calendar feed’s titles and descriptions from the catalogue', async () => {
    const ics = await (await request(`/me/calendar.ics?t=${encodeURIComponent(p.Ada.token)}`, {}, PSEUDO)).text();
    const texts = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => /^(SUMMARY|DESCRIPTION)[:;]/.test(line));
    expect(texts.length).toBeGreaterThan(2);
    for (const line of texts) expect(line.slice(line.indexOf(':') + 1)).toMatch(/^⟦.*⟧$/);
  });

  it('shows no word on the page of an ended cohort that is not from the catalogue', async () => {
    const ended = await makePeople('en');
    await posted('/api/checkins', { progress: 'Outlined chapter two', next_step: 'Draft section one', committed_action: 'Write every morning', win: 'Finished early', win_consent: 'public' }, ended.Ada.token);
    await env.DB.prepare('UPDATE cohorts SET ends_on = ?1 WHERE id = ?2').bind(addDays(localDate(new Date(), 'Europe/London'), -40), ended.cohortId).run();
    const res = await request(`/me/?t=${encodeURIComponent(ended.Ada.token)}`, {}, PSEUDO);
    expect(res.status).toBe(200);
    expect(untranslated(await res.text(), DATA)).toEqual([]);
  });
});

describe('the language of a participant’s pages', () => {
  const html = async (path: string, token: string) => (await request(`${path}?t=${encodeURIComponent(token)}`)).text();

  it('is their own when they chose one: Arabic, right to left', async () => {
    const p = await makePeople('es');
    await setLanguage(p.Ada.id, 'ar');
    const me = await html('/me/', p.Ada.token);
    expect(me).toContain('<html lang="ar" dir="rtl">');
    expect(me).toContain('<h2 id="this-week">هذا الأسبوع</h2>');
    const pair = await html('/me/pair', p.Ada.token);
    expect(pair).toContain('<html lang="ar" dir="rtl">');
    expect(pair).toContain('<h1>ثنائيّنا</h1>');
  });

  it('is their cohort’s when they chose none: Spanish', async () => {
    const p = await makePeople('es');
    const me = await html('/me/', p.Ben.token);
    expect(me).toContain('<html lang="es" dir="ltr">');
    expect(me).toContain('<h2 id="this-week">Esta semana</h2>');
    expect(await html('/me/pair', p.Ben.token)).toContain('<h1>Nuestra pareja</h1>');
  });
});

describe('POST /api/me/language', () => {
  let p: People;
  beforeAll(async () => {
    p = await makePeople('es');
  });

  it('offers the choice on their page, each language in its own name', async () => {
    const me = await (await request(`/me/?t=${encodeURIComponent(p.Di.token)}`)).text();
    expect(me).toContain('action="/api/me/language"');
    expect(me).toMatch(/<option value="ar" lang="ar"[^>]*>العربية<\/option>/);
    expect(me).toMatch(/<option value="en" lang="en"[^>]*>English<\/option>/);
  });

  it('stores their choice and sends them back to their page, now in that language', async () => {
    const res = await request('/api/me/language', formPost({ token: p.Ada.token, language: 'ar' }, { Accept: 'text/html' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/me/?t=${encodeURIComponent(p.Ada.token)}`);
    expect(await storedLanguage(p.Ada.id)).toBe('ar');
    expect(await (await request(res.headers.get('Location')!)).text()).toContain('<html lang="ar" dir="rtl">');
  });

  it('goes back to the cohort’s language with an empty choice', async () => {
    await setLanguage(p.Ben.id, 'en');
    const res = await request('/api/me/language', formPost({ token: p.Ben.token, language: '' }, { Accept: 'text/html' }));
    expect(res.status).toBe(303);
    expect(await storedLanguage(p.Ben.id)).toBeNull();
    expect(await (await request(`/me/?t=${encodeURIComponent(p.Ben.token)}`)).text()).toContain('<html lang="es" dir="ltr">');
  });

  it('refuses a language Tandem does not speak, and changes nothing', async () => {
    await setLanguage(p.Cy.id, 'en');
    const res = await request('/api/me/language', jsonPost({ language: 'fr' }, p.Cy.token));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.fields.language).toBeTruthy();
    expect(await storedLanguage(p.Cy.id)).toBe('en');
  });

  it('answers JSON to a JSON post', async () => {
    const res = await request('/api/me/language', jsonPost({ language: 'en' }, p.Di.token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ language: 'en' });
    expect(await storedLanguage(p.Di.id)).toBe('en');
    expect((await request('/api/me/language', { method: 'GET' })).status).toBe(405);
  });
});
