/** Small pieces the participant's pages share. */
import type { Contract } from '../db/contracts.ts';
import type { Translator } from '../domain/i18n.ts';
import { HONEYPOT } from '../forms/slots.ts';
import { useT } from './i18n.ts';

/** A link to one of the participant's pages or forms, carrying their token. */
export function linkTo(path: string, token: string): string {
  return `${path}?t=${encodeURIComponent(token)}`;
}

/** What every small form of a participant's pages carries: their token, and the honeypot. */
export function Hidden({ token }: { token: string }) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <span class="trap" aria-hidden="true">
        <input type="text" name={HONEYPOT} tabindex={-1} autocomplete="off" aria-label={t('me.trap')} />
      </span>
    </>
  );
}

/** The links between a participant's own pages; a mentor's lead to their dashboard instead of a pair. */
export function PageLinks({ token, current, inCircle, mentorOf }: { token: string; current: 'me' | 'pair' | 'history' | 'circle' | 'cohort'; inCircle: boolean; mentorOf?: string }) {
  const t = useT();
  const pages = [
    { id: 'me', path: '/me/', label: t('me.links.me') },
    mentorOf ? { id: 'dashboard', path: `/mentor/${mentorOf}`, label: t('me.links.dashboard') } : { id: 'pair', path: '/me/pair', label: t('me.links.pair') },
    ...(inCircle ? [{ id: 'circle', path: '/me/circle', label: t('me.links.circle') }] : []),
    { id: 'cohort', path: '/me/cohort', label: t('me.links.cohort') },
    { id: 'history', path: '/me/history', label: t('me.links.history') },
  ];
  return (
    <nav class="page-links" aria-label={t('me.links.label')}>
      <ul>
        {pages.map((p) => (
          <li>{p.id === current ? <span aria-current="page">{p.label}</span> : <a href={linkTo(p.path, token)}>{p.label}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

/** A wall-clock time (HH:MM) as the reader's language writes it. */
export function clockTime(t: Translator, time: string): string {
  return t.date(new Date(`1970-01-01T${time}:00Z`), 'time', 'UTC');
}

/** An hour of the day (0–23) as a clock reads it: 09:00. */
export function clockHour(t: Translator, hour: number): string {
  return clockTime(t, `${String(hour).padStart(2, '0')}:00`);
}

/** A meeting's rhythm, as the arguments of a message that says it: cadence (weekly | fortnightly), day and time in words. */
export function meetingValues(t: Translator, terms: Pick<Contract, 'cadenceDays' | 'meetingDay' | 'meetingTime'>) {
  return { cadence: terms.cadenceDays === 14 ? 'fortnightly' : 'weekly', day: t('contract.weekday', { day: terms.meetingDay }), time: clockTime(t, terms.meetingTime) };
}

/** A contract's full terms. */
export function ContractTerms({ terms }: { terms: Contract }) {
  const t = useT();
  return (
    <dl>
      <dt>{t('contract.terms.purpose')}</dt>
      <dd>{terms.purpose}</dd>
      <dt>{t('contract.terms.when')}</dt>
      <dd>{t('contract.terms.whenText', { ...meetingValues(t, terms), minutes: terms.meetingMinutes, channel: terms.channel })}</dd>
      <dt>{t('contract.terms.boundaries')}</dt>
      <dd>{terms.boundaries}</dd>
      <dt>{t('contract.terms.success')}</dt>
      <dd>{terms.successMeasure}</dd>
      <dt>{t('contract.terms.contributions')}</dt>
      <dd>{terms.contributions}</dd>
      <dt>{t('contract.terms.session')}</dt>
      <dd>{terms.dialogueFormat}</dd>
      <dt>{t('contract.terms.ladder')}</dt>
      <dd>{ladderText(t, terms.ladder)}</dd>
      <dt>{t('contract.terms.review')}</dt>
      <dd>{t.date(terms.renegotiateOn, 'year')}</dd>
    </dl>
  );
}

/** The escalation ladder in words: each step one message, chained with "then" in the reader's language. */
export function ladderText(t: Translator, ladder: Contract['ladder']): string {
  const steps = (['partner', 'facilitator', 'mentor'] as const).filter((who) => ladder[who] !== null).map((who) => t('contract.ladder.step', { who, count: ladder[who]! }));
  if (steps.length === 0) return t('contract.ladder.off');
  const chained = steps.reduce((before, next) => t('contract.ladder.then', { before, next }));
  return t('contract.ladder.sentence', { steps: chained.charAt(0).toLocaleUpperCase(t.locale) + chained.slice(1) });
}

/** How an action went, in words. */
export function outcomeText(t: Translator, outcome: 'yes' | 'partly' | 'no'): string {
  return t('me.outcome', { outcome });
}

/** Answers as a list of label and text, leaving out the ones not given. */
export function Answers({ answers }: { answers: [string, string][] }) {
  return (
    <dl class="answers">
      {answers
        .filter(([, text]) => text !== '')
        .map(([label, text]) => (
          <>
            <dt>{label}</dt>
            <dd>{text}</dd>
          </>
        ))}
    </dl>
  );
}

/** What a goal is, how it is measured and by when. */
export function GoalLine({ goal }: { goal: { measure: string; target: string; dueOn: string } }) {
  const t = useT();
  return <p class="meta">{t('me.goal.line', { measure: goal.measure, target: goal.target, due: t.date(goal.dueOn, 'year') })}</p>;
}

/** A piece of peer feedback: behaviour → impact → next step. */
export function FeedbackText({ feedback }: { feedback: { behaviour: string; impact: string; nextStep: string } }) {
  const t = useT();
  return (
    <>
      <p>
        <strong>{t('me.feedback.saw')}</strong> {feedback.behaviour}
      </p>
      <p>
        <strong>{t('me.feedback.changed')}</strong> {feedback.impact}
      </p>
      <p>
        <strong>{t('me.feedback.next')}</strong> {feedback.nextStep}
      </p>
    </>
  );
}
