import { describe, expect, it } from 'vitest';
import { headline, MIN_GROUP_SIZE, periodOf, shown, sumShown } from '../../../worker/domain/metrics.ts';
import { translator } from '../../../worker/domain/i18n.ts';
import { isFalling, riskReasons as reasonsOf, sayRisk, silentPartner, type PairRecord } from '../../../worker/domain/risks.ts';

/** The reasons as the English dashboard writes them. */
const riskReasons = (pair: PairRecord) => reasonsOf(pair).map((r) => sayRisk(translator('en'), r));

describe('the small-group rule', () => {
  it('hides a figure drawn from fewer than five people', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(shown({ part: 3, whole: 4, participants: 4 })).toBeNull();
    expect(shown({ part: 3, whole: 5, participants: 5 })).toEqual({ part: 3, whole: 5 });
  });

  it('shows an empty figure, which describes no one, as 0 of 0', () => {
    expect(shown({ part: 0, whole: 0, participants: 0 })).toEqual({ part: 0, whole: 0 });
  });

  it('adds up shown figures only, so a hidden one cannot be worked out from the total', () => {
    // Cohort total minus the shown figures would reveal the hidden 2 of 4.
    expect(sumShown([{ part: 5, whole: 6 }, null, { part: 6, whole: 6 }])).toEqual({ part: 11, whole: 12 });
    expect(sumShown([null, null])).toBeNull();
  });
});

describe('headline', () => {
  const items = [
    { period: 1, ratio: { part: 4, whole: 5 } },
    { period: 1, ratio: { part: 5, whole: 5 } },
    { period: 2, ratio: null },
    { period: 3, ratio: { part: 3, whole: 6 } },
  ];

  it('is the sum over shown items, with the trend between the last two complete periods that have any', () => {
    // (4 + 5 + 3) ÷ (5 + 5 + 6); latest = period 3 (3 of 6), previous = period 1 (9 of 10): period 2 is hidden.
    expect(headline(items, 3)).toEqual({ value: 12 / 16, total: { part: 12, whole: 16 }, latest: 0.5, previous: 0.9 });
  });

  it('leaves a period still under way out of the trend, but not out of the total', () => {
    expect(headline(items, 2)).toEqual({ value: 12 / 16, total: { part: 12, whole: 16 }, latest: 0.9, previous: null });
  });

  it('has no trend with one period, and no value with nothing shown', () => {
    expect(headline(items.slice(0, 2), 1).previous).toBeNull();
    expect(headline([{ period: 1, ratio: null }], 1)).toEqual({ value: null, total: null, latest: null, previous: null });
  });
});

describe('periodOf', () => {
  it('puts weeks 1–4 in period 1 and week 5 in period 2', () => {
    expect([1, 4, 5, 8, 9].map(periodOf)).toEqual([1, 1, 2, 2, 3]);
  });
});

describe('riskReasons', () => {
  const drop = (after: number) => ({ who: 'Ana', before: { week: 4, mean: 4.5 }, after: { week: 8, mean: after } });
  const calm = { missedRecentWeeks: [], pauseAskedInWeek: null, drop: drop(4) };

  it('finds nothing wrong with a pair that checks in and keeps its pulse', () => {
    expect(riskReasons(calm)).toEqual([]);
  });

  it('names two missed cycles in a row, but not one', () => {
    expect(riskReasons({ ...calm, missedRecentWeeks: [9] })).toEqual([]);
    expect(riskReasons({ ...calm, missedRecentWeeks: [9, 10] })).toEqual(['No check-in in weeks 9 and 10']);
  });

  it('names a pause', () => {
    expect(riskReasons({ ...calm, pauseAskedInWeek: 7 })).toEqual(['Asked for a pause in week 7']);
  });

  it('names a pulse drop of a whole point, and not of less', () => {
    expect(riskReasons({ ...calm, drop: drop(3.6) })).toEqual([]);
    expect(riskReasons({ ...calm, drop: drop(3.5) })).toEqual(['Ana’s pulse fell from 4.5 to 3.5 (week 4 → week 8)']);
  });

  it('names a contract not agreed by the second week, and a review date passed', () => {
    expect(riskReasons({ ...calm, noContractBy: 2, reviewPassedOn: '2026-03-01' })).toEqual([
      'No agreed contract by its second week (week 2)',
      'Its contract’s review date, 1 March, has passed',
    ]);
  });

  it('names actions under half for three weeks running, not for two, nor when one week reached half', () => {
    const score = (week: number, done: number) => ({ week, done, due: 2 });
    expect(riskReasons({ ...calm, recentActions: [score(3, 0.5), score(4, 0), score(5, 0.5)] })).toEqual(['Actions completed under half for three weeks (weeks 3–5)']);
    expect(riskReasons({ ...calm, recentActions: [score(4, 0), score(5, 0.5)] })).toEqual([]);
    expect(riskReasons({ ...calm, recentActions: [score(3, 1), score(4, 0), score(5, 0.5)] })).toEqual([]);
    expect(riskReasons({ ...calm, recentActions: [score(3, 0), { week: 4, done: 0, due: 0 }, score(5, 0)] })).toEqual([]);
  });

  it('names falling energy and a silent partner', () => {
    expect(riskReasons({ ...calm, energyFall: { who: 'Bo', energies: [5, 3, 2] }, silent: { who: 'Bo', while: 'Ana', weeks: [4, 5] } })).toEqual([
      'Bo’s energy fell at each of their last three check-ins (5 → 3 → 2)',
      'Bo has not checked in for weeks 4 and 5, while Ana did',
    ]);
  });
});

describe('isFalling', () => {
  it('wants three strictly falling energies at the end', () => {
    expect(isFalling([4, 3, 2])).toBe(true);
    expect(isFalling([5, 4, 4])).toBe(false);
    expect(isFalling([2, 5, 4, 3])).toBe(true);
    expect(isFalling([4, 3])).toBe(false);
  });
});

describe('silentPartner', () => {
  it('finds a member silent in every week while another checked in in every week', () => {
    expect(silentPartner(new Map([['Ana', [4, 5]], ['Bo', []]]), [4, 5])).toEqual({ who: 'Bo', while: 'Ana', weeks: [4, 5] });
    expect(silentPartner(new Map([['Ana', [4, 5]], ['Bo', [5]]]), [4, 5])).toBeNull();
    expect(silentPartner(new Map([['Ana', [4]], ['Bo', []]]), [4, 5])).toBeNull();
  });
});
