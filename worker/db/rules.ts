/**
 * Rules the SQL of several queries shares, each written once: which consent lets text onto which
 * pages, when a mentee is expected, when a pair is paused, which check-in of a week counts, how an
 * action and a pulse score. Fragments are plain SQL text; the vocabularies come from worker/domain.
 */
import type { PulseDimension } from '../domain/cohort-metrics.ts';
import { COHORT_PAGE_CONSENT, PUBLIC_PAGE_CONSENT, type Consent, type MomentKind } from '../domain/consent.ts';

/** A list of SQL string literals for `IN`, e.g. ('cohort', 'public'). */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}

/** Text whose consent (in `column`) is one of `levels`. */
const consentIn = (column: string, levels: readonly Consent[]) => `${column} IN ${sqlList(levels)}`;

/** Text whose consent (in `column`) lets its cohort's members read it (pages the Worker renders for them). */
export const onCohortPages = (column: string) => consentIn(column, COHORT_PAGE_CONSENT);

/** Text whose consent (in `column`) lets it into the built site: story pages, reports, the library. */
export const onPublicPages = (column: string) => consentIn(column, PUBLIC_PAGE_CONSENT);

/**
 * The cohorts a query's rule fragments read, and where each one's calendar is: `ONE_COHORT` (cohort
 * ?1, whose week starts are ?3), or `COHORT_ROWS` (every row of the query's CTE `cohort`).
 */
export interface CohortScope {
  /** A condition on a cohort_id column: the row belongs to one of the cohorts. */
  has(column: string): string;
  /** The first days of weeks 1, 2, … (a JSON array, cycleStarts) of the cohort in a cohort_id column. */
  weekStarts(column: string): string;
}

/** Cohort ?1, the first days of its weeks in ?3. */
export const ONE_COHORT: CohortScope = { has: (column) => `${column} = ?1`, weekStarts: () => '?3' };

/**
 * The cohorts of CTE `cohort` (id, week_starts, …): one query for a batch of cohorts, each with its
 * own calendar (the build's read asks for its cohorts' figures that way, two statements a batch).
 */
export const COHORT_ROWS: CohortScope = {
  has: (column) => `${column} IN (SELECT id FROM cohort)`,
  weekStarts: (column) => `(SELECT week_starts FROM cohort WHERE id = ${column})`,
};

/**
 * The cohort week (1-based) of a YYYY-MM-DD… column, given `starts`, a JSON array of the first days
 * of weeks 1, 2, … (cycleStarts in worker/domain/weeks.ts): the number of weeks begun by that day,
 * and 1 before the first. Counted, not divided by one cadence, so a change of rhythm counts right.
 */
const weekOf = (column: string, starts: string) => `MAX(1, (SELECT COUNT(*) FROM json_each(${starts}) WHERE value <= substr(${column}, 1, 10)))`;

/**
 * CTE `mentee`: the mentees of the cohorts and the first week they are expected to check in: the
 * week they joined, or their first check-in if earlier (a roster imported after the start, as the
 * demo's is, would otherwise make everyone a late joiner). Needs each cohort's week starts up to at
 * least the week after the last one asked about (a later day counts as that week).
 * MATERIALIZED: queries join it to every week, and inlined, its two subqueries ran once per
 * mentee and week rather than once per mentee (the metrics' weekly query took twice as long).
 */
export const menteesFromWeek = (cohorts: CohortScope) => `
  mentee AS MATERIALIZED (
    SELECT p.id, p.pair_id, p.cohort_id,
           MIN(${weekOf('p.joined_on', cohorts.weekStarts('p.cohort_id'))}, COALESCE((SELECT MIN(x.week) FROM checkins x WHERE x.participant_id = p.id), 1e9)) AS from_week
    FROM participants p WHERE ${cohorts.has('p.cohort_id')} AND p.role = 'mentee')`;

/** CTE `pair_week`: each pair of the cohorts and week with a check-in, and whether one of them asked for a pause then (`pause` 1). */
export const pairWeeks = (cohorts: CohortScope) => `
  pair_week AS (
    SELECT pair_id, week, MAX(needs_pause) AS pause FROM checkins
    WHERE ${cohorts.has('cohort_id')} AND pair_id IS NOT NULL GROUP BY pair_id, week)`;

/**
 * The pause rule, over `pair_week`: pair `pair` is paused in week `week` when it sent no check-in
 * that week and its latest check-in before asked for a pause — from the week after the request
 * until one of them checks in again (worker/domain/pauses.ts says the same in TypeScript).
 */
export const pausedIn = (pair: string, week: string) => `(
      NOT EXISTS (SELECT 1 FROM pair_week pw WHERE pw.pair_id = ${pair} AND pw.week = ${week})
      AND (SELECT pw.pause FROM pair_week pw WHERE pw.pair_id = ${pair} AND pw.week < ${week} ORDER BY pw.week DESC LIMIT 1) = 1)`;

