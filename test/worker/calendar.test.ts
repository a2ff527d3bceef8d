/**
 * The calendar feed through GET /me/calendar.ics, inside workerd (so ical-generator runs where it
 * will in production), read back with ical.js: the same address is the download and the webcal://
 * subscription, written afresh from the contract and the cohort's rhythm at each fetch. The clock
 * is set per test (only Date is faked). Cohort: weekly from Monday 2026-01-05 in London.
 */
import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { jsonPost, makeCohort, ORIGIN, type Person } from './helpers.ts';

const setClock = (iso: string) => vi.setSystemTime(new Date(iso));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setClock('2026-10-20T08:00:00Z');
});

afterEach(() => {
  vi.useRealTimers();
});

const contract = {
  purpose: 'Finish our theses by June.',
  cadence_days: '7',
  meeting_day: 'tuesday',
  meeting_time: '18:30',
  channel: 'Video call, Ada sends the link',
  boundaries: 'No messages after 21:00.',
  success_measure: '8 of 10 check-ins held.',
  contributions: 'Ada: structure. Ben: encouragement.',
  dialogue_format: 'One action, one win, one challenge.',
  renegotiate_on: '2027-03-01',
};

const post = (path: string, body: Record<string, unknown>, person: Person) => app.request(`${ORIGIN}${path}`, jsonPost({ idempotency_key: crypto.randomUUID(), ...body }, person.token), env);
const fetchFeed = (person: Person, init: RequestInit = {}) => app.request(`${ORIGIN}/me/calendar.ics?t=${encodeURIComponent(person.token)}`, init, env);
const feed = async (person: Person) => new ICAL.Component(ICAL.parse(await (await fetchFeed(person)).text()));
const eventsOf = (calendar: ICAL.Component, kind: 'checkin' | 'meeting') =>
  calendar
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c))
    .filter((e) => e.uid.includes(`-${kind}-`));

/** Ada proposes the contract and Ben confirms it. */
async function agree(ada: Person, ben: Person): Promise<void> {
  expect((await post('/api/contracts', contract, ada)).status).toBe(201);
  const { id } = (await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(ada.id).first<{ id: number }>())!;
  expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, ben)).status).toBe(200);
}

