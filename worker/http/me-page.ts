/** A participant's own page: everything they need for the week, with no JavaScript. */
import { html } from 'hono/html';
import type { MyWeek } from '../db/me.ts';
import type { Participant } from '../db/participants.ts';
import type { PairRole } from '../domain/roles.ts';
import { FORM_LIST } from '../forms/registry.ts';
import type { GuidanceEntry } from './guidance.ts';

const ROLE_DUTIES: Record<PairRole, string> = {
  observer: 'the observer: you keep time and give one piece of feedback at the end (behaviour → impact → next step)',
  reporter: 'the reporter: you note what each of you commits to, send a midweek nudge and speak for your pair in the circle',
  member: 'a member this cycle: you take part while the other two lead',
};

const KIND_LABELS = { win: 'Win', reflection: 'Reflection', milestone: 'Milestone' } as const;

export interface MePage {
  participant: Participant;
  token: string;
  my: MyWeek;
  /** Today in the cohort's timezone. */
  today: string;
  /** Library entries for what the latest check-in revealed. */
  guidance: { heading: string; entries: GuidanceEntry[] }[];
  /** A fresh idempotency key for each small form. */
  newKey: () => string;
}

export function renderMePage({ participant, token, my, today, guidance, newKey }: MePage) {
  const t = encodeURIComponent(token);
  // The token, and the honeypot every form carries (worker/http/submission.ts).
  const hidden = html`<input type="hidden" name="token" value="${token}" /><span class="trap" aria-hidden="true"><input type="text" name="website" tabindex="-1" autocomplete="off" aria-label="Leave this field empty" /></span>`;
  const partnerNames = my.partners.map((p) => p.displayName).join(' and ');
  return html`
    <h1>Hello, ${participant.displayName}</h1>
    <p class="lede">${participant.cohort.name} · week ${my.week}</p>

    <section aria-labelledby="this-week">
      <h2 id="this-week">This week</h2>
      ${my.partners.length === 0
        ? html`<p>You are not in a pair yet. Your mentor will pair you.</p>`
        : html`<p>Your partner${my.partners.length > 1 ? 's' : ''}: <strong>${partnerNames}</strong>.${my.pairPaused ? html` Your pair is <strong>paused</strong>: nobody expects a check-in until one of you sends one.` : ''}</p>`}
      ${my.myRole ? html`<p>You are ${ROLE_DUTIES[my.myRole]}.${my.partners.filter((p) => p.role).map((p) => html` ${p.displayName} is the ${p.role}.`)}</p>` : ''}
      ${my.circle
        ? html`<p>${my.circle.label}: ${my.circle.facilitator ? (my.circle.facilitator.id === participant.id ? html`<strong>you facilitate</strong> the circle this cycle.` : html`${my.circle.facilitator.displayName} facilitates this cycle.`) : 'no facilitator this cycle (everyone is paused).'}</p>`
        : ''}
      ${my.action ? html`<p class="recall">Your committed action (week ${my.action.week}): <strong>${my.action.text}</strong></p>` : ''}
      <p>${my.checkedInThisWeek ? 'You have checked in this week. ' : ''}<a href="/checkin/?t=${t}">${my.checkedInThisWeek ? 'Send another check-in' : 'Send this week’s check-in'}</a>${my.pulseDue ? html` · <a href="/pulse/?t=${t}">Your monthly pulse is due</a>` : ''}</p>
    </section>

    ${guidance.length
      ? html`<section aria-labelledby="guidance">
          <h2 id="guidance">For this week, from the library</h2>
          ${guidance.map(
            (g) => html`<h3>${g.heading}</h3>
              <ul>${g.entries.map((e) => html`<li><a href="/library/${e.slug}/">${e.title}</a> — ${e.summary}</li>`)}</ul>`,
          )}
        </section>`
      : ''}

    <section aria-labelledby="goals">
      <h2 id="goals">Your goals</h2>
      ${my.goals.length === 0 ? html`<p>No active goal. <a href="/goals/?t=${t}">Set a micro-goal</a>.</p>` : ''}
      ${my.goals.map(
        (g) => html`<article class="card">
          <h3>${g.what}</h3>
          <p class="meta">${g.measure}: ${g.target} by ${g.dueOn}</p>
          ${g.milestones.length ? html`<ul>${g.milestones.map((m) => html`<li>${m.title} <span class="meta">(${m.reachedOn})</span></li>`)}</ul>` : ''}
          <form method="post" action="/api/me/milestones" class="inline-form">
            ${hidden}<input type="hidden" name="goal_id" value="${g.id}" /><input type="hidden" name="idempotency_key" value="${newKey()}" />
            <label for="m-${g.id}">Milestone reached</label>
            <input type="text" id="m-${g.id}" name="title" required maxlength="200" />
            <label for="d-${g.id}">On</label>
            <input type="date" id="d-${g.id}" name="reached_on" required />
            <label class="share"><input type="checkbox" name="consent" value="public" /> Share it as a success story, under my display name</label>
            <button type="submit">Record it</button>
          </form>
          <form method="post" action="/api/me/goal-status" class="inline-form">
            ${hidden}<input type="hidden" name="goal_id" value="${g.id}" />
            <button type="submit" name="status" value="done">Mark done</button>
            <button type="submit" name="status" value="dropped" class="secondary">Drop it</button>
            <a href="/goals/?t=${t}">Recalibrate: replace it with a better goal</a>
          </form>
        </article>`,
      )}
    </section>

    <section aria-labelledby="published">
      <h2 id="published">What of yours is published</h2>
      ${my.published.length === 0
        ? html`<p>Nothing: everything you wrote is private. When you share a win, a reflection or a milestone, it is listed here.</p>`
        : html`<p class="meta">Shared with your consent, under your display name. Withdraw any of it in one step; it leaves the site at the next publication.</p>
            <ul>
              ${my.published.map(
                (item) => html`<li>
                  <span class="moment-kind">${KIND_LABELS[item.kind]}</span> ${item.text} <span class="meta">(week ${item.week}, ${item.consent === 'public' ? 'public' : 'your cohort'})</span>
                  <form method="post" action="/api/me/withdrawals" class="inline-form">${hidden}<input type="hidden" name="kind" value="${item.kind}" /><input type="hidden" name="id" value="${item.id}" /><button type="submit" class="secondary">Withdraw</button></form>
                </li>`,
              )}
            </ul>`}
    </section>

    <section aria-labelledby="contract">
      <h2 id="contract">Your partnership contract</h2>
      ${my.contract
        ? html`<p>Version ${my.contract.version}: meet ${my.contract.cadenceDays === 14 ? 'every two weeks' : 'every week'} on ${capitalise(my.contract.meetingDay)} at ${my.contract.meetingTime}, ${my.contract.channel}. ${my.contract.renegotiateOn < today ? html`<strong>Its review date, ${my.contract.renegotiateOn}, has passed:</strong> time to look at it together again.` : `Review on ${my.contract.renegotiateOn}.`}</p>
            <p>${my.contract.agreed ? html`<strong>Agreed</strong> by ${my.partners.length > 1 ? 'all' : 'both'} of you.` : html`Not agreed yet: waiting for ${my.contract.waitingFor.map((p) => p.displayName).join(' and ')} to confirm.`}</p>
            ${my.contract.waitingFor.some((p) => p.id === participant.id)
              ? html`<details><summary>Read it before you confirm</summary>
                  <dl>
                    <dt>Purpose</dt><dd>${my.contract.purpose}</dd>
                    <dt>Boundaries</dt><dd>${my.contract.boundaries}</dd>
                    <dt>How we will know it works</dt><dd>${my.contract.successMeasure}</dd>
                    <dt>What each of us brings</dt><dd>${my.contract.contributions}</dd>
                    <dt>Each session</dt><dd>${my.contract.dialogueFormat}</dd>
                  </dl></details>
                  <form method="post" action="/api/me/contract-confirmations">${hidden}<input type="hidden" name="contract_id" value="${my.contract.id}" /><input type="hidden" name="revision" value="${my.contract.revision}" /><button type="submit">I agree to version ${my.contract.version}</button></form>`
              : ''}
            <p><a href="/contract/?t=${t}">Propose a new version</a></p>`
        : html`<p>No contract yet. <a href="/contract/?t=${t}">Propose one</a> for your partner to confirm.</p>`}
    </section>

    ${my.feedbackToRate.length
      ? html`<section aria-labelledby="rate">
          <h2 id="rate">Feedback waiting for your rating</h2>
          ${my.feedbackToRate.map(
            (f) => html`<article class="card">
              <p class="meta">From ${f.from}</p>
              <p><strong>What they saw:</strong> ${f.behaviour}</p>
              <p><strong>What it changed:</strong> ${f.impact}</p>
              <p><strong>Try next:</strong> ${f.nextStep}</p>
              <form method="post" action="/api/me/feedback-ratings">
                ${hidden}<input type="hidden" name="feedback_id" value="${f.id}" />
                <fieldset><legend>How useful was it? (1 not useful, 5 very useful)</legend>
                  <div class="choices">${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="usefulness" value="${n}" required /><span>${n}</span></label>`)}</div>
                </fieldset>
                <button type="submit">Rate it</button>
              </form>
            </article>`,
          )}
        </section>`
      : ''}

    <section aria-labelledby="forms">
      <h2 id="forms">Your forms</h2>
      <ul>${FORM_LIST.map((form) => html`<li><a href="${form.page}?t=${t}">${form.linkLabel}</a></li>`)}</ul>
      <p><a href="/me/calendar.ics?t=${t}">Add your meetings and check-in dates to your calendar</a> (.ics)</p>
      <p class="meta">This page is yours alone: keep its link private.</p>
    </section>`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
