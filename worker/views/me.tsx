/** A participant's own page: everything they need for the week, with no JavaScript. */
import type { Guidance } from '../assets.ts';
import type { MyWeek } from '../db/me.ts';
import type { PublishedItem } from '../db/published.ts';
import type { ReminderSettings } from '../db/reminder-settings.ts';
import type { Participant } from '../db/participants.ts';
import { MEETING_ALARM_MINUTES } from '../domain/calendar.ts';
import { translator } from '../domain/i18n.ts';
import { LOCALES, textDirection } from '../domain/locales.ts';
import { FORM_LIST } from '../forms/registry.ts';
import { GuidanceList } from './guidance.tsx';
import { ContractSection } from './contract.tsx';
import { ReminderSettingsForm } from './reminder-settings.tsx';
import { clockHour, FeedbackText, GoalLine, Hidden, linkTo, PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

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
  const t = useT();
  const facilitator = my.circle?.facilitator;
  return (
    <section aria-labelledby="this-week">
      <h2 id="this-week">{t('me.thisWeek')}</h2>
      {participant.role === 'mentor' ? (
        <p>
          {t('me.mentor')} <a href={linkTo(`/mentor/${participant.cohort.slug}`, token)}>{t('me.mentor.dashboard')}</a>
        </p>
      ) : my.partners.length === 0 ? (
        <p>{t('me.unpaired')}</p>
      ) : (
        <p>
          {t('me.partners', { count: my.partners.length })} <strong>{t.list(my.partners.map((p) => p.displayName))}</strong>
          {my.pairPaused && <> {t('me.paused')}</>}
        </p>
      )}
      {my.myRole && (
        <p>
          {t('me.role', { role: my.myRole })}
          {my.partners.filter((p) => p.role).map((p) => ` ${t('me.partnerRole', { name: p.displayName, role: p.role! })}`)}
        </p>
      )}
      {my.circle && (
        <p>
          {facilitator
            ? facilitator.id === participant.id
              ? t('me.circle.you', { circle: my.circle.label })
              : t('me.circle.facilitator', { circle: my.circle.label, name: facilitator.displayName })
            : t('me.circle.nobody', { circle: my.circle.label })}
        </p>
      )}
      {my.action && (
        <p class="recall">
          {t('me.action', { week: my.action.week })} <strong>{my.action.text}</strong>
        </p>
      )}
      <p>
        {my.checkedInThisWeek && <>{t('me.checkedIn')} </>}
        <a href={linkTo('/checkin/', token)}>{my.checkedInThisWeek ? t('me.checkin.again') : t('me.checkin.send')}</a>
        {my.pulseDue && (
          <>
            {' · '}
            <a href={linkTo('/pulse/', token)}>{t('me.pulse')}</a>
          </>
        )}
      </p>
    </section>
  );
}

function Goals({ token, my, newKey }: MePageProps) {
  const t = useT();
  return (
    <section aria-labelledby="goals">
      <h2 id="goals">{t('me.goals')}</h2>
      {my.goals.length === 0 && (
        <p>
          {t('me.goals.none')} <a href={linkTo('/goals/', token)}>{t('me.goals.set')}</a>
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
                  {m.title} <span class="meta">({t.date(m.reachedOn, 'year')})</span>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action="/api/me/milestones" class="inline-form">
            <Hidden token={token} />
            <input type="hidden" name="goal_id" value={g.id} />
            <input type="hidden" name="idempotency_key" value={newKey()} />
            <label for={`m-${g.id}`}>{t('me.milestone.label')}</label>
            <input type="text" id={`m-${g.id}`} name="title" required maxlength={200} />
            <label for={`d-${g.id}`}>{t('me.milestone.on')}</label>
            <input type="date" id={`d-${g.id}`} name="reached_on" required />
            <label class="share">
              <input type="checkbox" name="consent" value="public" /> {t('me.milestone.share')}
            </label>
            <button type="submit">{t('me.milestone.record')}</button>
          </form>
          <form method="post" action="/api/me/goal-status" class="inline-form">
            <Hidden token={token} />
            <input type="hidden" name="goal_id" value={g.id} />
            <button type="submit" name="status" value="done">
              {t('me.goal.done')}
            </button>
            <button type="submit" name="status" value="dropped" class="secondary">
              {t('me.goal.drop')}
            </button>
            <a href={linkTo('/goals/', token)}>{t('me.goal.recalibrate')}</a>
          </form>
        </article>
      ))}
    </section>
  );
}