/**
 * The check-in (alias `c`) is the latest its mentee sent that week: one answer per mentee and week
 * counts. Written as "none later", not as "the id is the greatest": the same rule, and SQLite seeks
 * it in the index in one step (the metrics' weekly query took a sixth less).
 */
export const latestOfItsWeek = (c: string) => `NOT EXISTS (SELECT 1 FROM checkins x WHERE x.participant_id = ${c}.participant_id AND x.week = ${c}.week AND x.id > ${c}.id)`;

/** The score of an action that came due, from last_action_done: yes 1, partly ½, no 0. */
export const actionScore = (column: string) => `CASE ${column} WHEN 'yes' THEN 1.0 WHEN 'partly' THEN 0.5 ELSE 0 END`;

/** The pulse's dimensions, as columns of `pulses`. */
const PULSE_COLUMNS: Record<PulseDimension, string> = { trust: 'trust', safety: 'safety', feedbackEase: 'feedback_ease', adaptability: 'adaptability' };
const pulseColumns = Object.values(PULSE_COLUMNS);

/** A pulse's mean: the mean of its dimensions (1–5). */
export const PULSE_MEAN = `(${pulseColumns.join(' + ')}) / ${pulseColumns.length}.0`;

/** The sum of each dimension's scores over a group of pulses, as columns named after the dimensions. */
export const PULSE_SUMS = Object.entries(PULSE_COLUMNS)
  .map(([dimension, column]) => `SUM(${column}) AS ${dimension}`)
  .join(', ');

/** A kind of published text, as an SQL literal. */
const kind = (name: MomentKind) => `'${name}'`;

/**
 * Every piece of text its author shared at one of `levels`, one row each — kind ('win', 'insight',
 * 'strategy', 'milestone'), id (of the check-in, reflection or milestone it is part of),
 * participant_id, cohort_id, week, title (a strategy's name, else ''), text, consent. Select from
 * it filtered by cohort_id or participant_id: SQLite pushes the filter into each part, where an
 * index finds the rows.
 */
const sharedAt = (levels: readonly Consent[]) => `
  SELECT ${kind('win')} AS kind, id, participant_id, cohort_id, week, '' AS title, win AS text, win_consent AS consent
  FROM checkins WHERE ${consentIn('win_consent', levels)} AND win <> ''
  UNION ALL
  SELECT ${kind('insight')}, id, participant_id, cohort_id, week, '', insight, consent
  FROM reflections WHERE ${consentIn('consent', levels)} AND insight <> ''
  UNION ALL
  SELECT ${kind('strategy')}, id, participant_id, cohort_id, week, strategy_title, strategy_body, consent
  FROM reflections WHERE ${consentIn('consent', levels)} AND strategy_title <> ''
  UNION ALL
  SELECT ${kind('milestone')}, id, participant_id, cohort_id, week, '', title, consent
  FROM milestones WHERE ${consentIn('consent', levels)} AND title <> ''`;

/**
 * What is published: text its author shared beyond themselves (consent `cohort` or `public`), in
 * the columns of `sharedAt`. What a participant sees as theirs and can withdraw, what keeps their
 * link open after their cohort ended, and what the cohort's members-only page shows.
 */
export const PUBLISHED = sharedAt(COHORT_PAGE_CONSENT);

/** What of the published text may be built into the static site (consent `public`), in the same columns. */
export const PUBLISHED_ON_SITE = sharedAt(PUBLIC_PAGE_CONSENT);

/**
 * The words in a text column, for the complete-feedback rule: line breaks and tabs count as spaces,
 * and runs of up to eight spaces as one gap.
 */
function words(column: string): string {
  let text = `replace(replace(replace(${column}, char(13), ' '), char(10), ' '), char(9), ' ')`;
  for (let i = 0; i < 3; i++) text = `replace(${text}, '  ', ' ')`;
  // Most text has no line break, tab or double space, and for it the chain changes nothing: it
  // is skipped after instr() has looked, which only reads where each replace() copies the text
  // (the feedback figures' statement took a fifth less).
  const plain = `NOT (instr(${column}, char(13)) OR instr(${column}, char(10)) OR instr(${column}, char(9)) OR instr(${column}, '  '))`;
  // The spaced text is worked out once in a subquery: written out three times, SQLite evaluated
  // its replace() chain three times, and that was most of the metrics' feedback query.
  return `(SELECT length(t) - length(replace(t, ' ', '')) + (t <> '') FROM (SELECT trim(CASE WHEN ${plain} THEN ${column} ELSE ${text} END) AS t))`;
}

/** Whether feedback row `f` is complete: behaviour, impact and next step of at least `min` words each. */
export const isComplete = (f: string, min: string) => `(${words(`${f}.behaviour`)} >= ${min} AND ${words(`${f}.impact`)} >= ${min} AND ${words(`${f}.next_step`)} >= ${min})`;
