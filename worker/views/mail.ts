/**
 * The messages the rhythm sends: one template per kind, written once as content (paragraphs and
 * links) and rendered as plain text and as accessible HTML from it. Webhook posts use the text.
 * A nudge says how the partner stands, never what they wrote.
 */
import { html } from 'hono/html';
import type { Due } from '../domain/reminders.ts';

export interface MailLinks {
  /** The recipient's check-in form, and their page. */
  checkin: string;
  me: string;
  pulse: string;
  /** The mentor's dashboard (digest only). */
  dashboard?: string;
  /** One-click unsubscribe (RFC 8058). */
  unsubscribe: string;
}

export interface MailContext {
  cohortName: string;
  recipientName: string;
  /** The member an escalation is about. */
  aboutName?: string;
  /** Digest: one line per pair at risk, and the check-ins received last cycle. */
  digest?: { atRisk: string[]; received: string };
  links: MailLinks;
}

interface Content {
  subject: string;
  paragraphs: string[];
  actions: { label: string; url: string }[];
}

function contentOf(due: Due, ctx: MailContext): Content {
  const { links } = ctx;
  const week = due.cycle;
  switch (due.kind) {
    case 'reminder':
      return {
        subject: `Your week ${week} check-in is due today`,
        paragraphs: [`Hello ${ctx.recipientName},`, `your check-in for week ${week} of ${ctx.cohortName} is due today. Ten minutes: what moved, what got in the way, one concrete action for next time.`, 'Did you do last time’s action? Each answer below opens your check-in with it already chosen.'],
        actions: [
          { label: 'Send this week’s check-in', url: links.checkin },
          { label: 'Last action: done', url: `${links.checkin}&last_action_done=yes` },
          { label: 'Last action: partly', url: `${links.checkin}&last_action_done=partly` },
          { label: 'Last action: not done', url: `${links.checkin}&last_action_done=no` },
          { label: 'We need a pause this week', url: `${links.checkin}&needs_pause=on` },
        ],
      };
    case 'nudge': {
      const partners = due.detail.partnersIn ?? [];
      return {
        subject: partners.length ? `${partners.join(' and ')} checked in: your turn` : `Week ${week}: neither of you has checked in yet`,
        paragraphs: [
          `Hello ${ctx.recipientName},`,
          partners.length ? `${partners.join(' and ')} checked in for week ${week}: your turn. Your check-in is due by the end of today.` : `neither of you has checked in for week ${week} yet. It is due by the end of today: a few lines are enough.`,
        ],
        actions: [
          { label: 'Send this week’s check-in', url: links.checkin },
          { label: 'We need a pause this week', url: `${links.checkin}&needs_pause=on` },
        ],
      };
    }
    case 'escalation':
      return {
        subject: `${ctx.aboutName} has missed ${due.detail.missed} check-ins`,
        paragraphs: [
          `Hello ${ctx.recipientName},`,
          `${ctx.aboutName} has not checked in for ${due.detail.missed} cycles in a row. Their pair agreed in its contract that you would be told at this point, so you can reach out: a short, friendly message usually helps.`,
        ],
        actions: [{ label: due.step === 3 && links.dashboard ? 'Open your dashboard' : 'Open your page', url: due.step === 3 && links.dashboard ? links.dashboard : links.me }],
      };
    case 'pulse':
      return {
        subject: 'Your pulse is due',
        paragraphs: [`Hello ${ctx.recipientName},`, 'two minutes: how is your partnership doing? Trust, safety, feedback and adaptability, 1 to 5 each. Only groups of five or more are ever shown as figures.'],
        actions: [{ label: 'Send your pulse', url: links.pulse }],
      };
    case 'digest':
      return {
        subject: `${ctx.cohortName}, week ${week}: ${ctx.digest?.atRisk.length ? `${ctx.digest.atRisk.length} pair${ctx.digest.atRisk.length === 1 ? '' : 's'} at risk` : 'no pair at risk'}`,
        paragraphs: [`Hello ${ctx.recipientName},`, `last week: ${ctx.digest?.received ?? 'no check-ins'}.`, ...(ctx.digest?.atRisk.length ? ['Pairs at risk:', ...ctx.digest.atRisk.map((line) => `• ${line}`)] : ['No pair is at risk.'])],
        actions: [{ label: 'Open your dashboard', url: links.dashboard ?? links.me }],
      };
    case 'channel':
      return {
        subject: `${ctx.cohortName}: check-ins for week ${week} are due today`,
        paragraphs: [
          `${ctx.cohortName}: check-ins for week ${week} are due today.`,
          due.detail.missing?.length ? `Still to check in: ${due.detail.missing.join(', ')}.` : 'Everyone has checked in. Thank you!',
        ],
        actions: [],
      };
  }
}

function toText(content: Content, links: MailLinks, personal: boolean): string {
  const lines = [...content.paragraphs, '', ...content.actions.map((a) => `${a.label}: ${a.url}`)];
  if (personal) lines.push('', `Stop these messages: ${links.unsubscribe}`);
  return lines.join('\n').trim() + '\n';
}

/** The HTML part, written with hono/html (not JSX: the CLI runs this module on Node, which reads no .tsx). */
function mailHtml(content: Content, links: MailLinks) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${content.subject}</title>
  </head>
  <body>
    <main>
      ${content.paragraphs.map((p) => html`<p>${p}</p>`)}
      ${content.actions.length > 0 ? html`<ul>${content.actions.map((a) => html`<li><a href="${a.url}">${a.label}</a></li>`)}</ul>` : ''}
    </main>
    <footer><p><a href="${links.unsubscribe}">Stop these messages</a></p></footer>
  </body>
</html>`;
}

/** A message's subject, plain text and HTML. */
export function renderMessage(due: Due, ctx: MailContext): { subject: string; text: string; html: string } {
  const content = contentOf(due, ctx);
  const personal = due.to !== null;
  return {
    subject: content.subject,
    text: toText(content, ctx.links, personal),
    html: personal ? mailHtml(content, ctx.links).toString() : '',
  };
}