/** What of theirs is published, each item with a button to withdraw it (also the whole page once their cohort ended). */
export function Published({ token, published }: { token: string; published: PublishedItem[] }) {
  const t = useT();
  return (
    <section aria-labelledby="published">
      <h2 id="published">{t('me.published')}</h2>
      {published.length === 0 ? (
        <p>{t('me.published.none')}</p>
      ) : (
        <>
          <p class="meta">{t('me.published.intro')}</p>
          <ul>
            {published.map((item) => (
              <li>
                <span class="moment-kind">{t('me.published.kind', { kind: item.kind })}</span> {item.text} <span class="meta">{t('me.published.where', { week: item.week, consent: item.consent })}</span>
                <form method="post" action="/api/me/withdrawals" class="inline-form">
                  <Hidden token={token} />
                  <input type="hidden" name="kind" value={item.kind} />
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" class="secondary">
                    {t('me.published.withdraw')}
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
  const t = useT();
  if (my.feedbackToRate.length === 0) return null;
  return (
    <section aria-labelledby="rate">
      <h2 id="rate">{t('me.rate.heading')}</h2>
      {my.feedbackToRate.map((f) => (
        <article class="card">
          <p class="meta">{t('me.rate.from', { name: f.from })}</p>
          <FeedbackText feedback={f} />
          <form method="post" action="/api/me/feedback-ratings">
            <Hidden token={token} />
            <input type="hidden" name="feedback_id" value={f.id} />
            <fieldset>
              <legend>{t('me.rate.legend')}</legend>
              <div class="choices">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label>
                    <input type="radio" name="usefulness" value={n} required />
                    <span>{t.number(n)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit">{t('me.rate.submit')}</button>
          </form>
        </article>
      ))}
    </section>
  );
}

/** The calendar: a subscription that follows the contract and the cadence, or a file as it is today. */
function Calendar({ token, host, reminders }: MePageProps) {
  const t = useT();
  const feed = linkTo('/me/calendar.ics', token);
  // The links sit inside the sentence, so it comes in pieces; each piece is a whole clause.
  return (
    <>
      <p>
        {t('calendar.intro')} <a href={`webcal://${host}${feed}`}>{t('calendar.subscribe')}</a>
        {t('calendar.subscribe.note')} {t('calendar.or')} <a href={feed}>{t('calendar.download')}</a> {t('calendar.download.note')}{' '}
        {t('calendar.alarms', { minutes: MEETING_ALARM_MINUTES, hour: clockHour(t, reminders.hour) })}
      </p>
      <p class="meta">{t('calendar.private')}</p>
    </>
  );
}

/**
 * The language of their pages, forms and mails: their cohort's (an empty choice), or one of their
 * own. Each language is offered in its own name, marked with its `lang` so it is read out right.
 */
function LanguageForm({ participant, token }: { participant: Participant; token: string }) {
  const t = useT();
  const ownName = (locale: (typeof LOCALES)[number]) => (locale === t.locale ? t('language.self') : translator(locale)('language.self'));
  return (
    <section aria-labelledby="language">
      <h2 id="language">{t('language.choose.heading')}</h2>
      <form method="post" action="/api/me/language" class="inline-form">
        <Hidden token={token} />
        <label for="language-choice">{t('language.choose.label')}</label>{' '}
        <select id="language-choice" name="language">
          <option value="" selected={!participant.ownLanguage}>
            {t('language.choose.cohort', { language: t(`language.${participant.cohort.language}`) })}
          </option>
          {LOCALES.map((locale) => (
            <option value={locale} lang={locale} dir={textDirection(locale)} selected={participant.ownLanguage && participant.language === locale}>
              {ownName(locale)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('language.choose.save')}</button>
      </form>
    </section>
  );
}

export function MePage(props: MePageProps) {
  const t = useT();
  const { participant, token, my, guidance } = props;
  return (
    <>
      <h1>{t('me.hello', { name: participant.displayName })}</h1>
      <p class="lede">{t('me.lede', { cohort: participant.cohort.name, week: my.week })}</p>
      <PageLinks token={token} current="me" inCircle={my.circle !== null} mentorOf={participant.role === 'mentor' ? participant.cohort.slug : undefined} />
      <ThisWeek {...props} />
      {guidance.length > 0 && (
        <section aria-labelledby="guidance">
          <h2 id="guidance">{t('me.guidance')}</h2>
          <GuidanceList guidance={guidance} />
        </section>
      )}
      <Goals {...props} />
      <Published token={token} published={props.my.published} />
      <ContractSection participant={props.participant} token={props.token} my={props.my} today={props.today} />
      <FeedbackToRate {...props} />
      <ReminderSettingsForm participant={participant} token={token} reminders={props.reminders} />
      <LanguageForm participant={participant} token={token} />
      <section aria-labelledby="forms">
        <h2 id="forms">{t('me.forms')}</h2>
        <ul>
          {FORM_LIST.map((form) => (
            <li>
              <a href={linkTo(form.page, token)}>{t(form.linkLabel)}</a>
            </li>
          ))}
        </ul>
        <Calendar {...props} />
        <p class="meta">{t('me.private')}</p>
      </section>
    </>
  );
}

