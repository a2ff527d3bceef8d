/** The mentor's dashboard page: live, private, no JavaScript. */
import type { Cohort } from '../db/cohorts.ts';
import type { Dashboard, PairHealth } from '../db/mentor.ts';
import type { ProgramVoice } from '../db/pulses.ts';
import type { HeadlineKey } from '../domain/cohort-metrics.ts';
import { formatRatio, type FigureKind } from '../domain/format.ts';
import type { MessageKey, Translator } from '../domain/i18n.ts';
import { sayRisks } from '../domain/risks.ts';
import { useT } from './i18n.ts';
import { linkTo } from './parts.tsx';

/** What a column's value is worked out with: the reader's translator, and the cohort's timezone for instants. */
interface ColumnContext {
  t: Translator;
  timeZone: string;
}

/** How each column of the pairs' table reads, shared by the page and its CSV. */
export const PAIR_COLUMNS: { name: MessageKey; value: (p: PairHealth, on: ColumnContext) => string }[] = [
  { name: 'mentor.col.pair', value: (p) => p.pair },
  { name: 'mentor.col.members', value: (p) => p.members },
  { name: 'mentor.col.circle', value: (p) => p.circle ?? '' },
  { name: 'mentor.col.contract', value: (p, { t }) => contractText(t, p) },
  { name: 'mentor.col.lastCheckin', value: (p, { t }) => (p.lastCheckinWeek === null ? t('mentor.noneYet') : t(p.paused ? 'mentor.lastCheckin.paused' : 'mentor.lastCheckin', { week: p.lastCheckinWeek })) },
  { name: 'mentor.col.engagement', value: (p, { t }) => formatRatio(t, p.engagement, 'share') },
  { name: 'mentor.col.actions', value: (p, { t }) => formatRatio(t, { part: p.actions.done, whole: p.actions.due }, 'share') },
  { name: 'mentor.col.completeFeedback', value: (p, { t }) => formatRatio(t, p.feedback.complete, 'share') },
  { name: 'mentor.col.usefulness', value: (p, { t }) => formatRatio(t, p.feedback.usefulness, 'mean') },
  { name: 'mentor.col.energy', value: (p, { t }) => energyText(t, p) },
  { name: 'mentor.col.messages', value: (p, on) => messagesText(on, p) },
  { name: 'mentor.col.pulse', value: (p, { t }) => (p.latestPulse ? t('mentor.pulse', { mean: p.latestPulse.mean, week: p.latestPulse.week }) : '—') },
  { name: 'mentor.col.status', value: (p, { t }) => (p.risks.length === 0 ? t('mentor.status.onTrack') : t('mentor.status.atRiskReasons', { reasons: sayRisks(t, p.risks) })) },
];

function contractText(t: Translator, p: PairHealth): string {
  const c = p.contract;
  if (c.state === 'none') return t('mentor.noneYet');
  if (c.state === 'proposed') return t('mentor.contract.proposed', { version: c.version, names: t.list(c.waitingFor) });
  return t('mentor.contract.agreed', { version: c.version, date: t.date(c.renegotiateOn, 'day') });
}

/** Each member's energies, oldest first: "Ivy: 4 → 3 → 2" (the arrow points the way the language reads). */
function energyText(t: Translator, p: PairHealth): string {
  const members = p.energy.map((e) => t('mentor.energy.member', { who: e.who, energies: e.energies.map((n) => t.number(n)).join(t('mentor.energy.step')) }));
  return members.join(t('mentor.separator')) || '—';
}

/** When the pair was last reminded and nudged, as days in the cohort's timezone, and the latest failure. */
function messagesText({ t, timeZone }: ColumnContext, p: PairHealth): string {
  const day = (instant: string | null) => (instant ? t.date(new Date(instant), 'short', timeZone) : '—');
  const { reminder, nudge, failure } = p.messages;
  if (!failure) return t('mentor.messages', { reminder: day(reminder), nudge: day(nudge) });
  return t('mentor.messages.failed', { reminder: day(reminder), nudge: day(nudge), kind: failure.kind, name: failure.to, error: failure.error });
}

const FIGURES: { key: HeadlineKey; label: MessageKey; kind: FigureKind }[] = [
  { key: 'engagement', label: 'mentor.figure.engagement', kind: 'share' },
  { key: 'actions', label: 'mentor.figure.actions', kind: 'share' },
  { key: 'completeFeedback', label: 'mentor.figure.completeFeedback', kind: 'share' },
  { key: 'usefulness', label: 'mentor.figure.usefulness', kind: 'mean' },
  { key: 'pulse', label: 'mentor.figure.pulse', kind: 'mean' },
  { key: 'goalCompletion', label: 'mentor.figure.goalCompletion', kind: 'share' },
  { key: 'adaptability', label: 'mentor.figure.adaptability', kind: 'share' },
];

/** How the program's rhythm felt, as the catalogue's select names it (ICU selectors take no hyphen). */
const CADENCE_FIT: Record<ProgramVoice['cadenceFit'], string> = { 'too-often': 'tooOften', 'about-right': 'aboutRight', 'too-rare': 'tooRare' };

