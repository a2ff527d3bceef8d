/** The mentor's dashboard page: live, private, no JavaScript. */
import type { Cohort } from '../db/cohorts.ts';
import type { Dashboard, PairHealth } from '../db/mentor.ts';
import type { HeadlineKey } from '../domain/cohort-metrics.ts';
import { formatRatio, type FigureKind } from '../domain/format.ts';
import { linkTo } from './parts.tsx';
import type { Translator } from '../domain/i18n.ts';
import { useT } from './i18n.ts';

/** How each column of the pairs' table reads, shared by the page and its CSV. */
export const PAIR_COLUMNS: { name: string; value: (p: PairHealth, t: Translator) => string }[] = [
  { name: 'Pair', value: (p) => p.pair },
  { name: 'Members', value: (p) => p.members },
  { name: 'Circle', value: (p) => p.circle ?? '' },
  { name: 'Contract', value: (p) => contractText(p) },
  { name: 'Last check-in', value: (p) => (p.lastCheckinWeek !== null ? `Week ${p.lastCheckinWeek}` : 'None yet') + (p.paused ? ' (paused)' : '') },
  { name: 'Engagement', value: (p, t) => formatRatio(t, p.engagement, 'share') },
  { name: 'Actions completed', value: (p, t) => formatRatio(t, { part: p.actions.done, whole: p.actions.due }, 'share') },
  { name: 'Complete feedback', value: (p, t) => formatRatio(t, p.feedback.complete, 'share') },
  { name: 'Feedback usefulness', value: (p, t) => formatRatio(t, p.feedback.usefulness, 'mean') },
  { name: 'Energy (last three check-ins)', value: (p) => p.energy.map((e) => `${e.who}: ${e.energies.join(' → ')}`).join('; ') || '—' },
  { name: 'Last reminder · nudge', value: (p) => `${p.messages.reminder?.slice(0, 10) ?? '—'} · ${p.messages.nudge?.slice(0, 10) ?? '—'}${p.messages.failure ? ` (failed: ${p.messages.failure})` : ''}` },
  { name: 'Latest pulse', value: (p) => (p.latestPulse ? `${p.latestPulse.mean.toFixed(1)} of 5 (week ${p.latestPulse.week})` : '—') },
  { name: 'Status', value: (p) => (p.risks.length === 0 ? 'On track' : `At risk: ${p.risks.join('; ')}`) },
];

function contractText(p: PairHealth): string {
  const c = p.contract;
  if (c.state === 'none') return 'None yet';
  if (c.state === 'proposed') return `Version ${c.version} proposed, waiting for ${c.waitingFor.join(' and ')}`;
  return `Version ${c.version} agreed, review on ${c.renegotiateOn}`;
}

const FIGURES: { key: HeadlineKey; label: string; kind: FigureKind }[] = [
  { key: 'engagement', label: 'Engagement', kind: 'share' },
  { key: 'actions', label: 'Actions completed', kind: 'share' },
  { key: 'completeFeedback', label: 'Complete feedback', kind: 'share' },
  { key: 'usefulness', label: 'Feedback usefulness', kind: 'mean' },
  { key: 'pulse', label: 'Relationship pulse', kind: 'mean' },
  { key: 'goalCompletion', label: 'Goals reached', kind: 'share' },
  { key: 'adaptability', label: 'Adaptability', kind: 'share' },
];

