/**
 * The mentor's dashboard and its CSV in the mentor's language (issue 15): in the pseudo-locale no
 * word of it is written outside the catalogues, risk reasons and failures included; a Spanish or
 * Arabic mentor reads their own language, right to left in Arabic.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import type { Locale } from '../../worker/domain/locales.ts';
import { signToken } from '../../worker/domain/links.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { rosterCommand } from '../../worker/views/mentor.tsx';
import { untranslated } from '../support/pseudo.ts';
import { ORIGIN } from './helpers.ts';

const PSEUDO = { ...env, PSEUDO_LOCALE: 'on' } as unknown as Env;
const today = new Date().toISOString().slice(0, 10);

/** What people typed or chose: the only words on the dashboard that are not messages. */
const DATA = ['Dashboard i18n', 'Mo', 'Ana', 'Bea', 'Cal', 'Dev', 'Ana & Bea', 'Cal & Dev', 'P1', 'P2', 'North', 'Ana-challenge', 'Bea-comment', 'Cal-tools', 'Cal-change', 'Dev-insight', 'Email Service unavailable'];

/** A cohort five weeks in with a mentor and two pairs, in `language`; answers the mentor's link and the cohort's slug. */
async function dashboardCohort(language: Locale): Promise<{ token: string; slug: string }> {
  const slug = `dash-i18n-${language}`;
  const cohort = (await insertCohort(env.DB, { slug, name: 'Dashboard i18n', timezone: 'Europe/Madrid', cadenceDays: 7, startsOn: addDays(today, -28), endsOn: null, publication: 'public', language }))!;
  await importRoster(env.DB, cohort.id, [
    { name: 'Mo', email: 'mo@i18n.invalid', role: 'mentor', pair: '', circle: '' },
    { name: 'Ana', email: 'ana@i18n.invalid', role: 'mentee', pair: 'P1', circle: 'North' },
    { name: 'Bea', email: 'bea@i18n.invalid', role: 'mentee', pair: 'P1', circle: 'North' },
    { name: 'Cal', email: 'cal@i18n.invalid', role: 'mentee', pair: 'P2', circle: 'North' },
    { name: 'Dev', email: 'dev@i18n.invalid', role: 'mentee', pair: 'P2', circle: 'North' },
  ]);
  const people = new Map((await listLinkRecipients(env.DB, cohort.id)).map((p) => [p.displayName, p]));
  const id = (name: string) => people.get(name)!.id;
  const checkin = (who: string, week: number, energy: number, challenge = '') =>
    env.DB.prepare(
      `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done, energy, challenge)
       SELECT ?1, id, cohort_id, pair_id, ?3, 'p', 'n', 'c', 'no', ?4, ?5 FROM participants WHERE id = ?2`,
    )
      .bind(`${slug}-${who}-${week}`, id(who), week, energy, challenge)
      .run();
  // Ana checks in every week, her energy falling; Bea goes silent; P2 says nothing at all.
  for (const [week, energy] of [[1, 5], [2, 5], [3, 4], [4, 3], [5, 2]] as const) await checkin('Ana', week, energy, week === 5 ? 'Ana-challenge' : '');
  await checkin('Bea', 1, 4);
  await checkin('Bea', 2, 4);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability, comment)
       SELECT ?1, id, cohort_id, pair_id, 2, 5, 5, 5, 5, 'Bea-comment' FROM participants WHERE id = ?2`,
    ).bind(`${slug}-pulse-1`, id('Bea')),
    env.DB.prepare(
      `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability)
       SELECT ?1, id, cohort_id, pair_id, 4, 3, 3, 3, 3 FROM participants WHERE id = ?2`,
    ).bind(`${slug}-pulse-2`, id('Bea')),
    env.DB.prepare(
      `INSERT INTO program_feedback (idempotency_key, participant_id, cohort_id, pair_id, week, cadence_fit, tools, suggestion)
       SELECT ?1, id, cohort_id, pair_id, 3, 'too-often', 'Cal-tools', 'Cal-change' FROM participants WHERE id = ?2`,
    ).bind(`${slug}-program`, id('Cal')),
    env.DB.prepare(
      `INSERT INTO reflections (idempotency_key, participant_id, cohort_id, week, working, not_working, why, insight, consent)
       VALUES (?1, ?2, ?3, 3, 'w', 'n', 'y', 'Dev-insight', 'private')`,
    ).bind(`${slug}-reflection`, id('Dev'), cohort.id),
    env.DB.prepare(
      `INSERT INTO messages (key, cohort_id, participant_id, kind, cycle, channel, subject, text, status, attempts, error, created_at, sent_at)
       VALUES (?1, ?2, ?3, 'reminder', 4, 'mail', 's', 't', 'sent', 1, NULL, ?4, ?4), (?5, ?2, ?6, 'nudge', 4, 'mail', 's', 't', 'queued', 1, 'Email Service unavailable', ?4, NULL)`,
    ).bind(`${slug}-r`, cohort.id, id('Ana'), `${addDays(today, -3)}T09:00:00.000Z`, `${slug}-n`, id('Bea')),
  ]);
  const mo = people.get('Mo')!;
  return { slug, token: await signToken(env.LINK_SECRET, { participantId: mo.id, cohortId: mo.cohortId, linkVersion: mo.linkVersion }) };
}

const open = (path: string, bindings: Env = env) => app.request(`${ORIGIN}${path}`, { headers: { Accept: 'text/html' } }, bindings);

describe('the dashboard in the pseudo-locale', () => {
  let english: { token: string; slug: string };
  beforeAll(async () => {
    english = await dashboardCohort('en');
  });

  it('shows no word that is not a message or what participants wrote, risk reasons and failures included', async () => {
    const res = await open(`/mentor/${english.slug}?t=${english.token}`, PSEUDO);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('⟦At risk:⟧');
    expect(page).toContain('Email Service unavailable');
    expect(untranslated(page, [...DATA, rosterCommand(english.slug)])).toEqual([]);
  });

  it('writes the CSV’s headers and cells from the catalogues too', async () => {
    const csv = await (await open(`/mentor/${english.slug}/pairs.csv?t=${english.token}`, PSEUDO)).text();
    const [headers, ...rows] = csv.trim().split('\n');
    expect(headers!.split(',').every((h) => /^⟦.*⟧$/.test(h))).toBe(true);
    expect(rows.join('\n')).toContain('⟦Week ');
  });

  it('reads as before in English', async () => {
    const page = await (await open(`/mentor/${english.slug}?t=${english.token}`)).text();
    expect(page).toContain('Week 5 · 2 pairs · 1 at risk');
    expect(page).toContain('Ana’s energy fell at each of their last three check-ins (4 → 3 → 2)');
    expect(page).toContain('(failed: nudge to Bea: Email Service unavailable)');
  });
});

describe('the dashboard in the mentor’s language', () => {
  it('is in Spanish for a Spanish cohort’s mentor, its CSV too', async () => {
    const { slug, token } = await dashboardCohort('es');
    const page = await (await open(`/mentor/${slug}?t=${token}`)).text();
    expect(page).toContain('<html lang="es" dir="ltr">');
    expect(page).toContain('Semana 5 · 2 parejas · 1 en riesgo');
    expect(page).toContain('La energía de Ana bajó en cada uno de sus tres últimos check-ins (4 → 3 → 2)');
    expect(page).toContain('el ritmo es demasiado frecuente');
    const csv = await (await open(`/mentor/${slug}/pairs.csv?t=${token}`)).text();
    expect(csv.split('\n')[0]).toBe('Pareja,Miembros,Círculo,Contrato,Último check-in,Participación,Acciones completadas,Retroalimentación completa,Utilidad de la retroalimentación,Energía (últimos tres check-ins),Último recordatorio · aviso,Último pulso,Estado');
  });

  it('is in Arabic, right to left, for an Arabic cohort’s mentor', async () => {
    const { slug, token } = await dashboardCohort('ar');
    const page = await (await open(`/mentor/${slug}?t=${token}`)).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<h2>الثنائيات</h2>');
    // Energies read right to left: the arrow points the way.
    expect(page).toMatch(/تراجعت طاقة Ana [^<]*\(4 ← 3 ← 2\)/);
  });
});
