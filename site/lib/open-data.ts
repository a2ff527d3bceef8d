/**
 * A cohort's figures as open data, beside its report: the same aggregates as JSON and as CSV.
 * Hidden figures (groups under five) are null in JSON and empty with a note in CSV.
 *
 * Open data is for programs to read, whatever the cohort's language: keys, column names, scopes
 * and notes stay in English, numbers stay plain (a dot for decimals, no grouping), and nothing
 * here goes through the site's translator — so not through the pseudo-locale either.
 */
import { stringify } from 'csv-stringify/sync';
import { translator } from '../../worker/domain/i18n.ts';
import { DEFAULT_LOCALE } from '../../worker/domain/locales.ts';
import { HEADLINES, notEnough, ratioValue, type HeadlineKey, type Ratio } from './figures.ts';
import type { Story } from './stories.ts';

/** The open data's words: English, never pseudo. */
const en = translator(DEFAULT_LOCALE);
const NOT_ENOUGH = notEnough(en);

export function openData(story: Story) {
  const { cohort, metrics } = story;
  return {
    cohort: { name: cohort.name, language: cohort.language, startsOn: cohort.startsOn, endsOn: cohort.endsOn, cadenceDays: cohort.cadenceDays, cadenceChanges: cohort.cadenceChanges, mentees: story.members.filter((m) => m.role === 'mentee').length },
    notes: [
      'Figures are part ÷ whole (shares) or sum ÷ count (means, 1–5). null means fewer than five people were behind the figure, so it is not shown.',
      'Headline totals and trends add up the shown figures only.',
    ],
    definitions: Object.fromEntries(Object.entries(HEADLINES).map(([key, info]) => [key, en(info.how)])),
    headlines: metrics.headlines,
    weeks: metrics.weeks,
    pulses: metrics.pulses,
    feedback: metrics.feedback,
    goals: metrics.goals,
    milestones: metrics.milestones,
  };
}

type Row = [scope: string, metric: string, part: number | '', whole: number | '', value: number | '', note: string];

function row(scope: string, metric: string, ratio: Ratio): Row {
  if (ratio === null) return [scope, metric, '', '', '', NOT_ENOUGH];
  const value = ratioValue(ratio);
  return [scope, metric, ratio.part, ratio.whole, value === null ? '' : Number(value.toFixed(4)), ''];
}

/** One row per figure: scope (cohort, week N, weeks A–B), metric, part, whole, value, note. */
export function openDataCsv(story: Story): string {
  const { metrics } = story;
  const rows: Row[] = [];
  for (const key of Object.keys(HEADLINES) as HeadlineKey[]) rows.push(row('cohort', key, metrics.headlines[key].total));
  rows.push(metrics.milestones === null ? ['cohort', 'milestones', '', '', '', NOT_ENOUGH] : ['cohort', 'milestones', '', '', metrics.milestones, '']);
  const status = metrics.goals.byStatus;
  for (const s of ['active', 'done', 'recalibrated', 'dropped'] as const) rows.push(status ? ['cohort', `goals_${s}`, '', '', status[s], ''] : ['cohort', `goals_${s}`, '', '', '', NOT_ENOUGH]);
  for (const w of metrics.weeks) {
    const scope = `week ${w.week}`;
    rows.push(row(scope, 'engagement', w.engagement), row(scope, 'actions', w.actions));
  }
  for (const p of metrics.pulses) {
    const scope = `weeks ${p.fromWeek}-${p.toWeek}`;
    for (const d of ['trust', 'safety', 'feedbackEase', 'adaptability'] as const) rows.push(row(scope, `pulse_${d}`, p.means?.[d] ?? null));
  }
  for (const f of metrics.feedback) {
    const scope = `weeks ${f.fromWeek}-${f.toWeek}`;
    rows.push(row(scope, 'usefulness', f.usefulness), row(scope, 'completeFeedback', f.complete));
  }
  return stringify([['scope', 'metric', 'part', 'whole', 'value', 'note'], ...rows]);
}
