import { describe, expect, it } from 'vitest';
import { buildGoalsChartConfig, buildPulseChartConfig, buildWeeklyChartConfig } from '../../../site/charts/outcomes.ts';
import { formatRatio, formatValue, percent, trendWords } from '../../../site/lib/figures.ts';
import { translator } from '../../../worker/domain/i18n.ts';

const en = translator('en');

describe('percent', () => {
  it('gives whole percent, a half rounded up, from the counts', () => {
    expect([percent(4, 8), percent(1, 8), percent(8, 8), percent(0, 0)]).toEqual([50, 13, 100, 0]);
    // (23/40) * 100 is 57.49999999999999 in floating point; working from the counts gives 58.
    expect(percent(23, 40)).toBe(58);
  });
});

describe('formatting', () => {
  it('writes shares, means and hidden figures as a reader expects', () => {
    expect(formatRatio(en, { part: 5, whole: 6 }, 'share')).toBe('5 of 6 (83%)');
    expect(formatRatio(en, { part: 3.5, whole: 5 }, 'share')).toBe('3.5 of 5 (70%)');
    expect(formatRatio(en, { part: 18, whole: 5 }, 'mean')).toBe('3.6 of 5');
    expect(formatRatio(en, { part: 0, whole: 0 }, 'share')).toBe('—');
    expect(formatRatio(en, null, 'share')).toBe('Not enough responses to show');
    expect(formatValue(en, { part: 33, whole: 40 }, 'share')).toBe('83%');
    expect(formatValue(en, null, 'mean')).toBe('Not enough responses to show');
  });

  it('writes a headline from its counts, as its table does: 23 of 40 is 58% in both', () => {
    // As 0.575 × 100 the headline read 57%, while its table said "23 of 40 (58%)".
    const total = { part: 23, whole: 40 };
    expect(formatValue(en, total, 'share')).toBe('58%');
    expect(formatRatio(en, total, 'share')).toBe('23 of 40 (58%)');
    expect(formatValue(en, { part: 0, whole: 0 }, 'share')).toBe('Not enough responses to show');
  });

  it('says the trend in words, in points for shares', () => {
    expect(trendWords(en, { value: 0.8, total: null, latest: 0.72, previous: 0.8 }, 'share')).toBe('Down 8 points on the weeks before');
    expect(trendWords(en, { value: 4, total: null, latest: 4.1, previous: 3.7 }, 'mean')).toBe('Up 0.4 on the weeks before');
    expect(trendWords(en, { value: 1, total: null, latest: 1, previous: 1 }, 'share')).toBe('Steady on the weeks before');
    expect(trendWords(en, { value: 1, total: null, latest: 1, previous: null }, 'share')).toBe('No trend yet');
  });
});

