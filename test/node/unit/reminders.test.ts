/**
 * The rhythm's planner, run as the hourly cron would over days and weeks: each message is due once,
 * at the person's own hour, across timezones with odd offsets and both daylight-saving changes.
 */
import { describe, expect, it } from 'vitest';
import { dueMessages, isQuiet, localClock, type CohortState, type Ladder, type Mentee, type Recipient } from '../../../worker/domain/reminders.ts';

function person(id: number, name: string, timezone: string, extra: Partial<Mentee> = {}): Mentee {
  return { id, name, timezone, hour: 9, quiet: null, reachable: true, language: 'en', pairId: 1, circleId: 1, joinedCycle: 1, checkedIn: new Set(), lastPulse: 0, ...extra };
}

function cohort(mentees: Mentee[], options: { startsOn?: string; cadenceDays?: number; timezone?: string; endsOn?: string | null; mentor?: Recipient | null; ladder?: Ladder; paused?: Map<number, Set<number>>; webhook?: boolean } = {}): CohortState {
  return {
    cohortId: 1,
    calendar: { startsOn: options.startsOn ?? '2027-03-01', cadenceDays: options.cadenceDays ?? 7, timezone: options.timezone ?? 'Europe/London', endsOn: options.endsOn ?? null, cadenceChanges: [] },
    mentor: options.mentor ?? null,
    mentees,
    paused: options.paused ?? new Map(),
    ladders: new Map(options.ladder ? [[1, options.ladder]] : []),
    facilitator: () => null,
    channels: options.webhook ? [{ circleId: null }, { circleId: 2 }] : [],
  };
}

/** Runs the planner every hour from `from` for `hours` hours; each key is kept at the first run it was due. */
function simulate(state: CohortState, from: string, hours: number) {
  const seen = new Map<string, Date>();
  for (let h = 0; h < hours; h++) {
    const at = new Date(Date.parse(from) + h * 3_600_000);
    for (const d of dueMessages(state, at)) if (!seen.has(d.key)) seen.set(d.key, at);
  }
  return seen;
}

const ofKind = (seen: Map<string, Date>, kind: string) => [...seen].filter(([key]) => key.split(':')[2] === kind);

describe('reminders at each person’s own hour', () => {
  it.each([
    ['America/New_York', '2027-03-07', '14:00'],
    ['Europe/London', '2027-03-07', '09:00'],
    // +5:30 and +13:45: the first hourly run after 09:00 local, at 09:30 and 09:45.
    ['Asia/Kolkata', '2027-03-07', '04:00'],
    ['Pacific/Chatham', '2027-03-06', '20:00'],
  ])('in %s, once a cycle, at the first hourly run from 09:00 local on the due day (%s, %s UTC)', (timezone, utcDay, utcTime) => {
    const seen = simulate(cohort([person(1, 'Ada', timezone, { pairId: null })]), '2027-03-01T00:00:00Z', 24 * 28);
    const reminders = ofKind(seen, 'reminder');
    expect(reminders.map(([key]) => key)).toEqual(['1:1:reminder:0', '1:2:reminder:0', '1:3:reminder:0', '1:4:reminder:0']);
    expect(reminders[0]![1].toISOString()).toBe(`${utcDay}T${utcTime}:00.000Z`);
    for (const [, at] of reminders) expect(localClock(at, timezone).hour).toBe(9);
  });

  it.each([
    ['Europe/London', '2027-03-01', '2027-03-28'],
    ['America/New_York', '2027-03-01', '2027-03-14'],
    ['Europe/London', '2027-10-04', '2027-10-31'],
    ['America/New_York', '2027-10-04', '2027-11-07'],
  ])('in %s, on the day clocks change, sends the reminder once, at 09:00 local (cohort from %s, change on %s)', (timezone, startsOn, changeDay) => {
    const seen = simulate(cohort([person(1, 'Ada', timezone, { pairId: null })], { startsOn, timezone }), `${startsOn}T00:00:00Z`, 24 * 42);
    const onChangeDay = ofKind(seen, 'reminder').filter(([, at]) => localClock(at, timezone).date === changeDay);
    expect(onChangeDay).toHaveLength(1);
    expect(localClock(onChangeDay[0]![1], timezone).hour).toBe(9);
  });

  it.each([1, 7, 14])('with a cadence of %i days, reminds on each cycle’s last day', (cadenceDays) => {
    const seen = simulate(cohort([person(1, 'Ada', 'Europe/London', { pairId: null })], { cadenceDays }), '2027-03-01T00:00:00Z', 24 * 28);
    expect(ofKind(seen, 'reminder')).toHaveLength(28 / cadenceDays);
  });

  it('keeps the hour a person chose, and nothing in their quiet hours', () => {
    const early = simulate(cohort([person(1, 'Ada', 'Europe/London', { pairId: null, hour: 7 })]), '2027-03-07T00:00:00Z', 24);
    expect(ofKind(early, 'reminder')[0]![1].toISOString()).toBe('2027-03-07T07:00:00.000Z');
    const quiet = simulate(cohort([person(1, 'Ada', 'Europe/London', { pairId: null, hour: 7, quiet: { from: 22, until: 10 } })]), '2027-03-07T00:00:00Z', 24);
    expect(ofKind(quiet, 'reminder')[0]![1].toISOString()).toBe('2027-03-07T10:00:00.000Z');
    expect(isQuiet(23, { from: 22, until: 7 })).toBe(true);
    expect(isQuiet(12, { from: 22, until: 7 })).toBe(false);
  });
});

