/**
 * Issue 15's pseudo-locale check over the Worker's form pages: every form filled in for a
 * participant, a form shown again with its errors and the thank-you page with its guidance show no
 * word that did not come from a catalogue (test/support/pseudo.ts). The pages are the fixture site
 * written in the pseudo-locale (test/support/site-fixture.ts), as a pseudo build would make them.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { LOCALES } from '../../worker/domain/locales.ts';
import { FORM_LIST } from '../../worker/forms/registry.ts';
import { fixtureAssets } from '../support/site-fixture.ts';
import { untranslated } from '../support/pseudo.ts';
import { formPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

let people: Awaited<ReturnType<typeof makeCohort>>;
const pseudoEnv = { ...env, PSEUDO_LOCALE: 'on', ASSETS: fixtureAssets({ pseudo: true }) };
const request = (path: string, init: RequestInit = { headers: { Accept: 'text/html' } }) => app.request(`${ORIGIN}${path}`, init, pseudoEnv);
/** What the pages may show that is not a message: the people's and the cohort's names, their answers. */
const DATA = ['Ada', 'Ben', 'Cy', 'Di', 'Test cohort', 'Write 500 words on Tuesday morning.', 'Keep <going>', 'Tandem'];

beforeAll(async () => {
  people = await makeCohort();
  // A check-in last week to recall, and a goal to replace: the texts the Worker fills in.
  await app.request(`${ORIGIN}/api/checkins`, formPost(validCheckin({ token: people.ada.token })), env);
  await app.request(`${ORIGIN}/api/goals`, formPost({ token: people.ada.token, idempotency_key: crypto.randomUUID(), what: 'Write chapter two', measure: 'words', target: '3000', due_on: '2099-03-15' }), env);
});

describe('the pseudo-locale over the form pages', () => {
  for (const locale of LOCALES) {
    it.each(FORM_LIST.map((form) => form.page))(`%s filled in for a participant speaking ${locale} is all catalogue text`, async (page) => {
      await env.DB.prepare('UPDATE participants SET language = ?1 WHERE id = ?2').bind(locale, people.ada.id).run();
      const res = await request(`${page}?t=${people.ada.token}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`lang="${locale}"`);
      expect(untranslated(html, [...DATA, 'Write chapter two', '3000'])).toEqual([]);
    });
  }

  it('a check-in shown again with its errors is all catalogue text', async () => {
    const res = await request('/api/checkins', formPost({ token: people.ben.token, idempotency_key: 'pseudo-retry-1', progress: '', next_step: 'Keep <going>', energy: '9', committed_action: 'x'.repeat(501) }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-error-for="progress">⟦');
    expect(untranslated(html, [...DATA, 'x'.repeat(501)])).toEqual([]);
  });

  it('the thank-you page with its guidance is all catalogue text, but for the library’s own titles', async () => {
    const html = await (await request('/thanks/?sent=checkin&need=pause,setback')).text();
    expect(html).toContain('⟦');
    // Entry titles and summaries come from the library's content, not from a catalogue.
    const library = ['Asking for a Pause and Coming Back', 'How to ask, agree a return date, and restart.', 'Recalibrating a Micro-Goal', "Halve it, don't drop it.", 'When an Action Is Missed Twice', 'Curiosity over judgment.'];
    expect(untranslated(html, library)).toEqual([]);
  });
});