function PairsTable({ pairs }: { pairs: PairHealth[] }) {
  const t = useT();
  const [, , , ...columns] = PAIR_COLUMNS;
  return (
    <div class="table-scroll" role="region" aria-labelledby="pairs-caption" tabindex={0}>
      <table class="stacked">
        <caption id="pairs-caption">Each pair’s health, pairs at risk first</caption>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            {columns.map((c) => (
              <th scope="col">{c.name}</th>
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
                c.name === 'Status' && p.risks.length > 0 ? (
                  <td data-label={c.name}>
                    <strong>At risk:</strong> {p.risks.join('; ')}
                  </td>
                ) : (
                  <td data-label={c.name}>{c.value(p, t)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage({ cohort, dashboard, token }: { cohort: Cohort; dashboard: Dashboard; token: string }) {
  const t = useT();
  const atRisk = dashboard.pairs.filter((p) => p.risks.length > 0).length;
  const challenges = dashboard.pairs.flatMap((p) => p.challenges.map((c) => ({ ...c, pair: p.pair })));
  return (
    <>
      <h1>{cohort.name}: mentor’s dashboard</h1>
      <p class="lede">
        Week {dashboard.week} · {dashboard.pairs.length} pairs · {atRisk === 0 ? 'no pair at risk' : `${atRisk} at risk`}
      </p>
      <p class="meta">
        Live from the database, for you only: keep this link private.{' '}
        {cohort.path ? (
          <>
            Published pages: <a href={cohort.path}>story</a> · <a href={`${cohort.path}report/`}>report</a>.
          </>
        ) : (
          'This cohort is private: no pages are published.'
        )}
      </p>

      <h2>Pairs</h2>
      {dashboard.pairs.length === 0 ? (
        <p>
          No pairs yet. Import a roster with a pair column: <code>npm run tandem -- roster import roster.csv --cohort {cohort.slug}</code>.
        </p>
      ) : (
        <>
          <PairsTable pairs={dashboard.pairs} />
          <p>
            <a href={linkTo(`/mentor/${cohort.slug}/pairs.csv`, token)}>Download this table</a> (CSV)
          </p>
        </>
      )}
      <p class="meta">
        At risk means: no check-in in the last two complete weeks; a pause; a member whose own pulse fell by a point or more; no agreed contract by the pair’s second week; actions
        completed under half for three weeks; a member’s energy falling at each of their last three check-ins; the contract’s review date passed; or a partner silent for two weeks while
        the other checks in. Engagement counts check-ins received of those expected since each member joined the pair, paused weeks not expected.
      </p>

      <h2>Challenges this week</h2>
      {challenges.length === 0 ? (
        <p>No challenge in this week’s check-ins yet.</p>
      ) : (
        <ul>
          {challenges.map((c) => (
            <li>
              <strong>{c.who}</strong> <span class="meta">({c.pair})</span>: {c.text}
            </li>
          ))}
        </ul>
      )}

      <h2>The cohort’s figures</h2>
      <p class="meta">Up to week {dashboard.lastComplete}, the last complete one. Here every group is shown, however small: on published pages, groups under five are hidden.</p>
      <dl>
        {FIGURES.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{dashboard.figures.headlines[f.key].total ? formatRatio(t, dashboard.figures.headlines[f.key].total!, f.kind) : '—'}</dd>
          </>
        ))}
      </dl>

      <h2>What participants say</h2>
      <h3>Pulse comments</h3>
      {dashboard.pulseComments.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul>
          {dashboard.pulseComments.map((c) => (
            <li>
              {c.comment} <span class="meta">— {c.name}, week {c.week}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Feedback on the program</h3>
      {dashboard.programFeedback.length === 0 ? (
        <p>None yet.</p>
      ) : (
        dashboard.programFeedback.map((f) => (
          <article class="card">
            <p class="meta">
              {f.name}, week {f.week} · the rhythm is {f.cadenceFit.replace('-', ' ')}
            </p>
            {f.tools && <p>Tools: {f.tools}</p>}
            {f.expectations && <p>Expectations: {f.expectations}</p>}
            {f.suggestion && <p>One change: {f.suggestion}</p>}
          </article>
        ))
      )}

      <h2>Waiting for a consent decision</h2>
      {dashboard.waiting.length === 0 ? (
        <p>Nothing is waiting: every insight and strategy written so far is shared, or none was written.</p>
      ) : (
        <>
          <p>
            Insights and strategies their authors wrote down but kept private. Ask whether they would share them with the cohort or publicly; they choose on their history page, and
            can withdraw on their own page.
          </p>
          <ul>
            {dashboard.waiting.map((w) => (
              <li>
                <strong>{w.title}</strong> <span class="meta">— {w.author}, week {w.week}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
