/** A participant's own history, newest first, a page at a time, with who may read each item. No JavaScript. */
import type { CheckinItem, GoalItem, HistoryItem, HistoryPage, ReflectionItem } from '../db/history.ts';
import type { Participant } from '../db/participants.ts';
import { CONSENT_LABELS, CONSENT_LEVELS, type Consent, type Publishable } from '../domain/consent.ts';
import { Answers, GoalLine, Hidden, linkTo, outcomeText, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

/** Who may read an item, and a form to change it. */
function ConsentForm({ token, kind, id, consent, what }: { token: string; kind: Publishable; id: number; consent: Consent; what: string }) {
  const t = useT();
  const field = `consent-${kind}-${id}`;
  return (
    <form method="post" action="/api/me/consent" class="inline-form">
      <Hidden token={token} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <label for={field}>Who may read {what}</label>
      <select id={field} name="consent">
        {CONSENT_LEVELS.map((level) => (
          <option value={level} selected={level === consent}>
            {t(CONSENT_LABELS[level])}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Save
      </button>
    </form>
  );
}

function Checkin({ item, token }: { item: CheckinItem; token: string }) {
  return (
    <article class="card">
      <h2>Check-in, week {item.week}</h2>
      <Answers
        answers={[
          ['Progress', item.progress],
          ['What got in the way', item.obstacles],
          ['Next step', item.nextStep],
          ['Action committed', item.committedAction],
          ['Last time’s action', item.lastActionDone ? outcomeText(item.lastActionDone) : ''],
          ['Win', item.win],
          ['Challenge', item.challenge],
          ['Why you decided what you decided', item.decisionReason],
          ['Energy', item.energy === null ? '' : `${item.energy} of 5`],
        ]}
      />
      {item.win !== '' && <ConsentForm token={token} kind="win" id={item.id} consent={item.winConsent} what="this win" />}
    </article>
  );
}

function Reflection({ item, token }: { item: ReflectionItem; token: string }) {
  return (
    <article class="card">
      <h2>Reflection, week {item.week}</h2>
      <Answers
        answers={[
          ['What is working', item.working],
          ['What is not working', item.notWorking],
          ['Why', item.why],
          ['An assumption you noticed', item.assumption],
          ['Insight', item.insight],
          ['Strategy', item.strategyTitle ? `${item.strategyTitle}: ${item.strategyBody}` : ''],
        ]}
      />
      <ConsentForm token={token} kind="reflection" id={item.id} consent={item.consent} what="this reflection" />
    </article>
  );
}

const STATUS = { active: 'active', done: 'done', dropped: 'dropped' } as const;

function Goal({ item, token }: { item: GoalItem; token: string }) {
  return (
    <article class="card">
      <h2>Goal, week {item.week}</h2>
      <p>
        <strong>{item.what}</strong> ({STATUS[item.status]})
      </p>
      <GoalLine goal={item} />
      {item.milestones.map((m) => (
        <>
          <p>
            Milestone: {m.title} <span class="meta">({m.reachedOn})</span>
          </p>
          <ConsentForm token={token} kind="milestone" id={m.id} consent={m.consent} what="this milestone" />
        </>
      ))}
    </article>
  );
}

function Item({ item, token }: { item: HistoryItem; token: string }) {
  if (item.kind === 'checkin') return <Checkin item={item} token={token} />;
  if (item.kind === 'reflection') return <Reflection item={item} token={token} />;
  return <Goal item={item} token={token} />;
}

export function HistoryPageView({ participant, token, history, inCircle }: { participant: Participant; token: string; history: HistoryPage; inCircle: boolean }) {
  const pageLink = (page: number) => `${linkTo('/me/history', token)}&page=${page}`;
  return (
    <>
      <h1>My history</h1>
      <p class="lede">
        Everything you wrote in {participant.cohort.name}, newest first · page {history.page} of {history.pages}
      </p>
      <PageLinks token={token} current="history" inCircle={inCircle} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <p>
        <a href={linkTo('/me/data.json', token)}>Download all my data</a> (JSON: everything stored about you).
      </p>
      {history.items.length === 0 ? <p>Nothing yet: your check-ins, reflections and goals will be listed here.</p> : history.items.map((item) => <Item item={item} token={token} />)}
      {history.pages > 1 && (
        <nav class="paging" aria-label="Pages of your history">
          {history.page > 1 ? <a href={pageLink(history.page - 1)}>Newer</a> : <span />}
          {history.page < history.pages ? <a href={pageLink(history.page + 1)}>Older</a> : <span />}
        </nav>
      )}
    </>
  );
}
