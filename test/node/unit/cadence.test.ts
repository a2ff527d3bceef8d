import { describe, expect, it } from 'vitest';
import { cadenceChangesJson, describeRhythm, planCadence, readCadenceChanges } from '../../../worker/domain/cadence.ts';
import { translator } from '../../../worker/domain/i18n.ts';
import { addDays, cycleOn, cycleStart, type Rhythm } from '../../../worker/domain/weeks.ts';

/** Weekly from Monday 2026-01-05: cycle 3 runs 01-19 … 01-25. */
const weekly: Rhythm = { startsOn: '2026-01-05', cadenceDays: 7, cadenceChanges: [] };

describe('planCadence', () => {
  it('takes effect from the next cycle, so the cycle under way keeps its length', () => {
    const plan = planCadence(weekly, 14, '2026-01-21');
    expect(plan).toMatchObject({ fromCycle: 4, startsOn: '2026-01-26', replaced: [], unchanged: false });
    expect(plan.rhythm).toEqual({ ...weekly, cadenceChanges: [{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 }] });
    expect(cycleStart(plan.rhythm, 5)).toBe('2026-02-09');
  });

  it('leaves the cycle under way alone even on its first day', () => {
    expect(planCadence(weekly, 3, '2026-01-19')).toMatchObject({ fromCycle: 4, startsOn: '2026-01-26' });
  });

  it('renumbers no day before the change', () => {
    const { rhythm, startsOn } = planCadence(weekly, 2, '2026-01-21');
    for (let date = '2025-12-20'; date < startsOn; date = addDays(date, 1)) expect(cycleOn(rhythm, date), date).toBe(cycleOn(weekly, date));
  });

  it('changes cycle 1 itself before the cohort starts, as its first cadence', () => {
    const plan = planCadence(weekly, 14, '2026-01-01');
    expect(plan).toMatchObject({ fromCycle: 1, startsOn: '2026-01-05' });
    expect(plan.rhythm).toEqual({ ...weekly, cadenceDays: 14, cadenceChanges: [] });
  });

  it('adds a second change after the first took effect', () => {
    const once = planCadence(weekly, 14, '2026-01-21').rhythm;
    // 2026-02-10 is in cycle 5 (02-09 … 02-22).
    const plan = planCadence(once, 3, '2026-02-10');
    expect(plan).toMatchObject({ fromCycle: 6, startsOn: '2026-02-23' });
    expect(plan.rhythm.cadenceChanges).toEqual([
      { fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 },
      { fromCycle: 6, startsOn: '2026-02-23', cadenceDays: 3 },
    ]);
  });

  it('replaces a change that has not begun yet, and drops it when the cadence goes back', () => {
    const planned = planCadence(weekly, 14, '2026-01-21').rhythm;
    const instead = planCadence(planned, 10, '2026-01-22');
    expect(instead.replaced).toEqual([{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 }]);
    expect(instead.rhythm.cadenceChanges).toEqual([{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 10 }]);
    const back = planCadence(planned, 7, '2026-01-22');
    expect(back).toMatchObject({ rhythm: weekly, unchanged: false });
  });

  it('says when nothing changes', () => {
    expect(planCadence(weekly, 7, '2026-01-21').unchanged).toBe(true);
    expect(planCadence(weekly, 7, '2026-01-01').unchanged).toBe(true);
  });

  it('refuses a cadence outside 1–90 days', () => {
    for (const days of [0, 91, 1.5, Number.NaN]) expect(() => planCadence(weekly, days, '2026-01-21')).toThrow(RangeError);
    expect(planCadence(weekly, 1, '2026-01-21').rhythm.cadenceChanges[0]!.cadenceDays).toBe(1);
    expect(planCadence(weekly, 90, '2026-01-21').rhythm.cadenceChanges[0]!.cadenceDays).toBe(90);
  });
});

describe('readCadenceChanges', () => {
  const changes = [
    { fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 },
    { fromCycle: 6, startsOn: '2026-02-23', cadenceDays: 3 },
  ];

  it('reads what cadenceChangesJson writes', () => {
    expect(readCadenceChanges('[]')).toEqual([]);
    expect(readCadenceChanges(cadenceChangesJson(changes))).toEqual(changes);
  });

  it.each([
    ['not a list', '{}'],
    ['out of order', cadenceChangesJson([...changes].reverse())],
    ['a cadence of 0 days', '[{"fromCycle":4,"startsOn":"2026-01-26","cadenceDays":0}]'],
    ['a date that is not one', '[{"fromCycle":4,"startsOn":"2026-02-30","cadenceDays":14}]'],
    ['text in another form than the one written (spaces)', '[{"fromCycle": 4, "startsOn": "2026-01-26", "cadenceDays": 14}]'],
  ])('refuses %s', (_, json) => {
    expect(() => readCadenceChanges(json)).toThrow(/cadence_changes/);
  });
});

describe('describeRhythm', () => {
  const changed = { ...weekly, cadenceChanges: [{ fromCycle: 4, startsOn: '2026-01-26', cadenceDays: 14 }, { fromCycle: 6, startsOn: '2026-02-23', cadenceDays: 1 }] };

  it('says how often, and from which week each change holds', () => {
    const en = translator('en');
    expect(describeRhythm(en, weekly)).toBe('every 7 days');
    expect(describeRhythm(en, changed)).toBe('every 7 days, then every 14 days from week 4 (26 January), then every 1 day from week 6 (23 February)');
  });

  it('says it in the reader’s language, with its plurals, dates and commas', () => {
    expect(describeRhythm(translator('es'), changed)).toBe('cada 7 días, luego cada 14 días desde la semana 4 (26 de enero), luego cada día desde la semana 6 (23 de febrero)');
    expect(describeRhythm(translator('ar'), changed)).toBe('كل 7 أيام، ثم كل 14 يومًا ابتداءً من الأسبوع 4 (26 يناير)، ثم كل يوم ابتداءً من الأسبوع 6 (23 فبراير)');
    expect(describeRhythm(translator('ar'), { ...weekly, cadenceDays: 2 })).toBe('كل يومين');
  });
});
