/** A participant's own page: everything they need for the week, with no JavaScript. */
import type { Guidance } from '../assets.ts';
import type { MyWeek } from '../db/me.ts';
import type { PublishedItem } from '../db/published.ts';
import type { ReminderSettings } from '../db/reminder-settings.ts';
import type { Participant } from '../db/participants.ts';
import { MEETING_ALARM_MINUTES } from '../domain/calendar.ts';
import type { PairRole } from '../domain/roles.ts';
import { FORM_LIST } from '../forms/registry.ts';
import { GuidanceList } from './guidance.tsx';
import { ContractSection } from './contract.tsx';
import { clock, ReminderSettingsForm } from './reminder-settings.tsx';
import { FeedbackText, GoalLine, Hidden, linkTo, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

const ROLE_DUTIES: Record<PairRole, string> = {
  observer: 'the observer: you keep time and give one piece of feedback at the end (behaviour → impact → next step)',
  reporter: 'the reporter: you note what each of you commits to, send a midweek nudge and speak for your pair in the circle',
  member: 'a member this cycle: you take part while the other two lead',
};

const KIND_LABELS = { win: 'Win', reflection: 'Reflection', milestone: 'Milestone' } as const;

export interface MePageProps {
  participant: Participant;
  token: string;
  /** The host the page was asked for: the calendar feed's webcal:// address names it. */
  host: string;
  my: MyWeek;
  /** Today in the cohort's timezone. */
  today: string;
  /** Library entries for what the latest check-in revealed. */
  guidance: Guidance[];
  /** How they are reminded. */
  reminders: ReminderSettings;
  /** A fresh idempotency key for each small form. */
  newKey: () => string;
}

function ThisWeek({ participant, token, my }: MePageProps) {
  const partnerNames = my.partners.map((p) => p.displayName).join(' and ');
  const facilitator = my.circle?.facilitator;
  return (
    <section aria-labelledby="this-week">
      <h2 id="this-week">This week</h2>
      {participant.role === 'mentor' ? (
        <p>
          You are this cohort’s mentor: <a href={linkTo(`/mentor/${participant.cohort.slug}`, token)}>open your dashboard</a> to see every pair.
        </p>
      ) : my.partners.length === 0 ? (
        <p>You are not in a pair yet. Your mentor will pair you.</p>
      ) : (
        <p>
          Your partner{my.partners.length > 1 ? 's' : ''}: <strong>{partnerNames}</strong>.
          {my.pairPaused && (
            <>
              {' '}Your pair is <strong>paused</strong>: nobody expects a check-in until one of you sends one.
            </>
          )}
        </p>
      )}
      {my.myRole && (
        <p>
          You are {ROLE_DUTIES[my.myRole]}.
          {my.partners.filter((p) => p.role).map((p) => ` ${p.displayName} is the ${p.role}.`)}
        </p>
      )}
      {my.circle && (
        <p>
          {my.circle.label}:{' '}
          {facilitator ? (
            facilitator.id === participant.id ? (
              <>
                <strong>you facilitate</strong> the circle this cycle.
              </>
            ) : (
              `${facilitator.displayName} facilitates this cycle.`
            )
          ) : (
            'no facilitator this cycle (everyone is paused).'
          )}
        </p>
      )}
      {my.action && (
        <p class="recall">
          Your committed action (week {my.action.week}): <strong>{my.action.text}</strong>
        </p>
      )}
      <p>
        {my.checkedInThisWeek ? 'You have checked in this week. ' : ''}
        <a href={linkTo('/checkin/', token)}>{my.checkedInThisWeek ? 'Send another check-in' : 'Send this week’s check-in'}</a>
        {my.pulseDue && (
          <>
            {' · '}
            <a href={linkTo('/pulse/', token)}>Your monthly pulse is due</a>
          </>
        )}
      </p>
    </section>
  );
}

function Goals({ token, my, newKey }: MePageProps) {
  return (
    <section aria-labelledby="goals">
      <h2 id="goals">Your goals</h2>
      {my.goals.length === 0 && (
        <p>
          No active goal. <a href={linkTo('/goals/', token)}>Set a micro-goal</a>.
        </p>
      )}
      {my.goals.map((g) => (
        <article class="card">
          <h3>{g.what}</h3>
          <GoalLine goal={g} />
          {g.milestones.length > 0 && (
            <ul>
              {g.milestones.map((m) => (
                <li>
                  {m.title} <span class="meta">({m.reachedOn})</span>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action="/api/me/milestones" class="inline-form">
            <Hidden token={token} />
            <input type="hidden" name="goal_id" value={g.id} />
            <input type="hidden" name="idempotency_key" value={newKey()} />
            <label for={`m-${g.id}`}>Milestone reached</label>
            <input type="text" id={`m-${g.id}`} name="title" required maxlength={200} />
            <label for={`d-${g.id}`}>On</label>
            <input type="date" id={`d-${g.id}`} name="reached_on" required />
            <label class="share">
              <input type="checkbox" name="consent" value="public" /> Share it as a success story, under my display name
            </label>
            <button type="submit">Record it</button>
          </form>
          <form method="post" action="/api/me/goal-status" class="inline-form">
            <Hidden token={token} />
            <input type="hidden" name="goal_id" value={g.id} />
            <button type="submit" name="status" value="done">
              Mark done
            </button>
            <button type="submit" name="status" value="dropped" class="secondary">
              Drop it
            </button>
            <a href={linkTo('/goals/', token)}>Recalibrate: replace it with a better goal</a>
          </form>
        </article>
      ))}
    </section>
  );
}

/** What of theirs is published, each item with a button to withdraw it (also the whole page once their cohort ended). */
export function Published({ token, published }: { token: string; published: PublishedItem[] }) {
  return (
    <section aria-labelledby="published">
      <h2 id="published">What of yours is published</h2>
      {published.length === 0 ? (
        <p>Nothing: everything you wrote is private. When you share a win, a reflection or a milestone, it is listed here.</p>
      ) : (
        <>
          <p class="meta">Shared with your consent, under your display name. Withdraw any of it in one step: it leaves your cohort’s page at once, and the public site at its next publication.</p>
          <ul>
            {published.map((item) => (
              <li>
                <span class="moment-kind">{KIND_LABELS[item.kind]}</span> {item.text}{' '}
                <span class="meta">
                  (week {item.week}, {item.consent === 'public' ? 'public' : 'your cohort'})
                </span>
                <form method="post" action="/api/me/withdrawals" class="inline-form">
                  <Hidden token={token} />
                  <input type="hidden" name="kind" value={item.kind} />
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" class="secondary">
                    Withdraw
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FeedbackToRate({ token, my }: MePageProps) {
  if (my.feedbackToRate.length === 0) return null;
  return (
    <section aria-labelledby="rate">
      <h2 id="rate">Feedback waiting for your rating</h2>
      {my.feedbackToRate.map((f) => (
        <article class="card">
          <p class="meta">From {f.from}</p>
          <FeedbackText feedback={f} />
          <form method="post" action="/api/me/feedback-ratings">
            <Hidden token={token} />
            <input type="hidden" name="feedback_id" value={f.id} />
            <fieldset>
              <legend>How useful was it? (1 not useful, 5 very useful)</legend>
              <div class="choices">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label>
                    <input type="radio" name="usefulness" value={n} required />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit">Rate it</button>
          </form>
        </article>
      ))}
    </section>
  );
}

/** The calendar: a subscription that follows the contract and the cadence, or a file as it is today. */
function Calendar({ token, host, reminders }: MePageProps) {
  const feed = linkTo('/me/calendar.ics', token);
  return (
    <>
      <p>
        Your meetings and check-in dates in your calendar: <a href={`webcal://${host}${feed}`}>Subscribe in your calendar app</a>: it stays up to date. Or{' '}
        <a href={feed}>download the file</a> (.ics), as it is today. Either way, it reminds you {MEETING_ALARM_MINUTES} minutes before each meeting, and at{' '}
        {clock(reminders.hour)} (your reminder hour) on the day a check-in is due.
      </p>
      <p class="meta">The subscription’s address holds your personal link too: keep it private.</p>
    </>
  );
}

export function MePage(props: MePageProps) {
  const t = useT();
  const { participant, token, my, guidance } = props;
  return (
    <>
      <h1>Hello, {participant.displayName}</h1>
      <p class="lede">
        {participant.cohort.name} · week {my.week}
      </p>
      <PageLinks token={token} current="me" inCircle={my.circle !== null} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <ThisWeek {...props} />
      {guidance.length > 0 && (
        <section aria-labelledby="guidance">
          <h2 id="guidance">For this week, from the library</h2>
          <GuidanceList guidance={guidance} />
        </section>
      )}
      <Goals {...props} />
      <Published token={token} published={props.my.published} />
      <ContractSection participant={props.participant} token={props.token} my={props.my} today={props.today} />
      <FeedbackToRate {...props} />
      <ReminderSettingsForm participant={participant} token={token} reminders={props.reminders} />
      <section aria-labelledby="forms">
        <h2 id="forms">Your forms</h2>
        <ul>
          {FORM_LIST.map((form) => (
            <li>
              <a href={linkTo(form.page, token)}>{t(form.linkLabel)}</a>
            </li>
          ))}
        </ul>
        <Calendar {...props} />
        <p class="meta">This page is yours alone: keep its link private.</p>
      </section>
    </>
  );
}

