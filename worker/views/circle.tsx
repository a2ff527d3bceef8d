/** A circle's page, for its members: who is in it, who facilitates, the challenges and what was shared. No JavaScript. */
import type { CirclePage } from '../db/circle.ts';
import type { Participant } from '../db/participants.ts';
import { capitalise, PageLinks } from './parts.tsx';

export interface CirclePageProps {
  participant: Participant;
  token: string;
  week: number;
  circle: CirclePage;
}

/** The facilitator's short agenda for this cycle's meeting, from what members brought. */
function Agenda({ circle }: { circle: CirclePage }) {
  const strategy = circle.sharing.find((s) => s.strategyTitle !== '');
  return (
    <section aria-labelledby="agenda">
      <h2 id="agenda">Your agenda as facilitator</h2>
      <ol>
        <li>A round: each person’s win, and how last cycle’s action went (2 minutes each).</li>
        {circle.challenges.length > 0 ? (
          <li>
            Feedback on the challenges members brought: {circle.challenges.map((c) => c.displayName).join(', ')}. For each: behaviour → impact → next step.
          </li>
        ) : (
          <li>Ask who has a challenge they would like feedback on: none was marked for the circle this cycle.</li>
        )}
        {strategy ? <li>One strategy to try: “{strategy.strategyTitle}”, shared by {strategy.displayName}.</li> : <li>Ask for one thing that worked for someone since last time.</li>}
        <li>Close: everyone says the one concrete action they commit to before the next meeting.</li>
      </ol>
    </section>
  );
}

export function CirclePageView({ participant, token, week, circle }: CirclePageProps) {
  const name = (id: number | null) => (id === null ? null : id === participant.id ? 'You' : circle.members.find((m) => m.id === id)?.displayName);
  const facilitatorNow = name(circle.facilitator.now);
  const facilitatorNext = name(circle.facilitator.next);
  return (
    <>
      <h1>{circle.label}</h1>
      <p class="lede">
        Your circle in {participant.cohort.name} · week {week}
      </p>
      <PageLinks token={token} current="circle" inCircle />
      <p class="meta">Only members of {circle.label} and your mentor see this page.</p>

      <section aria-labelledby="members">
        <h2 id="members">Who is in it</h2>
        <ul>
          {circle.members.map((m) => (
            <li>
              {m.id === participant.id ? <strong>{m.displayName} (you)</strong> : m.displayName} <span class="meta">· {m.pair}</span>
            </li>
          ))}
        </ul>
        <p>
          {facilitatorNow ? `${facilitatorNow} ${facilitatorNow === 'You' ? 'facilitate' : 'facilitates'} this cycle` : 'Nobody facilitates this cycle (every pair is paused)'}
          {facilitatorNext ? `; ${facilitatorNext === 'You' ? 'you' : facilitatorNext} next cycle.` : '.'}
        </p>
        <p>
          {circle.meeting
            ? `The circle meets on ${capitalise(circle.meeting.day)} at ${circle.meeting.time} (${participant.cohort.timezone}), as every pair agreed in its contract.`
            : 'Your pairs have not agreed one meeting time in their contracts yet.'}
        </p>
      </section>

      {circle.facilitator.now === participant.id && <Agenda circle={circle} />}

      <section aria-labelledby="challenges">
        <h2 id="challenges">Challenges for the circle this cycle</h2>
        {circle.challenges.length === 0 ? (
          <p>No member has asked the circle about a challenge this cycle. Tick “ask my circle too” on the check-in form to bring one.</p>
        ) : (
          <ul>
            {circle.challenges.map((c) => (
              <li>
                <strong>{c.displayName}:</strong> {c.challenge}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="shared">
        <h2 id="shared">Shared with the cohort</h2>
        {circle.sharing.length === 0 ? (
          <p>No insight or strategy shared yet.</p>
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
                <span class="meta">
                  — {s.displayName}, week {s.week}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
