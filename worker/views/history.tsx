/** A participant's own history, newest first, a page at a time, with who may read each item. No JavaScript. */
import type { CheckinItem, GoalItem, HistoryItem, HistoryPage, ReflectionItem } from '../db/history.ts';
import type { Participant } from '../db/participants.ts';
import { CONSENT_LABELS, CONSENT_LEVELS, type Consent, type Publishable } from '../domain/consent.ts';
import { Answers, GoalLine, Hidden, linkTo, outcomeText, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

/** Who may read an item, and a form to change it. */
function ConsentForm({ token, kind, id, consent }: { token: string; kind: Publishable; id: number; consent: Consent }) {
  const t = useT();
  const field = `consent-${kind}-${id}`;
  return (
    <form method="post" action="/api/me/consent" class="inline-form">
      <Hidden token={token} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <label for={field}>{t('history.consent', { kind })}</label>
      <select id={field} name="consent">
        {CONSENT_LEVELS.map((level) => (
          <option value={level} selected={level === consent}>
            {t(CONSENT_LABELS[level])}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('history.consent.save')}
      </button>
    </form>
  );
}

function Checkin({ item, token }: { item: CheckinItem; token: string }) {
  const t = useT();
  return (
    <article class="card">
      <h2>{t('history.checkin', { week: item.week })}</h2>
      <Answers
        answers={[
          [t('pair.answer.progress'), item.progress],
          [t('pair.answer.obstacles'), item.obstacles],
          [t('pair.answer.nextStep'), item.nextStep],
          [t('history.answer.action'), item.committedAction],
          [t('pair.answer.lastAction'), item.lastActionDone ? outcomeText(t, item.lastActionDone) : ''],
          [t('pair.answer.win'), item.win],
          [t('history.answer.challenge'), item.challenge],
          [t('history.answer.reason'), item.decisionReason],
          [t('pair.answer.energy'), item.energy === null ? '' : t('figure.mean', { mean: t.number(item.energy) })],
        ]}
      />
      {item.win !== '' && <ConsentForm token={token} kind="win" id={item.id} consent={item.winConsent} />}
    </article>
  );
}

function Reflection({ item, token }: { item: ReflectionItem; token: string }) {
  const t = useT();
  return (
    <article class="card">
      <h2>{t('history.reflection', { week: item.week })}</h2>
      <Answers
        answers={[
          [t('history.answer.working'), item.working],
          [t('history.answer.notWorking'), item.notWorking],
          [t('history.answer.why'), item.why],
          [t('history.answer.assumption'), item.assumption],
          [t('history.answer.insight'), item.insight],
          [t('history.answer.strategy'), item.strategyTitle ? `${item.strategyTitle}: ${item.strategyBody}` : ''],
        ]}
      />
      <ConsentForm token={token} kind="reflection" id={item.id} consent={item.consent} />
    </article>
  );
}

function Goal({ item, token }: { item: GoalItem; token: string }) {
  const t = useT();
  return (
    <article class="card">
      <h2>{t('history.goal', { week: item.week })}</h2>
      <p>
        <strong>{item.what}</strong> {t('history.goal.status', { status: item.status })}
      </p>
      <GoalLine goal={item} />
      {item.milestones.map((m) => (
        <>
          <p>
            {t('history.milestone', { title: m.title })} <span class="meta">({t.date(m.reachedOn, 'year')})</span>
          </p>
          <ConsentForm token={token} kind="milestone" id={m.id} consent={m.consent} />
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
  const t = useT();
  const pageLink = (page: number) => `${linkTo('/me/history', token)}&page=${page}`;
  return (
    <>
      <h1>{t('history.heading')}</h1>
      <p class="lede">{t('history.lede', { cohort: participant.cohort.name, page: history.page, pages: history.pages })}</p>
      <PageLinks token={token} current="history" inCircle={inCircle} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <p>
        <a href={linkTo('/me/data.json', token)}>{t('history.download')}</a> {t('history.download.note')}
      </p>
      {history.items.length === 0 ? <p>{t('history.empty')}</p> : history.items.map((item) => <Item item={item} token={token} />)}
      {history.pages > 1 && (
        <nav class="paging" aria-label={t('history.paging')}>
          {history.page > 1 ? <a href={pageLink(history.page - 1)}>{t('history.newer')}</a> : <span />}
          {history.page < history.pages ? <a href={pageLink(history.page + 1)}>{t('history.older')}</a> : <span />}
        </nav>
      )}
    </>
  );
}