describe('GET /me/calendar.ics', () => {
  it('serves the feed for download and for a subscription, to be fetched again', async () => {
    const { ada } = await makeCohort();
    const res = await fetchFeed(ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tandem.ics"');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    expect((calendar.getFirstPropertyValue('refresh-interval') as ICAL.Duration).toSeconds()).toBe(3600);
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
    // A calendar app may check the address with HEAD first.
    const head = await fetchFeed(ada, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'text/calendar; charset=utf-8', '']);
  });

  it('refuses a bad link', async () => {
    const res = await app.request(`${ORIGIN}/me/calendar.ics?t=1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, {}, env);
    expect(res.status).toBe(401);
  });

  it('lists check-ins due with an alarm at the participant’s reminder hour', async () => {
    const { ada } = await makeCohort();
    // Tuesday 2026-10-20 is in cycle 42 (2026-10-19..25).
    const due = eventsOf(await feed(ada), 'checkin');
    expect(due.slice(0, 2).map((e) => [e.startDate.toString(), e.summary])).toEqual([
      ['2026-10-25', 'Weekly check-in due'],
      ['2026-11-01', 'Weekly check-in due'],
    ]);
    const trigger = () => due[0]!.component.getFirstSubcomponent('valarm')!.getFirstProperty('trigger')!;
    expect([trigger().getParameter('related'), trigger().getFirstValue()!.toString()]).toEqual(['START', 'PT9H']);

    const settings = await app.request(`${ORIGIN}/api/me/reminders`, jsonPost({ by_mail: 'on', remind_hour: '7' }, ada.token), env);
    expect(settings.status).toBe(200);
    const later = eventsOf(await feed(ada), 'checkin');
    expect(later[0]!.component.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')!.toString()).toBe('PT7H');
  });

  it('lists meetings once the contract is agreed, at local time across the October change, with alarms', async () => {
    const { ada, ben } = await makeCohort();
    expect(eventsOf(await feed(ada), 'meeting')).toEqual([]);
    expect((await post('/api/contracts', contract, ada)).status).toBe(201);
    expect(eventsOf(await feed(ada), 'meeting')).toEqual([]);
    const { id } = (await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(ada.id).first<{ id: number }>())!;
    expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, ben)).status).toBe(200);

    const calendar = await feed(ada);
    const meetings = eventsOf(calendar, 'meeting');
    expect(meetings.slice(0, 2).map((e) => [e.summary, e.location, e.startDate.toString(), e.startDate.zone!.tzid, e.startDate.toJSDate().toISOString()])).toEqual([
      ['Partnership meeting with Ben', 'Video call, Ada sends the link', '2026-10-20T18:30:00', 'Europe/London', '2026-10-20T17:30:00.000Z'],
      ['Partnership meeting with Ben', 'Video call, Ada sends the link', '2026-10-27T18:30:00', 'Europe/London', '2026-10-27T18:30:00.000Z'],
    ]);
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/London']);
    const alarm = meetings[0]!.component.getFirstSubcomponent('valarm')!;
    expect([alarm.getFirstPropertyValue('action'), alarm.getFirstPropertyValue('trigger')!.toString()]).toEqual(['DISPLAY', '-PT15M']);
    // Ben's feed is his own: the same meetings, under his UIDs, with Ada as his partner.
    const his = eventsOf(await feed(ben), 'meeting');
    expect([his[0]!.summary, his[0]!.uid]).toEqual(['Partnership meeting with Ada', `participant-${ben.id}-meeting-20261020@tandem`]);
  });

  it('follows a new version of the contract at the next fetch', async () => {
    const { ada, ben } = await makeCohort();
    await agree(ada, ben);
    expect(eventsOf(await feed(ada), 'meeting')[0]!.startDate.toString()).toBe('2026-10-20T18:30:00');

    // Ben proposes Thursdays at 08:00: until Ada agrees, no meeting is certain, so none is listed.
    const thursdays = { ...contract, meeting_day: 'thursday', meeting_time: '08:00' };
    expect((await post('/api/contracts', thursdays, ben)).status).toBe(201);
    expect(eventsOf(await feed(ada), 'meeting')).toEqual([]);
    const { id } = (await env.DB.prepare('SELECT id FROM contracts WHERE participant_id = ?1').bind(ben.id).first<{ id: number }>())!;
    expect((await post('/api/me/contract-confirmations', { contract_id: id, revision: 1 }, ada)).status).toBe(200);

    const meetings = eventsOf(await feed(ada), 'meeting');
    expect(meetings.slice(0, 2).map((e) => [e.uid, e.startDate.toString(), e.endDate.toString()])).toEqual([
      [`participant-${ada.id}-meeting-20261022@tandem`, '2026-10-22T08:00:00', '2026-10-22T08:30:00'],
      [`participant-${ada.id}-meeting-20261029@tandem`, '2026-10-29T08:00:00', '2026-10-29T08:30:00'],
    ]);
    expect(meetings.some((e) => e.startDate.dayOfWeek() !== ICAL.Time.THURSDAY)).toBe(false);
  });
});

describe('the participant’s page', () => {
  it('offers the subscription beside the download', async () => {
    const { ada } = await makeCohort();
    const html = await (await app.request(`${ORIGIN}/me/?t=${ada.token}`, { headers: { Accept: 'text/html' } }, env)).text();
    const feedPath = `/me/calendar.ics?t=${encodeURIComponent(ada.token)}`;
    expect(html).toContain(`<a href="webcal://tandem.test${feedPath}">Subscribe in your calendar app</a>: it stays up to date.`);
    expect(html).toContain(`<a href="${feedPath}">download the file</a> (.ics)`);
    expect(html).toContain('15 minutes before each meeting, and at 09:00 (your reminder hour) on the day a check-in is due');
  });
});
