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
  return (
    <Answers
      answers={[
        ['Progress', checkin.progress],
        ['What got in the way', checkin.obstacles],
        ['Next step', checkin.nextStep],
        ['Action committed for next time', checkin.committedAction + (checkin.carriedForward ? ' (carried forward)' : '')],
        ['Last time’s action', checkin.lastActionDone ? outcomeText(checkin.lastActionDone) : ''],
        ['Win', checkin.win],
        ['Challenge to get feedback on', checkin.challenge + (checkin.challenge && checkin.challengeToCircle ? ' (asked the circle too)' : '')],
        ['Why they decided what they decided', checkin.decisionReason],
        ['Energy', checkin.energy === null ? '' : `${checkin.energy} of 5`],
        ['Pause', checkin.needsPause ? 'Asked for a pause' : ''],
      ]}
    />
  );
}

function ThisWeek({ participant, week, dueOn, people, partnership }: PairPageProps) {
  const t = useT();
  return (
    <section aria-labelledby="this-week">
      <h2 id="this-week">This week in your pair</h2>
      <p class="meta">
        Week {week}: check-ins are due by {t.date(dueOn, 'weekday')}.
      </p>
      {people.map((person) => {
        const checkin = partnership.checkins.findLast((c) => c.participantId === person.id && c.week === week);
        const you = person.id === participant.id;
        return (
          <article class="card">
            <h3>{you ? 'You' : person.displayName}</h3>
            {checkin ? (
              <CheckinAnswers checkin={checkin} />
            ) : (
              <p>
                {you ? 'You have' : `${person.displayName} has`} not checked in yet this week (due {t.date(dueOn, 'weekday')}).
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}

function Board({ participant, partnership, board }: PairPageProps) {
  const name = (id: number) => (id === participant.id ? 'You' : (partnership.names.get(id) ?? 'A former partner'));
  return (
    <section aria-labelledby="board">
      <h2 id="board">Your pair’s progress board</h2>
      <p class="meta">Week by week: the action each of you committed to and how it went, the reasons behind your decisions, and what you learned.</p>
      {board.length === 0 ? (
        <p>Nothing yet: your first check-ins start the board.</p>
      ) : (
        board.map((w) => (
          <article class="card board-week">
            <h3>Week {w.week}</h3>
            <ul>
              {w.entries.map((e) => (
                <li>
                  <strong>{name(e.participantId)}</strong>
                  {e.action && (
                    <>
                      {' '}committed to “{e.action}”: {e.outcome ? outcomeText(e.outcome) : e.reported ? 'not said' : 'not due yet'}.
                    </>
                  )}
                  {e.decision && <> Decided because: {e.decision}</>}
                  {e.insights.map((text) => (
                    <> Learned: {text}</>
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
  return (
    <section aria-labelledby="goals">
      <h2 id="goals">Active goals</h2>
      {people.map((person) => {
        const goals = partnership.goals.filter((g) => g.participantId === person.id);
        const you = person.id === participant.id;
        return (
          <>
            <h3>{you ? 'Yours' : person.displayName}</h3>
            {goals.length === 0 && <p>No active goal.</p>}
            {goals.map((g) => (
              <article class="card">
                <h4>{g.what}</h4>
                <GoalLine goal={g} />
                {g.milestones.length > 0 && (
                  <ul>
                    {g.milestones.map((m) => (
                      <li>
                        {m.title} <span class="meta">({m.reachedOn})</span>
                        {you ? (
                          m.congratulatedBy.length > 0 && <> — congratulated by {m.congratulatedBy.map((id) => partnership.names.get(id) ?? 'a partner').join(' and ')}</>
                        ) : m.congratulatedBy.includes(participant.id) ? (
                          <> — you congratulated {person.displayName}</>
                        ) : (
                          <form method="post" action="/api/me/congratulations" class="inline-form">
                            <Hidden token={token} />
                            <input type="hidden" name="milestone_id" value={m.id} />
                            <button type="submit" class="secondary">
                              Congratulate {person.displayName}
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
  const [latest, ...earlier] = partnership.contracts;
  return (
    <section aria-labelledby="contract">
      <h2 id="contract">Your contract</h2>
      {!latest ? (
        <p>
          No contract yet. <a href={linkTo('/contract/', token)}>Propose one</a>.
        </p>
      ) : (
        <>
          <p>
            Version {latest.version}, proposed by {partnership.names.get(latest.proposedBy) ?? 'a former partner'} in week {latest.week}.
          </p>
          <ContractTerms terms={latest} />
          {earlier.length > 0 && (
            <details>
              <summary>Earlier versions ({earlier.length})</summary>
              {earlier.map((c) => (
                <article class="card">
                  <h3>Version {c.version}</h3>
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
  if (items.length === 0) return <p>None yet.</p>;
  return (
    <>
      {items.map((f) => (
        <article class="card">
          <p class="meta">
            {received ? `From ${f.from}` : `To ${f.to}`}, week {f.week} · {f.usefulness === null ? 'not rated yet' : `rated ${f.usefulness} of 5 for usefulness`}
          </p>
          <FeedbackText feedback={f} />
        </article>
      ))}
    </>
  );
}

export function PairPage(props: PairPageProps) {
  const { participant, token, people, partnership, inCircle } = props;
  const partners = people.filter((p) => p.id !== participant.id);
  return (
    <>
      <h1>Our pair</h1>
      <p class="lede">
        {partners.length === 0 ? 'You are not in a pair yet.' : `You and ${partners.map((p) => p.displayName).join(' and ')}`} · {participant.cohort.name}
      </p>
      <PageLinks token={token} current="pair" inCircle={inCircle} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <p class="meta">Only the two of you (or three) and your mentor see this page. A partner sees your words only from the weeks you were partners.</p>
      <ThisWeek {...props} />
      <Board {...props} />
      <Goals {...props} />
      <Contract {...props} />
      <section aria-labelledby="feedback">
        <h2 id="feedback">Feedback</h2>
        <h3>Received</h3>
        <FeedbackList items={partnership.feedback.filter((f) => f.toId === participant.id)} received />
        <h3>Given</h3>
        <FeedbackList items={partnership.feedback.filter((f) => f.fromId === participant.id)} received={false} />
      </section>
    </>
  );
}
