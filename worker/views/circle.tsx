/** A circle's page, for its members: who is in it, who facilitates, the challenges and what was shared. No JavaScript. */
import type { CirclePage } from '../db/circle.ts';
import type { Participant } from '../db/participants.ts';
import { clockTime, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

export interface CirclePageProps {
  participant: Participant;
  token: string;
  week: number;
  circle: CirclePage;
}

/** The facilitator's short agenda for this cycle's meeting, from what members brought. */
function Agenda({ circle }: { circle: CirclePage }) {
  const t = useT();
  const strategy = circle.sharing.find((s) => s.strategyTitle !== '');
  return (
    <section aria-labelledby="agenda">
      <h2 id="agenda">{t('circle.agenda')}</h2>
      <ol>
        <li>{t('circle.agenda.round')}</li>
        {circle.challenges.length > 0 ? (
          <li>{t('circle.agenda.challenges', { names: t.list(circle.challenges.map((c) => c.displayName)) })}</li>
        ) : (
          <li>{t('circle.agenda.askChallenge')}</li>
        )}
        {strategy ? <li>{t('circle.agenda.strategy', { title: strategy.strategyTitle, name: strategy.displayName })}</li> : <li>{t('circle.agenda.askWorked')}</li>}
        <li>{t('circle.agenda.close')}</li>
      </ol>
    </section>
  );
}

/** Who facilitates this cycle and the next, in one sentence. */
function Facilitators({ participant, circle }: { participant: Participant; circle: CirclePage }) {
  const t = useT();
  const { now, next } = circle.facilitator;
  const who = (id: number | null) => (id === null ? 'nobody' : id === participant.id ? 'you' : 'other');
  const name = (id: number | null) => circle.members.find((m) => m.id === id)?.displayName ?? '';
  return <p>{t('circle.facilitators', { now: who(now), nowName: name(now), next: who(next), nextName: name(next) })}</p>;
}

export function CirclePageView({ participant, token, week, circle }: CirclePageProps) {
  const t = useT();
  return (
    <>
      <h1>{circle.label}</h1>
      <p class="lede">{t('circle.lede', { cohort: participant.cohort.name, week })}</p>
      <PageLinks token={token} current="circle" inCircle />
      <p class="meta">{t('circle.private', { circle: circle.label })}</p>

      <section aria-labelledby="members">
        <h2 id="members">{t('circle.members')}</h2>
        <ul>
          {circle.members.map((m) => (
            <li>
              {m.id === participant.id ? <strong>{t('circle.members.you', { name: m.displayName })}</strong> : m.displayName} <span class="meta">· {m.pair}</span>
            </li>
          ))}
        </ul>
        <Facilitators participant={participant} circle={circle} />
        <p>
          {circle.meeting
            ? t('circle.meets', { day: t('contract.weekday', { day: circle.meeting.day }), time: clockTime(t, circle.meeting.time), timezone: participant.cohort.timezone })
            : t('circle.meets.none')}
        </p>
      </section>

      {circle.facilitator.now === participant.id && <Agenda circle={circle} />}

      <section aria-labelledby="challenges">
        <h2 id="challenges">{t('circle.challenges')}</h2>
        {circle.challenges.length === 0 ? (
          <p>{t('circle.challenges.none')}</p>
        ) : (
          <ul>
            {circle.challenges.map((c) => (
              <li>
                <strong>{t('circle.challenges.who', { name: c.displayName })}</strong> {c.challenge}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="shared">
        <h2 id="shared">{t('circle.shared')}</h2>
        {circle.sharing.length === 0 ? (
          <p>{t('circle.shared.none')}</p>
        ) : (
          <ul>
            {circle.sharing.map((s) => (
              <li>
                {s.strategyTitle ? (
                  <>
                    <strong>{s.strategyTitle}</strong>: {s.strategyBody}
                  </>
                ) : (
                  s.insight
                )}{' '}
                <span class="meta">{t('circle.shared.by', { name: s.displayName, week: s.week })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
