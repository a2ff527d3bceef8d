/**
 * A cohort whose rhythm changes (`tandem cohort set --cadence`): weekly from Monday 2026-01-05 in
 * London, every 14 days from cycle 4, as planned on Wednesday 2026-01-21 (cycle 3). Cycles: 1 01-05,
 * 2 01-12, 3 01-19, 4 01-26, 5 02-09, 6 02-23. The clock is set per test (only Date is faked).
 */
import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { loadCircles } from '../../worker/db/circles.ts';
import { getCohortBySlug, insertCohort, setCadence, type Cohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { planCadence } from '../../worker/domain/cadence.ts';
import { signToken } from '../../worker/domain/links.ts';
import { jsonPost, ORIGIN, validCheckin } from './helpers.ts';

const setClock = (iso: string) => vi.setSystemTime(new Date(iso));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A weekly cohort with Ada and Ben in pair P1 of circle C1 since its start; their links by name. */
async function weeklyCohort(): Promise<{ cohort: Cohort; tokens: Record<string, string>; ids: Record<string, number> }> {
  const slug = `rhythm-${crypto.randomUUID().slice(0, 8)}`;
  const cohort = (await insertCohort(env.DB, { slug, name: 'Rhythm', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
  const people = ['Ada', 'Ben'].map((name) => ({ name, email: `${name.toLowerCase()}@${slug}.example`, role: 'mentee' as const, pair: 'P1', circle: 'C1' }));
  await importRoster(env.DB, cohort.id, people, '2026-01-05');
  return { cohort, ...(await linksOf(cohort)) };
}

async function linksOf(cohort: Cohort): Promise<{ tokens: Record<string, string>; ids: Record<string, number> }> {
  const recipients = await listLinkRecipients(env.DB, cohort.id);
  const tokens: Record<string, string> = {};
  for (const p of recipients) tokens[p.displayName] = await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
  return { tokens, ids: Object.fromEntries(recipients.map((p) => [p.displayName, p.id])) };
}

/** Every fortnight from cycle 4, planned in cycle 3 as `tandem cohort set --cadence 14` does. */
async function everyFortnightFromCycle4(cohort: Cohort): Promise<Cohort> {
  const plan = planCadence(cohort, 14, '2026-01-21');
  expect([plan.fromCycle, plan.startsOn]).toEqual([4, '2026-01-26']);
  return (await setCadence(env.DB, cohort, plan.rhythm))!;
}

async function postCheckin(token: string): Promise<{ status: number; week?: number }> {
  const res = await app.request(`${ORIGIN}/api/checkins`, jsonPost(validCheckin(), token), env);
  return { status: res.status, week: (await res.json<{ week?: number }>()).week };
}

describe('a check-in after a change of cadence', () => {
  it('gets the week the new calendar gives, though this isolate cached the old one', async () => {
    const { cohort, tokens } = await weeklyCohort();
    setClock('2026-01-21T12:00:00Z');
    expect(await postCheckin(tokens.Ada!)).toEqual({ status: 201, week: 3 }); // caches the weekly calendar
    await everyFortnightFromCycle4(cohort);
    expect(await postCheckin(tokens.Ben!)).toEqual({ status: 201, week: 3 }); // the cycle under way keeps its length
    setClock('2026-02-08T12:00:00Z'); // the last day of cycle 4: week 5 by the weekly calendar
    expect(await postCheckin(tokens.Ada!)).toEqual({ status: 201, week: 4 });
    setClock('2026-02-10T12:00:00Z'); // cycle 5 began on 02-09: week 6 by the weekly calendar
    expect(await postCheckin(tokens.Ben!)).toEqual({ status: 201, week: 5 });
  });

  it('leaves every stored week as it was', async () => {
    const { cohort, tokens } = await weeklyCohort();
    for (const [day, who] of [['2026-01-07', 'Ada'], ['2026-01-14', 'Ben'], ['2026-01-21', 'Ada']] as const) {
      setClock(`${day}T12:00:00Z`);
      expect((await postCheckin(tokens[who]!)).status).toBe(201);
    }
    const weeks = () => env.DB.prepare('SELECT week FROM checkins WHERE cohort_id = ?1 ORDER BY id').bind(cohort.id).all<{ week: number }>();
    const before = (await weeks()).results;
    expect(before.map((r) => r.week)).toEqual([1, 2, 3]);
    await everyFortnightFromCycle4(cohort);
    expect((await weeks()).results).toEqual(before);
  });
});

describe('roles across a change of cadence', () => {
  it('count a late joiner in from the cycle the new calendar puts their first day in', async () => {
    const { cohort } = await weeklyCohort();
    const changed = await everyFortnightFromCycle4(cohort);
    // Cy joins pair P1 on 02-09: cycle 5 now (it would be cycle 6 by the weekly calendar).
    await importRoster(env.DB, cohort.id, [{ name: 'Cy', email: `cy@${cohort.slug}.example`, role: 'mentee', pair: 'P1', circle: 'C1' }], '2026-02-09');
    const roles = async (week: number) => {
      const { circles } = await loadCircles(env.DB, changed, week);
      return { facilitator: circles[0]!.facilitator, members: circles[0]!.pairs[0]!.members };
    };
    // Observers by turn: Ada (1), Ben (2), Ada (3), Ben (4), then Cy, next in line, in cycle 5.
    expect(await roles(4)).toEqual({ facilitator: 'Ben', members: [{ name: 'Ada', role: 'reporter' }, { name: 'Ben', role: 'observer' }, { name: 'Cy', role: null }] });
    expect(await roles(5)).toEqual({ facilitator: 'Cy', members: [{ name: 'Ada', role: 'reporter' }, { name: 'Ben', role: 'member' }, { name: 'Cy', role: 'observer' }] });
    const membership = await env.DB.prepare('SELECT from_week FROM pair_memberships WHERE participant_id = (SELECT id FROM participants WHERE email = ?1)').bind(`cy@${cohort.slug}.example`).first<{ from_week: number }>();
    expect(membership?.from_week).toBe(5);
  });
});

describe('the calendar file across a change of cadence', () => {
  it('puts check-ins due on the last day of each cycle, fortnightly from the change on', async () => {
    const { cohort, tokens } = await weeklyCohort();
    await everyFortnightFromCycle4(cohort);
    setClock('2026-01-21T12:00:00Z');
    const res = await app.request(`${ORIGIN}/me/calendar.ics?t=${tokens.Ada}`, {}, env);
    expect(res.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.slice(0, 4).map((e) => [e.startDate.toString(), e.summary])).toEqual([
      ['2026-01-25', 'Weekly check-in due'],
      ['2026-02-08', 'Check-in due'],
      ['2026-02-22', 'Check-in due'],
      ['2026-03-08', 'Check-in due'],
    ]);
    expect((await getCohortBySlug(env.DB, cohort.slug))!.cadenceChanges).toEqual([{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 }]);
  });
});
