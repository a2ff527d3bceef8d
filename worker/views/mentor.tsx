/** The mentor's dashboard page: live, private, no JavaScript. */
import type { Cohort } from '../db/cohorts.ts';
import type { Dashboard, PairHealth } from '../db/mentor.ts';
import { formatRatio } from '../domain/format.ts';

function Status({ pair }: { pair: PairHealth }) {
  if (pair.risks.length === 0) return <td>On track</td>;
  return (
    <td>
      <strong>At risk:</strong> {pair.risks.join('; ')}
    </td>
  );
}

function PairRow({ pair: p }: { pair: PairHealth }) {
  return (
    <tr>
      <th scope="row">
        {p.pair}
        <br />
        <span class="meta">
          {p.members}
          {p.circle ? ` · ${p.circle}` : ''}
        </span>
      </th>
      <td>
        {p.lastCheckinWeek !== null ? `Week ${p.lastCheckinWeek}` : 'None yet'}
        {p.paused && (
          <>
            <br />
            <span class="meta">Paused</span>
          </>
        )}
      </td>
      <td class="num">{formatRatio({ part: p.actions.done, whole: p.actions.due }, 'share')}</td>
      <td class="num">{p.latestPulse ? `${p.latestPulse.mean.toFixed(1)} of 5 (week ${p.latestPulse.week})` : '—'}</td>
      <Status pair={p} />
    </tr>
  );
}

export function DashboardPage({ cohort, dashboard }: { cohort: Cohort; dashboard: Dashboard }) {
  const atRisk = dashboard.pairs.filter((p) => p.risks.length > 0).length;
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
        <div class="table-scroll" role="region" aria-labelledby="pairs-caption" tabindex={0}>
          <table>
            <caption id="pairs-caption">Each pair’s health, pairs at risk first</caption>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">Last check-in</th>
                <th scope="col" class="num">
                  Actions completed
                </th>
                <th scope="col" class="num">
                  Latest pulse
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.pairs.map((p) => (
                <PairRow pair={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="meta">At risk means: no check-in in the last two complete weeks, a pause, or a member whose own pulse fell by a point or more from one pulse to the next.</p>

      <h2>Waiting for a consent decision</h2>
      {dashboard.waiting.length === 0 ? (
        <p>Nothing is waiting: every insight and strategy written so far is shared, or none was written.</p>
      ) : (
        <>
          <p>
            Insights and strategies their authors wrote down but kept private. Ask whether they would share them with the cohort or publicly; they choose on the reflection form, and can
            withdraw on their own page.
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
