/**
 * The inside of the partnership through HTTP: the pair's page, the circle's page and each
 * person's history show a participant's words to exactly the people their consent names — their
 * partners for the weeks they were partners, their circle for what they asked the circle, their
 * mentor — and to nobody else: not another pair, not another circle, not another cohort.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster, type RosterEntry } from '../../worker/db/roster.ts';
import { storeCheckin, storeReflection } from '../../worker/db/submissions.ts';
import { signToken } from '../../worker/domain/links.ts';
import { cycleAt } from '../../worker/domain/weeks.ts';
import { checkinSchema } from '../../worker/forms/checkin.ts';
import { reflectionSchema } from '../../worker/forms/reflection.ts';
import { formPost, jsonPost, makeCohort, ORIGIN } from './helpers.ts';

const page = async (path: string) => {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { Accept: 'text/html' } }, env);
  return { status: res.status, html: await res.text() };
};
const post = (path: string, body: Record<string, unknown>, token: string) => app.request(`${ORIGIN}${path}`, jsonPost(body, token), env);

const NAMES = ['Ada', 'Ben', 'Cy', 'Di', 'Eve', 'Fay'] as const;
type Name = (typeof NAMES)[number] | 'Mo';
let slug = '';
let tokens: Record<Name, string>;
let ids: Record<Name, number>;
let week = 0;

function roster(pairs: Record<string, [string, string]>): RosterEntry[] {
  const circleOf: Record<string, string> = { P1: 'C1', P2: 'C1', P3: 'C2' };
  const entries: RosterEntry[] = [{ name: 'Mo', email: `mo@${slug}.example`, role: 'mentor', pair: '', circle: '' }];
  for (const [pair, members] of Object.entries(pairs)) for (const name of members) entries.push({ name, email: `${name.toLowerCase()}@${slug}.example`, role: 'mentee', pair, circle: circleOf[pair]! });
  return entries;
}

/** Stores a check-in for `name` in `inWeek`, as the Worker would, with text that names its author and week. */
async function checkin(name: Name, inWeek: number, extra: Record<string, unknown> = {}) {
  const participant = (await getParticipant(env.DB, ids[name]))!;
  const input = checkinSchema.parse({
    idempotency_key: crypto.randomUUID(),
    progress: `${name}-progress-w${inWeek}`,
    next_step: `${name}-next-w${inWeek}`,
    committed_action: `${name}-action-w${inWeek}`,
    challenge: `${name}-challenge-w${inWeek}`,
    decision_reason: `${name}-reason-w${inWeek}`,
    ...extra,
  });
  return storeCheckin(env.DB, participant, inWeek, input);
}

let cohortId = 0;