function PairsTable({ pairs, timeZone }: { pairs: PairHealth[]; timeZone: string }) {
  const t = useT();
  const [, , , ...columns] = PAIR_COLUMNS;
  return (
    <div class="table-scroll" role="region" aria-labelledby="pairs-caption" tabindex={0}>
      <table class="stacked">
        <caption id="pairs-caption">{t('mentor.pairs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mentor.col.pair')}</th>
            {columns.map((c) => (
              <th scope="col">{t(c.name)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => (
            <tr>
              <th scope="row">
                {p.pair}
                <br />
                <span class="meta">
                  {p.members}
                  {p.circle ? ` · ${p.circle}` : ''}
                </span>
              </th>
              {columns.map((c) =>
                c.name === 'mentor.col.status' && p.risks.length > 0 ? (
                  <td data-label={t(c.name)}>
                    <strong>{t('mentor.status.atRisk')}</strong> {sayRisks(t, p.risks)}
                  </td>
                ) : (
                  <td data-label={t(c.name)}>{c.value(p, { t, timeZone })}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The command that fills a cohort with pairs, as the dashboard suggests it. */
export function rosterCommand(slug: string): string {
  return `npm run tandem -- roster import roster.csv --cohort ${slug}`;
}

export function DashboardPage({ cohort, dashboard, token }: { cohort: Cohort; dashboard: Dashboard; token: string }) {
  const t = useT();
  const atRisk = dashboard.pairs.filter((p) => p.risks.length > 0).length;
  const challenges = dashboard.pairs.flatMap((p) => p.challenges.map((c) => ({ ...c, pair: p.pair })));
  return (
    <>
      <h1>{t('mentor.heading', { cohort: cohort.name })}</h1>
      <p class="lede">{t('mentor.lede', { week: dashboard.week, pairs: dashboard.pairs.length, atRisk })}</p>
      <p class="meta">
        {t('mentor.private')}{' '}
        {cohort.path ? (
          <>
            {t('mentor.published')} <a href={cohort.path}>{t('mentor.published.story')}</a> · <a href={`${cohort.path}report/`}>{t('mentor.published.report')}</a>.
          </>
        ) : (
          t('mentor.unpublished')
        )}
      </p>

      <h2>{t('mentor.pairs.heading')}</h2>
      {dashboard.pairs.length === 0 ? (
        <p>
          {t('mentor.pairs.none')} <code>{rosterCommand(cohort.slug)}</code>
        </p>
      ) : (
        <>
          <PairsTable pairs={dashboard.pairs} timeZone={cohort.timezone} />
          <p>
            <a href={linkTo(`/mentor/${cohort.slug}/pairs.csv`, token)}>{t('mentor.download')}</a> {t('mentor.download.format')}
          </p>
        </>
      )}
      <p class="meta">{t('mentor.riskRules')}</p>

      <h2>{t('mentor.challenges.heading')}</h2>
      {challenges.length === 0 ? (
        <p>{t('mentor.challenges.none')}</p>
      ) : (
        <ul>
          {challenges.map((c) => (
            <li>
              <strong>{c.who}</strong> <span class="meta">({c.pair})</span>: {c.text}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('mentor.figures.heading')}</h2>
      <p class="meta">{t('mentor.figures.note', { week: dashboard.lastComplete })}</p>
      <dl>
        {FIGURES.map((f) => (
          <>
            <dt>{t(f.label)}</dt>
            <dd>{dashboard.figures.headlines[f.key].total ? formatRatio(t, dashboard.figures.headlines[f.key].total!, f.kind) : '—'}</dd>
          </>
        ))}
      </dl>

      <h2>{t('mentor.voices.heading')}</h2>
      <h3>{t('mentor.voices.pulse')}</h3>
      {dashboard.pulseComments.length === 0 ? (
        <p>{t('mentor.voices.none')}</p>
      ) : (
        <ul>
          {dashboard.pulseComments.map((c) => (
            <li>
              {c.comment} <span class="meta">{t('mentor.byWeek', { name: c.name, week: c.week })}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('mentor.voices.program')}</h3>
      {dashboard.programFeedback.length === 0 ? (
        <p>{t('mentor.voices.none')}</p>
      ) : (
        dashboard.programFeedback.map((f) => (
          <article class="card">
            <p class="meta">{t('mentor.program.meta', { name: f.name, week: f.week, fit: CADENCE_FIT[f.cadenceFit] })}</p>
            {f.tools && <p>{t('mentor.program.tools', { text: f.tools })}</p>}
            {f.expectations && <p>{t('mentor.program.expectations', { text: f.expectations })}</p>}
            {f.suggestion && <p>{t('mentor.program.suggestion', { text: f.suggestion })}</p>}
          </article>
        ))
      )}

      <h2>{t('mentor.waiting.heading')}</h2>
      {dashboard.waiting.length === 0 ? (
        <p>{t('mentor.waiting.none')}</p>
      ) : (
        <>
          <p>{t('mentor.waiting.intro')}</p>
          <ul>
            {dashboard.waiting.map((w) => (
              <li>
                <strong>{w.title}</strong> <span class="meta">{t('mentor.byWeek', { name: w.author, week: w.week })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
