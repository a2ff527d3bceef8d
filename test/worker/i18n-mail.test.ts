/**
 * Mails and webhook messages in their reader's language (issue 15): a reminder in the recipient's
 * own language (theirs, else their cohort's) with the day it is due in their words, a webhook
 * message in the cohort's, and every word of every kind from the catalogues.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { setWebhook } from '../../worker/db/reminders.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { translator } from '../../worker/domain/i18n.ts';
import type { Due, MessageKind } from '../../worker/domain/reminders.ts';
import { signToken } from '../../worker/domain/links.ts';
import { app } from '../../worker/app.ts';
import { runReminders } from '../../worker/rhythm/plan.ts';
import { renderMessage, type MailContext } from '../../worker/views/mail.ts';
import { untranslated } from '../support/pseudo.ts';

const URL = 'https://tandem.test/x?t=1';
const links = { checkin: URL, me: URL, pulse: URL, dashboard: URL, unsubscribe: 'https://tandem.test/unsubscribe?t=1' };

/** A message's plain text as a page, line by line, for the pseudo-locale check. */
const asPage = (text: string) => text.split('\n').map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');

describe('every kind of message in the pseudo-locale', () => {
  const t = translator('en', { pseudo: true });
  const due = (kind: MessageKind, detail: Due['detail'] = {}, step = 0): Due => ({ key: kind, kind, cycle: 3, to: kind === 'channel' ? null : 1, circle: null, about: null, step, detail, dueOn: '2027-03-21' });
  const ctx: MailContext = {
    t,
    cohortName: 'Pseudo cohort',
    recipientName: 'Ada',
    aboutName: 'Ben',
    digest: { week: 2, received: { part: 3, whole: 4 }, atRisk: [{ pair: 'P1', members: 'Ada & Ben', risks: [{ key: 'mentor.risk.pause', values: { week: 2 } }] }] },
    links,
  };
  const DATA = ['Pseudo cohort', 'Ada', 'Ben', 'Cy', 'P1', 'Ada & Ben', URL, links.unsubscribe];
  const cases: [string, Due, MailContext][] = [
    ['a reminder', due('reminder'), ctx],
    ['a nudge, a partner in', due('nudge', { partnersIn: ['Ben'] }), ctx],
    ['a nudge, no one in', due('nudge', { partnersIn: [] }), ctx],
    ['an escalation to the partner', due('escalation', { missed: 2 }, 1), ctx],
    ['an escalation to the mentor', due('escalation', { missed: 3 }, 3), ctx],
    ['a pulse', due('pulse'), ctx],
    ['a digest', due('digest'), ctx],
    ['a digest of a calm week with no figures', due('digest'), { ...ctx, digest: { week: 2, received: null, atRisk: [] } }],
    ['a channel message, someone missing', due('channel', { missing: ['Cy'] }), ctx],
    ['a channel message, everyone in', due('channel', { missing: [] }), ctx],
  ];

  it.each(cases)('%s', (_, d, context) => {
    const message = renderMessage(d, context);
    expect(message.subject).toMatch(/^⟦.*⟧$/);
    expect(untranslated(asPage(message.text), DATA)).toEqual([]);
    if (d.to !== null) expect(untranslated(message.html, DATA)).toEqual([]);
  });
});

describe('a Spanish cohort with one participant set to Arabic', () => {
  let lines: { kind: string; to: string | null; subject: string; text: string; html: string }[] = [];
  let adaToken = '';

  beforeAll(async () => {
    // Weeks run Monday to Sunday from 1 March 2027, Madrid time: week 1's check-in is due on Sunday 7 March.
    const cohort = (await insertCohort(env.DB, { slug: 'mail-es', name: 'Cohorte de prueba', timezone: 'Europe/Madrid', cadenceDays: 7, startsOn: '2027-03-01', endsOn: null, publication: 'private', language: 'es' }))!;
    const entry = (name: string, role: 'mentee' | 'mentor' = 'mentee') => ({ name, email: `${name.toLowerCase()}@mail-es.example`, role, pair: role === 'mentee' ? 'P1' : '', circle: role === 'mentee' ? 'C1' : '' });
    await importRoster(env.DB, cohort.id, [entry('Mo', 'mentor'), entry('Ada'), entry('Ben')], '2027-03-01');
    const ada = (await listLinkRecipients(env.DB, cohort.id)).find((p) => p.displayName === 'Ada')!;
    await env.DB.prepare(`UPDATE participants SET language = 'ar' WHERE id = ?1`).bind(ada.id).run();
    adaToken = await signToken(env.LINK_SECRET, { participantId: ada.id, cohortId: ada.cohortId, linkVersion: ada.linkVersion });
    await setWebhook(env.DB, 'mail-es', 'https://hooks.slack.com/services/T/B/es');
    await runReminders(env.DB, new Date('2027-03-07T09:17:00Z'), { baseUrl: 'https://tandem.test', linkSecret: env.LINK_SECRET, cohort: 'mail-es' });
    const { results } = await env.DB.prepare(
      `SELECT m.kind, p.display_name AS "to", m.subject, m.text, m.html FROM messages m LEFT JOIN participants p ON p.id = m.participant_id WHERE m.cohort_id = ?1 ORDER BY m.id`,
    )
      .bind(cohort.id)
      .all<(typeof lines)[number]>();
    lines = results;
  });

  it('reminds the Arabic participant in Arabic, right to left, with the day it is due in Arabic', () => {
    const reminder = lines.find((l) => l.kind === 'reminder' && l.to === 'Ada')!;
    expect(reminder.subject).toBe('متابعتك للأسبوع 1 مستحقة اليوم');
    expect(reminder.text).toContain(translator('ar').date('2027-03-07', 'weekday'));
    expect(reminder.text).toContain('https://tandem.test/unsubscribe?t=');
    expect(reminder.html).toContain('<html lang="ar" dir="rtl">');
  });

  it('reminds the others in their cohort’s Spanish', () => {
    const reminder = lines.find((l) => l.kind === 'reminder' && l.to === 'Ben')!;
    expect(reminder.subject).toBe('Tu check-in de la semana 1 vence hoy');
    expect(reminder.text).toContain('Hola, Ben:');
    expect(reminder.text).toContain('domingo, 7 de marzo');
    expect(reminder.html).toContain('<html lang="es" dir="ltr">');
  });

  it('writes the cohort’s webhook message in Spanish', () => {
    const channel = lines.find((l) => l.kind === 'channel')!;
    expect(channel.text).toContain('Cohorte de prueba: los check-ins de la semana 1 vencen hoy, domingo, 7 de marzo.');
    expect(channel.text).toContain('Aún falta el check-in de: Ada y Ben.');
  });

  it('asks the Arabic participant in Arabic before unsubscribing, whatever the browser says', async () => {
    const res = await app.request(`https://tandem.test/unsubscribe?t=${adaToken}`, { headers: { 'Accept-Language': 'es' } }, env);
    const page = await res.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<button type="submit">إيقاف تذكيراتي</button>');
  });

  it('writes the unsubscribe pages from the catalogues only', async () => {
    const pseudo = { ...env, PSEUDO_LOCALE: 'on' } as unknown as Env;
    const asked = await (await app.request(`https://tandem.test/unsubscribe?t=${adaToken}`, {}, pseudo)).text();
    expect(untranslated(asked, ['Ada', 'Cohorte de prueba'])).toEqual([]);
    const stopped = await app.request(`https://tandem.test/unsubscribe?t=${adaToken}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, pseudo);
    expect(stopped.status).toBe(200);
    expect(untranslated(await stopped.text())).toEqual([]);
  });
});