beforeAll(async () => {
  slug = `pairs-${crypto.randomUUID().slice(0, 8)}`;
  const cohort = (await insertCohort(env.DB, { slug, name: 'Pair pages', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
  cohortId = cohort.id;
  // Paired since the cohort's first week.
  await importRoster(env.DB, cohort.id, roster({ P1: ['Ada', 'Ben'], P2: ['Cy', 'Di'], P3: ['Eve', 'Fay'] }), '2026-01-05');
  week = cycleAt({ ...cohort }, new Date());
  const people = await listLinkRecipients(env.DB, cohort.id);
  tokens = {} as typeof tokens;
  ids = {} as typeof ids;
  for (const p of people) {
    ids[p.displayName as Name] = p.id;
    tokens[p.displayName as Name] = await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
  }
  await checkin('Ada', week - 2);
  await checkin('Ada', week - 1, { last_action_done: 'partly' });
  await checkin('Ada', week, { last_action_done: 'yes', challenge_to_circle: 'on' });
});

describe('the pair’s page', () => {
  it('shows a partner this week’s check-in, answer by answer, and says who has not checked in yet', async () => {
    const { status, html } = await page(`/me/pair?t=${tokens.Ben}`);
    expect(status).toBe(200);
    for (const text of [`Ada-progress-w${week}`, `Ada-action-w${week}`, `Ada-challenge-w${week}`, `Ada-reason-w${week}`]) expect(html).toContain(text);
    expect(html).toMatch(/You have not checked in yet this week \(due \w+day \d+ \w+\)/);
  });

  it('keeps a board of each week’s action and how it went, as told in the next check-in', async () => {
    const { html } = await page(`/me/pair?t=${tokens.Ben}`);
    expect(html).toContain(`committed to “Ada-action-w${week - 2}”: partly done.`);
    expect(html).toContain(`committed to “Ada-action-w${week - 1}”: done.`);
    expect(html).toContain(`committed to “Ada-action-w${week}”: not due yet.`);
  });

  it('shows none of it to another pair, another circle or another cohort', async () => {
    const other = await makeCohort();
    for (const token of [tokens.Cy, tokens.Eve, other.ben.token]) {
      const { html } = await page(`/me/pair?t=${token}`);
      expect(html).not.toContain('Ada-');
    }
  });

  it('after a re-pair, shows the new partner only what was written from the week they were paired', async () => {
    const repaired = await makeRepairedCohort();
    // This week's check-in in full, and the board's actions week by week.
    const cy = await page(`/me/pair?t=${repaired.Cy}`);
    expect(cy.html).toContain(`Ada-progress-w${repaired.week}`);
    expect(cy.html).toContain(`Ada-action-w${repaired.week}`);
    expect(cy.html).not.toContain(`Ada-action-w${repaired.week - 1}`);
    const ben = await page(`/me/pair?t=${repaired.Ben}`);
    expect(ben.html).toContain(`Ada-action-w${repaired.week - 1}`);
    expect(ben.html).not.toContain(`Ada-action-w${repaired.week}`);
    expect(ben.html).not.toContain(`Ada-progress-w${repaired.week}`);
    const ada = await page(`/me/pair?t=${repaired.Ada}`);
    expect(ada.html).toContain(`Ada-action-w${repaired.week - 1}`);
    expect(ada.html).toContain(`Ada-progress-w${repaired.week}`);
  });

  it('lets a partner congratulate a milestone once, which the other sees; nobody else can', async () => {
    const goal = await post('/api/goals', { idempotency_key: crypto.randomUUID(), what: 'Run 5 km', measure: 'km run', target: '5 km', due_on: '2027-06-01' }, tokens.Ada);
    const { id: goalId } = await goal.json<{ id: number }>();
    await post('/api/me/milestones', { idempotency_key: crypto.randomUUID(), goal_id: goalId, title: 'First 2 km', reached_on: '2026-12-01' }, tokens.Ada);
    const { id: milestoneId } = (await env.DB.prepare('SELECT id FROM milestones WHERE goal_id = ?1').bind(goalId).first<{ id: number }>())!;
    expect((await post('/api/me/congratulations', { milestone_id: milestoneId }, tokens.Cy)).status).toBe(404);
    expect((await post('/api/me/congratulations', { milestone_id: milestoneId }, tokens.Ada)).status).toBe(404);
    expect((await post('/api/me/congratulations', { milestone_id: milestoneId }, tokens.Ben)).status).toBe(200);
    const again = await app.request(`${ORIGIN}/api/me/congratulations`, formPost({ token: tokens.Ben, milestone_id: String(milestoneId) }), env);
    expect(again.status).toBe(303);
    expect(again.headers.get('Location')).toBe(`/me/pair?t=${encodeURIComponent(tokens.Ben)}`);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM congratulations WHERE milestone_id = ?1').bind(milestoneId).first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect((await page(`/me/pair?t=${tokens.Ada}`)).html).toContain('congratulated by Ben');
    expect((await page(`/me/pair?t=${tokens.Ben}`)).html).toContain('you congratulated Ada');
  });
});

describe('the circle’s page', () => {
  it('lists the challenges members asked the circle about, to members of that circle only', async () => {
    const cy = await page(`/me/circle?t=${tokens.Cy}`);
    expect(cy.status).toBe(200);
    expect(cy.html).toContain(`Ada-challenge-w${week}`);
    expect(cy.html).toMatch(/Ben<\/li>|Ben <span/);
    const eve = await page(`/me/circle?t=${tokens.Eve}`);
    expect(eve.html).not.toContain('Ada');
    expect(eve.html).toContain('C2');
    expect((await page(`/me/circle?t=${tokens.Mo}`)).status).toBe(404);
  });

  it('shows what members shared with the cohort scrubbed of contact details, as the cohort page does', async () => {
    const ada = (await getParticipant(env.DB, ids.Ada))!;
    const input = reflectionSchema.parse({
      idempotency_key: crypto.randomUUID(), working: 'w', not_working: 'x', why: 'y',
      insight: 'Circle-insight: write me at ada.circle@mail.invalid or ring +44 20 7946 0958', consent: 'cohort',
    });
    await storeReflection(env.DB, ada, week, input, new Date());
    const { html } = await page(`/me/circle?t=${tokens.Cy}`);
    expect(html).toContain('Circle-insight: write me at [email removed] or ring [phone removed]');
    expect(html).not.toContain('ada.circle@mail.invalid');
  });

  it('names who facilitates this cycle and next, and gives the facilitator an agenda', async () => {
    const pages = await Promise.all((['Ada', 'Ben', 'Cy', 'Di'] as const).map((name) => page(`/me/circle?t=${tokens[name]}`)));
    const withAgenda = pages.filter((p) => p.html.includes('Your agenda as facilitator'));
    expect(withAgenda).toHaveLength(1);
    expect(withAgenda[0]!.html).toContain('You facilitate this cycle');
  });
});

describe('each person’s history', () => {
  it('lists everything they wrote, newest first, a page at a time', async () => {
    const { html } = await page(`/me/history?t=${tokens.Ada}`);
    expect(html.indexOf(`Ada-progress-w${week}`)).toBeLessThan(html.indexOf(`Ada-progress-w${week - 1}`));
    expect(html).not.toContain('Ben-');
    const participant = (await getParticipant(env.DB, ids.Fay))!;
    for (let i = 0; i < 11; i++) {
      const input = reflectionSchema.parse({ idempotency_key: crypto.randomUUID(), working: `Fay-working-${i}`, not_working: 'x', why: 'y' });
      await storeReflection(env.DB, participant, 1 + i, input, new Date(Date.UTC(2026, 0, 10 + i)));
    }
    const first = await page(`/me/history?t=${tokens.Fay}`);
    expect(first.html).toContain('Fay-working-10');
    expect(first.html).not.toContain('Fay-working-0<');
    expect(first.html).toContain('page 1 of 2');
    const second = await page(`/me/history?t=${tokens.Fay}&page=2`);
    expect(second.html).toContain('Fay-working-0<');
  });

  it('downloads their own data only', async () => {
    const res = await app.request(`${ORIGIN}/me/data.json?t=${tokens.Ada}`, {}, env);
    expect(res.headers.get('Content-Disposition')).toContain('attachment');
    const data = await res.json<{ participant: { id: number }; checkins: { progress: string }[] }>();
    expect(data.participant.id).toBe(ids.Ada);
    expect(data.checkins.map((c) => c.progress)).toContain(`Ada-progress-w${week}`);
    expect(JSON.stringify(data)).not.toContain('Ben-');
  });

  it('lets them start sharing a win they kept private, and stop again', async () => {
    const stored = await checkin('Di', week, { win: 'Di-win', win_consent: 'private' });
    const consent = async () => (await env.DB.prepare('SELECT win_consent FROM checkins WHERE id = ?1').bind(stored!.id).first<{ win_consent: string }>())!.win_consent;
    expect((await post('/api/me/consent', { kind: 'win', id: stored!.id, consent: 'cohort' }, tokens.Di)).status).toBe(200);
    expect(await consent()).toBe('cohort');
    expect((await post('/api/me/consent', { kind: 'win', id: stored!.id, consent: 'public' }, tokens.Cy)).status).toBe(404);
    expect((await post('/api/me/consent', { kind: 'win', id: stored!.id, consent: 'everyone' }, tokens.Di)).status).toBe(400);
    expect(await consent()).toBe('cohort');
    expect((await post('/api/me/consent', { kind: 'win', id: stored!.id, consent: 'private' }, tokens.Di)).status).toBe(200);
    expect(await consent()).toBe('private');
  });
});

describe('the mentor on their own page', () => {
  it('is pointed to the dashboard instead of being told they have no pair', async () => {
    const { html } = await page(`/me/?t=${tokens.Mo}`);
    expect(html).toContain(`/mentor/${slug}?t=`);
    expect(html).not.toContain('You are not in a pair yet');
  });
});

/** A cohort where Ada and Ben were partners until this week, when Ben and Cy swapped pairs. */
async function makeRepairedCohort() {
  const repairSlug = `repair-${crypto.randomUUID().slice(0, 8)}`;
  const cohort = (await insertCohort(env.DB, { slug: repairSlug, name: 'Re-paired', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'private', language: 'en' }))!;
  const entry = (name: string, pair: string): RosterEntry => ({ name, email: `${name}@${repairSlug}.example`, role: 'mentee', pair, circle: '' });
  await importRoster(env.DB, cohort.id, [entry('Ada', 'P1'), entry('Ben', 'P1'), entry('Cy', 'P2'), entry('Di', 'P2')], '2026-01-05');
  const now = cycleAt(cohort, new Date());
  const people = await listLinkRecipients(env.DB, cohort.id);
  const token = async (name: string) => {
    const p = people.find((x) => x.displayName === name)!;
    return signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
  };
  const ada = (await getParticipant(env.DB, people.find((x) => x.displayName === 'Ada')!.id))!;
  const write = (inWeek: number) =>
    storeCheckin(env.DB, ada, inWeek, checkinSchema.parse({ idempotency_key: crypto.randomUUID(), progress: `Ada-progress-w${inWeek}`, next_step: 'n', committed_action: `Ada-action-w${inWeek}` }));
  await write(now - 1);
  // The mentor swaps Ben and Cy this week: a re-import with today's date.
  await importRoster(env.DB, cohort.id, [entry('Ada', 'P1'), entry('Cy', 'P1'), entry('Ben', 'P2'), entry('Di', 'P2')]);
  await write(now);
  return { week: now, Ada: await token('Ada'), Ben: await token('Ben'), Cy: await token('Cy') };
}
