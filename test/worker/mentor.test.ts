/** The mentor's dashboard through HTTP: who may open it, and what it says about each pair. */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/domain/links.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { makeCohort } from './helpers.ts';

const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};

async function checkin(who: string, week: number, pause = false, lastAction: string | null = null) {
  await env.DB.prepare(
    `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done, needs_pause)
     SELECT ?1, id, cohort_id, pair_id, ?3, 'p', 'n', 'c', ?4, ?5 FROM participants WHERE id = ?2`,
  )
    .bind(`${who}-${week}`, ids[who], week, lastAction, pause ? 1 : 0)
    .run();
}

async function pulse(who: string, week: number, score: number) {
  await env.DB.prepare(
    `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability)
     SELECT ?1, id, cohort_id, pair_id, ?3, ?4, ?4, ?4, ?4 FROM participants WHERE id = ?2`,
  )
    .bind(`pulse-${who}-${week}`, ids[who], week, score)
    .run();
}

const open = (token?: string, slug = 'dash') => SELF.fetch(`http://tandem.test/mentor/${slug}${token ? `?t=${token}` : ''}`);

beforeAll(async () => {
  // Started four weeks ago: this is week 5, and weeks 3 and 4 are the last two complete ones.
  const cohort = (await insertCohort(env.DB, { slug: 'dash', name: 'Dashboard cohort', timezone: 'UTC', cadenceDays: 7, startsOn: addDays(new Date().toISOString().slice(0, 10), -28), endsOn: null, publication: 'unlisted', language: 'en' }))!;
  const mentee = (name: string, pair: string) => ({ name, email: `${name}@dash.invalid`, role: 'mentee' as const, pair, circle: 'North' });
  await importRoster(env.DB, cohort.id, [
    { name: 'Mo', email: 'mo@dash.invalid', role: 'mentor', pair: '', circle: '' },
    mentee('Ana', 'P1'), mentee('Bea', 'P1'), // checks in every week, steady pulse
    mentee('Cal', 'P2'), mentee('Dev', 'P2'), // silent since week 2
    mentee('Eli', 'P3'), mentee('Fin', 'P3'), // asked for a pause in week 4
    mentee('Gus', 'P4'), mentee('Hal', 'P4'), // checks in, but Gus's pulse fell from 5 to 3
  ]);
  for (const p of await listLinkRecipients(env.DB, cohort.id)) {
    ids[p.displayName] = p.id;
    tokens[p.displayName] = await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
  }
  for (const week of [1, 2, 3, 4]) {
    // In week 3 Ana first says "no", then sends another check-in saying "yes": the latest counts.
    if (week === 3) await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done) SELECT 'Ana-3-first', id, cohort_id, pair_id, 3, 'p', 'n', 'c', 'no' FROM participants WHERE id = ?1`).bind(ids.Ana).run();
    await checkin('Ana', week, false, week > 1 ? 'yes' : null);
  }
  await checkin('Bea', 2, false, 'partly');
  for (const week of [1, 2]) await checkin('Cal', week);
  await checkin('Eli', 3);
  await checkin('Eli', 4, true);
  for (const week of [3, 4]) await checkin('Gus', week);
  await pulse('Ana', 1, 4);
  await pulse('Ana', 4, 4);
  await pulse('Gus', 1, 5);
  await pulse('Hal', 1, 4);
  await pulse('Gus', 4, 3);
  await env.DB.prepare(
    `INSERT INTO reflections (idempotency_key, participant_id, cohort_id, week, working, not_working, why, insight, strategy_title, strategy_body, consent)
     VALUES ('r1', ?1, ?3, 3, 'w', 'n', 'y', '', 'Kept private strategy', 'b', 'private'), ('r2', ?2, ?3, 3, 'w', 'n', 'y', '', 'Already public strategy', 'b', 'public'),
            ('r3', ?2, ?3, 4, 'w', 'n', 'y', 'An insight kept private', '', '', 'private')`,
  )
    .bind(ids.Ana, ids.Bea, cohort.id)
    .run();
});

describe('who may open the dashboard', () => {
  it('asks for the link when there is none', async () => {
    expect((await open()).status).toBe(401);
  });

  it('refuses a mentee’s token with 403', async () => {
    const res = await open(tokens.Ana);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This page is for the cohort’s mentor');
  });

  it('refuses the mentor of another cohort', async () => {
    const other = await makeCohort();
    await importRoster(env.DB, other.cohortId, [{ name: 'Zed', email: 'zed@other.invalid', role: 'mentor', pair: '', circle: '' }]);
    const zed = (await listLinkRecipients(env.DB, other.cohortId)).find((p) => p.displayName === 'Zed')!;
    const token = await signToken(env.LINK_SECRET, { participantId: zed.id, cohortId: zed.cohortId, linkVersion: zed.linkVersion });
    expect((await open(token)).status).toBe(403);
  });

  it('opens for the cohort’s mentor, privately', async () => {
    const res = await open(tokens.Mo);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toContain('<meta name="robots" content="noindex"');
  });
});

describe('what the dashboard shows', () => {
  let page = '';
  let rows: string[] = [];
  beforeAll(async () => {
    page = await (await open(tokens.Mo)).text();
    rows = page.split('<tbody>')[1]!.split('</tbody>')[0]!.split('</tr>').slice(0, -1);
  });

  it('lists pairs at risk first, each with its reason, and the pair on track last', () => {
    expect(page).toContain('Week 5 · 4 pairs · 3 at risk');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain('P1');
    expect(rows[3]).toContain('On track');
    const reasons = Object.fromEntries(rows.slice(0, 3).map((r) => [/>(P\d)</.exec(r)![1], /At risk:<\/strong> ([^<]*)/.exec(r)![1]]));
    expect(reasons).toEqual({
      P2: 'No check-in in weeks 3 and 4',
      P3: 'Asked for a pause in week 4',
      P4: 'Gus’s pulse fell from 5.0 to 3.0 (week 1 → week 4)', // Hal answered once: no drop of his own
    });
  });

  it('shows each pair’s last check-in, actions completed and latest pulse', () => {
    // P1: Ana yes in weeks 2–4 (week 3: her later answer), Bea partly in week 2: 3.5 of 4.
    expect(rows[3]).toContain('>Week 4</td>');
    expect(rows[3]).toContain('>3.5 of 4 (88%)</td>');
    expect(rows[3]).toContain('>4.0 of 5 (week 4)</td>');
    expect(rows.find((r) => r.includes('>P3<'))).toContain('Week 4 (paused)');
  });

  it('lists insights and strategies kept private, waiting for their author’s consent decision', () => {
    expect(page).toContain('Kept private strategy');
    expect(page).toContain('An insight kept private');
    expect(page).not.toContain('Already public strategy');
  });
});

describe('what a mentor needs to act on', () => {
  let page = '';
  let csv = '';
  const row = (pair: string) => page.split('<tbody>')[1]!.split('</tr>').find((r) => r.includes(`>${pair}<`))!;

  beforeAll(async () => {
    // A private cohort of four, paired since its first week, now in its sixth week (weeks 3–5 complete).
    const startsOn = addDays(new Date().toISOString().slice(0, 10), -35);
    const cohort = (await insertCohort(env.DB, { slug: 'act', name: 'Acting cohort', timezone: 'UTC', cadenceDays: 7, startsOn, endsOn: null, publication: 'private', language: 'en' }))!;
    const mentee = (name: string, pair: string) => ({ name, email: `${name}@act.invalid`, role: 'mentee' as const, pair, circle: '' });
    await importRoster(env.DB, cohort.id, [{ name: 'Mia', email: 'mia@act.invalid', role: 'mentor', pair: '', circle: '' }, mentee('Ivy', 'Q1'), mentee('Jo', 'Q1'), mentee('Kai', 'Q2'), mentee('Lu', 'Q2')], startsOn);
    for (const p of await listLinkRecipients(env.DB, cohort.id)) {
      ids[p.displayName] = p.id;
      tokens[p.displayName] = await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
    }
    const checkin = (who: string, week: number, fields: { last?: string; energy?: number; challenge?: string } = {}) =>
      env.DB.prepare(
        `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, pair_id, week, progress, next_step, committed_action, last_action_done, energy, challenge)
         SELECT ?1, id, cohort_id, pair_id, ?3, 'p', 'n', 'c', ?4, ?5, ?6 FROM participants WHERE id = ?2`,
      )
        .bind(`${who}-act-${week}`, ids[who], week, fields.last ?? null, fields.energy ?? null, fields.challenge ?? '')
        .run();
    // Q1: Ivy checks in every week with falling energy and actions not done; Jo is silent.
    for (const [week, energy] of [[1, 5], [2, 5], [3, 4], [4, 3], [5, 2]] as const) await checkin('Ivy', week, { last: week > 1 ? 'no' : undefined, energy });
    await checkin('Ivy', 6, { challenge: 'Ivy-challenge-this-week' });
    // Q2: both check in; an agreed contract whose review date has passed.
    for (const week of [1, 2, 3, 4, 5]) for (const who of ['Kai', 'Lu']) await checkin(who, week, { last: week > 1 ? 'yes' : undefined });
    const contract = await env.DB.prepare(
      `INSERT INTO contracts (idempotency_key, participant_id, cohort_id, pair_id, version, week, purpose, cadence_days, meeting_day, meeting_time, channel, boundaries, success_measure, contributions, dialogue_format, renegotiate_on)
       SELECT 'act-contract', id, cohort_id, pair_id, 1, 1, 'p', 7, 'monday', '09:00', 'c', 'b', 's', 'c', 'd', ?2 FROM participants WHERE id = ?1 RETURNING id`,
    ).bind(ids.Kai, addDays(startsOn, 14)).first<{ id: number }>();
    for (const who of ['Kai', 'Lu']) await env.DB.prepare('INSERT INTO contract_confirmations (contract_id, participant_id, revision) VALUES (?1, ?2, 1)').bind(contract!.id, ids[who]).run();
    await env.DB.prepare(
      `INSERT INTO feedback (idempotency_key, participant_id, receiver_id, cohort_id, pair_id, week, behaviour, impact, next_step, usefulness)
       VALUES ('act-f1', ?1, ?2, ?3, NULL, 2, 'You asked three questions', 'I saw my plan clearly', 'Ask them again next week', 4), ('act-f2', ?1, ?2, ?3, NULL, 3, 'ok', 'good', 'more', NULL)`,
    ).bind(ids.Kai, ids.Lu, cohort.id).run();
    await env.DB.prepare(
      `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability, comment)
       SELECT 'act-pulse', id, cohort_id, pair_id, 4, 4, 4, 4, 4, 'Lu-pulse-comment' FROM participants WHERE id = ?1`,
    ).bind(ids.Lu).run();
    await env.DB.prepare(
      `INSERT INTO program_feedback (idempotency_key, participant_id, cohort_id, week, cadence_fit, tools, expectations, suggestion)
       SELECT 'act-program', id, cohort_id, 4, 'too-often', 't', 'e', 'Kai-suggestion' FROM participants WHERE id = ?1`,
    ).bind(ids.Kai).run();
    page = await (await open(tokens.Mia, 'act')).text();
    const res = await SELF.fetch(`http://tandem.test/mentor/act/pairs.csv?t=${tokens.Mia}`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    csv = await res.text();
  });

  it('states each new reason a pair is at risk, in words', () => {
    const q1 = row('Q1');
    expect(q1).toContain('No agreed contract by its second week (week 2)');
    expect(q1).toContain('Actions completed under half for three weeks (weeks 3–5)');
    expect(q1).toContain('Ivy’s energy fell at each of their last three check-ins (4 → 3 → 2)');
    expect(q1).toContain('Jo has not checked in for weeks 4 and 5, while Ivy did');
    const q2 = row('Q2');
    expect(q2).toMatch(/Its contract’s review date, \d{1,2} [A-Z][a-z]+, has passed/); // the date as the mentor's language writes it
    expect(q2).not.toContain('No agreed contract');
  });

  it('shows the contract’s state, engagement, feedback and energy per pair', () => {
    expect(row('Q1')).toContain('>None yet</td>');
    expect(row('Q2')).toMatch(/Version 1 agreed, review on/);
    // Q1: Ivy 5 of 5 weeks, Jo 0 of 5. Q2: 10 of 10.
    expect(row('Q1')).toContain('>5 of 10 (50%)</td>');
    expect(row('Q2')).toContain('>10 of 10 (100%)</td>');
    // Kai gave one complete piece of two, rated 4 once.
    expect(row('Q2')).toContain('>1 of 2 (50%)</td>');
    expect(row('Q2')).toContain('>4.0 of 5</td>');
    expect(row('Q1')).toContain('Ivy: 4 → 3 → 2');
  });

  it('shows this week’s challenges, pulse comments and program feedback', () => {
    expect(page).toContain('Ivy-challenge-this-week');
    expect(page).toContain('Lu-pulse-comment');
    expect(page).toContain('Kai-suggestion');
  });

  it('shows a private cohort of four its figures, small groups included', () => {
    expect(page).toContain('This cohort is private');
    expect(page).toMatch(/<dt>Engagement<\/dt><dd>\d+ of \d+ \(\d+%\)<\/dd>/);
  });

  it('downloads the pairs’ table as CSV, with a header and one row a pair', () => {
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Pair,Members,Circle,Contract,Last check-in,Engagement,Actions completed,Complete feedback,Feedback usefulness,Energy (last three check-ins),Last reminder · nudge,Latest pulse,Status');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('Jo has not checked in for weeks 4 and 5');
  });

  it('writes no cell a spreadsheet would run as a formula', async () => {
    await env.DB.prepare("UPDATE participants SET display_name = '=Jo' WHERE id = ?1").bind(ids.Jo).run();
    try {
      const text = await (await SELF.fetch(`http://tandem.test/mentor/act/pairs.csv?t=${tokens.Mia}`)).text();
      expect(text).toContain("'=Jo & Ivy");
      expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
    } finally {
      await env.DB.prepare("UPDATE participants SET display_name = 'Jo' WHERE id = ?1").bind(ids.Jo).run();
    }
  });

  it('keeps the CSV to the cohort’s mentor', async () => {
    expect((await SELF.fetch(`http://tandem.test/mentor/act/pairs.csv?t=${tokens.Ivy}`)).status).toBe(403);
  });
});
