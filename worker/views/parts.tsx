/** Small pieces the participant's pages share. */
import type { Contract } from '../db/contracts.ts';
import { HONEYPOT } from '../forms/slots.ts';

/** A link to one of the participant's pages or forms, carrying their token. */
export function linkTo(path: string, token: string): string {
  return `${path}?t=${encodeURIComponent(token)}`;
}

/** What every small form of a participant's pages carries: their token, and the honeypot. */
export function Hidden({ token }: { token: string }) {
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <span class="trap" aria-hidden="true">
        <input type="text" name={HONEYPOT} tabindex={-1} autocomplete="off" aria-label="Leave this field empty" />
      </span>
    </>
  );
}

/** The links between a participant's own pages; a mentor's lead to their dashboard instead of a pair. */
export function PageLinks({ token, current, inCircle, mentorOf }: { token: string; current: 'me' | 'pair' | 'history' | 'circle' | 'cohort'; inCircle: boolean; mentorOf?: string }) {
  const pages = [
    { id: 'me', path: '/me/', label: 'This week' },
    mentorOf ? { id: 'dashboard', path: `/mentor/${mentorOf}`, label: 'Dashboard' } : { id: 'pair', path: '/me/pair', label: 'Our pair' },
    ...(inCircle ? [{ id: 'circle', path: '/me/circle', label: 'Our circle' }] : []),
    { id: 'cohort', path: '/me/cohort', label: 'Our cohort' },
    { id: 'history', path: '/me/history', label: 'My history' },
  ];
  return (
    <nav class="page-links" aria-label="Your pages">
      <ul>
        {pages.map((p) => (
          <li>{p.id === current ? <span aria-current="page">{p.label}</span> : <a href={linkTo(p.path, token)}>{p.label}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

/** A contract's full terms. */
export function ContractTerms({ terms }: { terms: Contract }) {
  return (
    <dl>
      <dt>Purpose</dt>
      <dd>{terms.purpose}</dd>
      <dt>When we meet</dt>
      <dd>
        {terms.cadenceDays === 14 ? 'Every two weeks' : 'Every week'} on {capitalise(terms.meetingDay)} at {terms.meetingTime}, {terms.meetingMinutes} minutes, {terms.channel}
      </dd>
      <dt>Boundaries</dt>
      <dd>{terms.boundaries}</dd>
      <dt>How we will know it works</dt>
      <dd>{terms.successMeasure}</dd>
      <dt>What each of us brings</dt>
      <dd>{terms.contributions}</dd>
      <dt>Each session</dt>
      <dd>{terms.dialogueFormat}</dd>
      <dt>When one of us misses check-ins</dt>
      <dd>{ladderText(terms.ladder)}</dd>
      <dt>Review on</dt>
      <dd>{terms.renegotiateOn}</dd>
    </dl>
  );
}

/** The escalation ladder in words. */
export function ladderText(ladder: Contract['ladder']): string {
  const steps = [
    ['the partner', ladder.partner],
    ['the circle’s facilitator', ladder.facilitator],
    ['the mentor', ladder.mentor],
  ].filter((s): s is [string, number] => s[1] !== null);
  if (steps.length === 0) return 'Nobody is told: the ladder is off.';
  return `${steps.map(([who, n]) => `${who} after ${n} missed check-in${n === 1 ? '' : 's'} in a row`).join(', then ')}.`.replace(/^./, (c) => c.toUpperCase());
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const OUTCOMES = { yes: 'done', partly: 'partly done', no: 'not done' } as const;

/** How an action went, in words. */
export function outcomeText(outcome: 'yes' | 'partly' | 'no'): string {
  return OUTCOMES[outcome];
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
  return (
    <p class="meta">
      {goal.measure}: {goal.target} by {goal.dueOn}
    </p>
  );
}

/** A piece of peer feedback: behaviour → impact → next step. */
export function FeedbackText({ feedback }: { feedback: { behaviour: string; impact: string; nextStep: string } }) {
  return (
    <>
      <p>
        <strong>What they saw:</strong> {feedback.behaviour}
      </p>
      <p>
        <strong>What it changed:</strong> {feedback.impact}
      </p>
      <p>
        <strong>Try next:</strong> {feedback.nextStep}
      </p>
    </>
  );
}