describe('the weekly chart', () => {
  const weeks = [
    { week: 1, startsOn: '2026-09-07', engagement: { part: 6, whole: 6 }, actions: { part: 0, whole: 0 } },
    { week: 2, startsOn: '2026-09-14', engagement: null, actions: { part: 3.5, whole: 5 } },
  ];
  const config = buildWeeklyChartConfig(en, weeks);

  it('plots weeks in percent, a hidden week as a gap', () => {
    expect(config.data.labels).toEqual(['Week 1', 'Week 2']);
    expect(config.data.datasets.map((d) => d.data)).toEqual([[100, null], [null, 70]]);
    expect(config.options?.scales?.y).toMatchObject({ min: 0, max: 100 });
  });

  it('survives the trip to the browser as JSON unchanged, with animation off', () => {
    expect(config.options?.animation).toBe(false);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

describe('the pulse and goals charts', () => {
  it('plots pulse means per dimension on 1–5, one decimal, hidden periods as gaps', () => {
    const means = { trust: { part: 20, whole: 5 }, safety: { part: 19, whole: 5 }, feedbackEase: { part: 18, whole: 5 }, adaptability: { part: 21, whole: 5 } };
    const config = buildPulseChartConfig(en, [{ period: 1, fromWeek: 1, toWeek: 4, means }, { period: 2, fromWeek: 5, toWeek: 8, means: null }]);
    expect(config.data.labels).toEqual(['Weeks 1–4', 'Weeks 5–8']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([['Trust', [4, null]], ['Psychological safety', [3.8, null]], ['Ease of feedback', [3.6, null]], ['Adaptability', [4.2, null]]]);
    expect(config.options?.scales?.y).toMatchObject({ min: 1, max: 5 });
  });

  it('draws goals by status in a fixed order', () => {
    const config = buildGoalsChartConfig(en, { active: 3, done: 2, recalibrated: 1, dropped: 0 });
    expect(config.data.labels).toEqual(['Active', 'Done', 'Recalibrated', 'Dropped']);
    expect(config.data.datasets[0]!.data).toEqual([3, 2, 1, 0]);
  });
});

describe('in the cohort’s language', () => {
  const es = translator('es');
  const ar = translator('ar');
  const weeks = [{ week: 1, startsOn: '2026-09-07', engagement: { part: 6, whole: 6 }, actions: null }];

  it('says trends and hidden figures in Spanish and Arabic, with each language’s plurals', () => {
    expect(trendWords(es, { value: 0.8, total: null, latest: 0.81, previous: 0.8 }, 'share')).toBe('Sube 1 punto respecto a las semanas anteriores');
    expect(trendWords(es, { value: 4, total: null, latest: 3.7, previous: 4.1 }, 'mean')).toBe('Baja 0,4 respecto a las semanas anteriores');
    expect(trendWords(ar, { value: 0.8, total: null, latest: 0.82, previous: 0.8 }, 'share')).toBe('ارتفاع بنقطتين عن الأسابيع السابقة');
    expect(trendWords(ar, { value: 0.8, total: null, latest: 0.86, previous: 0.8 }, 'share')).toBe('ارتفاع بـ6 نقاط عن الأسابيع السابقة');
    expect(formatValue(es, null, 'share')).toBe('No hay suficientes respuestas para mostrarlo');
    expect(formatRatio(es, { part: 18, whole: 5 }, 'mean')).toBe('3,6\u00a0de\u00a05');
  });

  it('labels a chart in the cohort’s language, left to right', () => {
    const config = buildWeeklyChartConfig(es, weeks);
    expect(config.data.labels).toEqual(['Semana 1']);
    expect(config.data.datasets[0]!.label).toBe('Participantes con check-in (%)');
    expect(config.options?.plugins?.legend).toMatchObject({ rtl: false, textDirection: 'ltr' });
    expect(config.options?.scales?.x).not.toHaveProperty('reverse');
    // Chart.js writes its axis numbers with this locale: 3,5 in Spanish.
    expect(config.options?.locale).toBe('es');
  });

  it('reads an Arabic chart right to left: legend, tooltips, time running leftwards, the value axis on the right', () => {
    for (const config of [buildWeeklyChartConfig(ar, weeks), buildGoalsChartConfig(ar, { active: 3, done: 2, recalibrated: 1, dropped: 0 })]) {
      expect(config.options?.plugins?.legend).toMatchObject({ rtl: true, textDirection: 'rtl' });
      expect(config.options?.plugins?.tooltip).toMatchObject({ rtl: true, textDirection: 'rtl' });
      expect(config.options?.scales?.x).toMatchObject({ reverse: true });
      expect(config.options?.scales?.y).toMatchObject({ position: 'right' });
    }
    expect(buildGoalsChartConfig(ar, { active: 3, done: 2, recalibrated: 1, dropped: 0 }).options?.plugins?.legend?.display).toBe(false);
    expect(buildWeeklyChartConfig(ar, weeks).data.labels).toEqual(['الأسبوع 1']);
  });
});