describe('what is not sent', () => {
  it('nothing to someone who checked in, a paused pair, the unreachable, or after the cohort ended', () => {
    const checkedIn = person(1, 'Ada', 'Europe/London', { checkedIn: new Set([1]) });
    const paused = person(2, 'Ben', 'Europe/London', { pairId: 2 });
    const unreachable = person(3, 'Cy', 'Europe/London', { pairId: 3, reachable: false });
    const state = cohort([checkedIn, paused, unreachable], { paused: new Map([[2, new Set([1])]]) });
    expect(ofKind(simulate(state, '2027-03-07T00:00:00Z', 24), 'reminder')).toEqual([]);
    const ended = cohort([person(4, 'Di', 'Europe/London', { pairId: null })], { endsOn: '2027-03-06' });
    expect(simulate(ended, '2027-03-07T00:00:00Z', 24).size).toBe(0);
  });
});

describe('the nudge', () => {
  it('comes once, in the evening of the due day, and says how the partner stands without quoting them', () => {
    const ada = person(1, 'Ada', 'Europe/London');
    const ben = person(2, 'Bastian', 'Europe/London', { checkedIn: new Set([1]) });
    const seen = simulate(cohort([ada, ben]), '2027-03-07T00:00:00Z', 24);
    const nudges = ofKind(seen, 'nudge');
    expect(nudges).toHaveLength(1);
    expect(nudges[0]![1].toISOString()).toBe('2027-03-07T18:00:00.000Z');
    const at = new Date('2027-03-07T23:00:00Z');
    expect(dueMessages(cohort([ada, ben]), at).find((d) => d.kind === 'nudge')!.detail).toEqual({ partnersIn: ['Bastian'] });
    expect(dueMessages(cohort([ada, { ...ben, checkedIn: new Set() }]), at).find((d) => d.key === '1:1:nudge:0')!.detail).toEqual({ partnersIn: [] });
  });
});

describe('the escalation ladder the pair agreed', () => {
  const silent = person(1, 'Ada', 'Europe/London', { lastPulse: 9 });
  const partner = person(2, 'Bastian', 'Europe/London', { checkedIn: new Set([1, 2, 3]), lastPulse: 9 });
  const mentor: Recipient = { id: 9, name: 'Mo', timezone: 'Europe/London', hour: 9, quiet: null, reachable: true, language: 'en' };

  it('tells the partner after N missed cycles and the mentor after M, each once, on the next cycle’s first day', () => {
    const state = cohort([silent, partner], { mentor, ladder: { partner: 2, facilitator: null, mentor: 3 } });
    const seen = simulate(state, '2027-03-01T00:00:00Z', 24 * 28);
    expect(ofKind(seen, 'escalation').map(([key, at]) => [key, at.toISOString().slice(0, 10)])).toEqual([
      ['2:3:escalation:1:1', '2027-03-15'],
      ['9:4:escalation:3:1', '2027-03-22'],
    ]);
  });

  it('tells nobody when the contract left the ladder off', () => {
    const seen = simulate(cohort([silent, partner], { mentor }), '2027-03-01T00:00:00Z', 24 * 28);
    expect(ofKind(seen, 'escalation')).toEqual([]);
  });
});

describe('the pulse, the digest and the webhook', () => {
  it('asks for the pulse every four cycles, and sends the mentor a digest at the start of each cycle but the first', () => {
    const mentor: Recipient = { id: 9, name: 'Mo', timezone: 'Europe/London', hour: 8, quiet: null, reachable: true, language: 'en' };
    const seen = simulate(cohort([person(1, 'Ada', 'Europe/London', { pairId: null, lastPulse: null })], { mentor }), '2027-03-01T00:00:00Z', 24 * 35);
    expect(ofKind(seen, 'pulse').map(([key]) => key)).toEqual(['1:1:pulse:0', '1:5:pulse:0']);
    expect(ofKind(seen, 'digest').map(([key]) => key)).toEqual(['9:2:digest:0', '9:3:digest:0', '9:4:digest:0', '9:5:digest:0']);
  });

  it('posts to the cohort’s webhook who has still to check in, by display name', () => {
    const state = cohort([person(1, 'Ada', 'Europe/London'), person(2, 'Bastian', 'Europe/London', { checkedIn: new Set([1]) })], { webhook: true });
    const channel = dueMessages(state, new Date('2027-03-07T10:00:00Z')).find((d) => d.kind === 'channel')!;
    expect(channel).toMatchObject({ key: 'cohort-1:1:channel:0', to: null, circle: null, detail: { missing: ['Ada'] } });
    // A circle's channel names its own members only (Ada and Bastian are in circle 1).
    expect(dueMessages(state, new Date('2027-03-07T10:00:00Z')).find((d) => d.circle === 2)).toMatchObject({ key: 'circle-2:1:channel:0', detail: { missing: [] } });
  });
});
