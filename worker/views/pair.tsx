/** The pair's page: this week in the pair, the progress board, goals, the contract, feedback. No JavaScript. */
import type { FeedbackItem, PairCheckin, Partnership } from '../db/partnership.ts';
import type { Participant } from '../db/participants.ts';
import type { BoardWeek } from '../domain/board.ts';
import { Answers, ContractTerms, FeedbackText, GoalLine, Hidden, linkTo, outcomeText, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

export interface PairPageProps {
  participant: Participant;
  token: string;
  week: number;
  /** The last day of this cycle, when its check-in is due. */
  dueOn: string;
  /** The viewer, then their current partners. */
  people: { id: number; displayName: string }[];
  partnership: Partnership;
  board: BoardWeek[];
  inCircle: boolean;
}

/** One person's check-in, every answer that was given. */
function CheckinAnswers({ checkin }: { checkin: PairCheckin }) {
  const t = useT();
  return (
    <Answers
      answers={[
        [t('pair.answer.progress'), checkin.progress],
        [t('pair.answer.obstacles'), checkin.obstacles],
        [t('pair.answer.nextStep'), checkin.nextStep],
        [t('pair.answer.action'), checkin.carriedForward ? t('pair.answer.carried', { action: checkin.committedAction }) : checkin.committedAction],
        [t('pair.answer.lastAction'), checkin.lastActionDone ? outcomeText(t, checkin.lastActionDone) : ''],
        [t('pair.answer.win'), checkin.win],
        [t('pair.answer.challenge'), checkin.challenge && checkin.challengeToCircle ? t('pair.answer.toCircle', { challenge: checkin.challenge }) : checkin.challenge],
        [t('pair.answer.reason'), checkin.decisionReason],
        [t('pair.answer.energy'), checkin.energy === null ? '' : t('figure.mean', { mean: t.number(checkin.energy) })],
        [t('pair.answer.pause'), checkin.needsPause ? t('pair.answer.pauseAsked') : ''],
      ]}
    />
  );
}

function ThisWeek({ participant, week, dueOn, people, partnership }: PairPageProps) {
  const t = useT();
  return (
    <section aria-labelledby="this-week">
      <h2 id="this-week">{t('pair.thisWeek')}</h2>
      <p class="meta">{t('pair.due', { week, date: t.date(dueOn, 'weekday') })}</p>
      {people.map((person) => {
        const checkin = partnership.checkins.findLast((c) => c.participantId === person.id && c.week === week);
        const you = person.id === participant.id;
        return (
          <article class="card">
            <h3>{you ? t('pair.you') : person.displayName}</h3>
            {checkin ? (
              <CheckinAnswers checkin={checkin} />
            ) : (
              <p>{you ? t('pair.notYet.you', { date: t.date(dueOn, 'weekday') }) : t('pair.notYet', { name: person.displayName, date: t.date(dueOn, 'weekday') })}</p>
            )}
          </article>
        );
      })}
    </section>
  );
}

function Board({ participant, partnership, board }: PairPageProps) {
  const t = useT();
  const name = (id: number) => (id === participant.id ? t('pair.you') : (partnership.names.get(id) ?? t('pair.formerPartner')));
  // Whose entry it is: some languages say "you committed" and "they committed" with different verbs.
  const who = (id: number) => (id === participant.id ? 'you' : 'other');
  return (
    <section aria-labelledby="board">
      <h2 id="board">{t('pair.board')}</h2>
      <p class="meta">{t('pair.board.intro')}</p>
      {board.length === 0 ? (
        <p>{t('pair.board.empty')}</p>
      ) : (
        board.map((w) => (
          <article class="card board-week">
            <h3>{t('pair.week', { week: w.week })}</h3>
            <ul>
              {w.entries.map((e) => (
                <li>
                  <strong>{name(e.participantId)}</strong>
                  {e.action && <> {t('pair.board.committed', { who: who(e.participantId), action: e.action, outcome: e.outcome ?? (e.reported ? 'unsaid' : 'notDue') })}</>}
                  {e.decision && <> {t('pair.board.decided', { who: who(e.participantId), reason: e.decision })}</>}
                  {e.insights.map((text) => (
                    <> {t('pair.board.learned', { who: who(e.participantId), insight: text })}</>
                  ))}
                </li>
              ))}
            </ul>
          </article>
        ))
      )}
    </section>
  );
}

function Goals({ participant, token, people, partnership }: PairPageProps) {
  const t = useT();
  return (
    <section aria-labelledby="goals">
      <h2 id="goals">{t('pair.goals')}</h2>
      {people.map((person) => {
        const goals = partnership.goals.filter((g) => g.participantId === person.id);
        const you = person.id === participant.id;
        return (
          <>
            <h3>{you ? t('pair.goals.yours') : person.displayName}</h3>
            {goals.length === 0 && <p>{t('me.goals.none')}</p>}
            {goals.map((g) => (
              <article class="card">
                <h4>{g.what}</h4>
                <GoalLine goal={g} />
                {g.milestones.length > 0 && (
                  <ul>
                    {g.milestones.map((m) => (
                      <li>
                        {m.title} <span class="meta">({t.date(m.reachedOn, 'year')})</span>
                        {you ? (
                          m.congratulatedBy.length > 0 && <> — {t('pair.congratulatedBy', { names: t.list(m.congratulatedBy.map((id) => partnership.names.get(id) ?? t('pair.aPartner'))) })}</>
                        ) : m.congratulatedBy.includes(participant.id) ? (
                          <> — {t('pair.youCongratulated', { name: person.displayName })}</>
                        ) : (
                          <form method="post" action="/api/me/congratulations" class="inline-form">
                            <Hidden token={token} />
                            <input type="hidden" name="milestone_id" value={m.id} />
                            <button type="submit" class="secondary">
                              {t('pair.congratulate', { name: person.displayName })}
                            </button>
                          </form>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </article>
            ))}
          </>
        );
      })}
    </section>
  );
}

function Contract({ token, partnership }: PairPageProps) {
  const t = useT();
  const [latest, ...earlier] = partnership.contracts;
  return (
    <section aria-labelledby="contract">
      <h2 id="contract">{t('pair.contract')}</h2>
      {!latest ? (
        <p>
          {t('contract.none')} <a href={linkTo('/contract/', token)}>{t('contract.proposeOne')}</a>
        </p>
      ) : (
        <>
          <p>{t('pair.contract.version', { version: latest.version, name: partnership.names.get(latest.proposedBy) ?? t('pair.formerPartner.lower'), week: latest.week })}</p>
          <ContractTerms terms={latest} />
          {earlier.length > 0 && (
            <details>
              <summary>{t('pair.contract.earlier', { count: earlier.length })}</summary>
              {earlier.map((c) => (
                <article class="card">
                  <h3>{t('pair.contract.versionHeading', { version: c.version })}</h3>
                  <ContractTerms terms={c} />
                </article>
              ))}
            </details>
          )}
        </>
      )}
    </section>
  );
}

function FeedbackList({ items, received }: { items: FeedbackItem[]; received: boolean }) {
  const t = useT();
  if (items.length === 0) return <p>{t('pair.feedback.none')}</p>;
  return (
    <>
      {items.map((f) => (
        <article class="card">
          <p class="meta">
            {t(received ? 'pair.feedback.from' : 'pair.feedback.to', { name: received ? f.from : f.to, week: f.week })} ·{' '}
            {f.usefulness === null ? t('pair.feedback.unrated') : t('pair.feedback.rated', { rating: t.number(f.usefulness) })}
          </p>
          <FeedbackText feedback={f} />
        </article>
      ))}
    </>
  );
}

export function PairPage(props: PairPageProps) {
  const t = useT();
  const { participant, token, people, partnership, inCircle } = props;
  const partners = people.filter((p) => p.id !== participant.id);
  return (
    <>
      <h1>{t('pair.heading')}</h1>
      <p class="lede">
        {partners.length === 0 ? t('pair.unpaired', { cohort: participant.cohort.name }) : t('pair.lede', { names: t.list(partners.map((p) => p.displayName)), cohort: participant.cohort.name })}
      </p>
      <PageLinks token={token} current="pair" inCircle={inCircle} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <p class="meta">{t('pair.private')}</p>
      <ThisWeek {...props} />
      <Board {...props} />
      <Goals {...props} />
      <Contract {...props} />
      <section aria-labelledby="feedback">
        <h2 id="feedback">{t('pair.feedback')}</h2>
        <h3>{t('pair.feedback.received')}</h3>
        <FeedbackList items={partnership.feedback.filter((f) => f.toId === participant.id)} received />
        <h3>{t('pair.feedback.given')}</h3>
        <FeedbackList items={partnership.feedback.filter((f) => f.fromId === participant.id)} received={false} />
      </section>
    </>
  );
}
