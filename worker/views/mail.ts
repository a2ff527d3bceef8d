/**
 * The messages the rhythm sends: one template per kind, written once as content (paragraphs and
 * links) and rendered as plain text and as accessible HTML from it, in the reader's language.
 * Webhook posts use the text. A nudge says how the partner stands, never what they wrote.
 */
import { html } from 'hono/html';
import type { Translator } from '../domain/i18n.ts';
import type { Ratio } from '../domain/metrics.ts';
import type { Due } from '../domain/reminders.ts';
import { sayRisks, type RiskReason } from '../domain/risks.ts';

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

/** The mentor's digest: each pair at risk with its reasons, and last cycle's check-ins received of those expected. */
export interface Digest {
  atRisk: { pair: string; members: string; risks: RiskReason[] }[];
  /** The last complete cycle. */
  week: number;
  /** Null before that cycle has figures. */
  received: Ratio | null;
}

export interface MailContext {
  /** The reader's words: the recipient's language (their own, else their cohort's); a webhook's is the cohort's. */
  t: Translator;
  cohortName: string;
  recipientName: string;
  /** The member an escalation is about. */
  aboutName?: string;
  digest?: Digest;
  links: MailLinks;
}

interface Content {
  subject: string;
  paragraphs: string[];
  actions: { label: string; url: string }[];
}

function contentOf(due: Due, ctx: MailContext): Content {
  const { links, t } = ctx;
  const week = due.cycle;
  // The day the check-in is due, as the recipient's calendar has it ("Sunday 7 March").
  const date = t.date(due.dueOn, 'weekday');
  const hello = t('mail.greeting', { name: ctx.recipientName });
  const checkin = { label: t('mail.action.checkin'), url: links.checkin };
  const pause = { label: t('mail.action.pause'), url: `${links.checkin}&needs_pause=on` };
  switch (due.kind) {
    case 'reminder':
      return {
        subject: t('mail.reminder.subject', { week }),
        paragraphs: [hello, t('mail.reminder.body', { week, cohort: ctx.cohortName, date }), t('mail.reminder.lastAction')],
        actions: [
          checkin,
          { label: t('mail.action.done'), url: `${links.checkin}&last_action_done=yes` },
          { label: t('mail.action.partly'), url: `${links.checkin}&last_action_done=partly` },
          { label: t('mail.action.notDone'), url: `${links.checkin}&last_action_done=no` },
          pause,
        ],
      };
    case 'nudge': {
      const partnersIn = due.detail.partnersIn ?? [];
      const partners = { partners: t.list(partnersIn), count: partnersIn.length, week, date };
      return {
        subject: partnersIn.length ? t('mail.nudge.subject.partners', partners) : t('mail.nudge.subject.none', { week }),
        paragraphs: [hello, partnersIn.length ? t('mail.nudge.partners', partners) : t('mail.nudge.none', { week, date })],
        actions: [checkin, pause],
      };
    }
    case 'escalation': {
      const about = { name: ctx.aboutName ?? '', missed: due.detail.missed ?? 0 };
      const toDashboard = due.step === 3 && links.dashboard;
      return {
        subject: t('mail.escalation.subject', about),
        paragraphs: [hello, t('mail.escalation.body', about)],
        actions: [toDashboard ? { label: t('mail.action.dashboard'), url: links.dashboard! } : { label: t('mail.action.me'), url: links.me }],
      };
    }
    case 'pulse':
      return {
        subject: t('mail.pulse.subject'),
        paragraphs: [hello, t('mail.pulse.body')],
        actions: [{ label: t('mail.action.pulse'), url: links.pulse }],
      };
    case 'digest': {
      const digest = ctx.digest ?? { atRisk: [], week: week - 1, received: null };
      const received = digest.received ? t('mail.digest.received', { ...digest.received, week: digest.week }) : t('mail.digest.noFigures', { week: digest.week });
      const atRisk = digest.atRisk.map((p) => t('mail.digest.pair', { pair: p.pair, members: p.members, reasons: sayRisks(t, p.risks) }));
      return {
        subject: t('mail.digest.subject', { cohort: ctx.cohortName, week, atRisk: atRisk.length }),
        paragraphs: [hello, received, ...(atRisk.length ? [t('mail.digest.atRisk'), ...atRisk] : [t('mail.digest.none')])],
        actions: [{ label: t('mail.action.dashboard'), url: links.dashboard ?? links.me }],
      };
    }
    case 'channel': {
      const missing = due.detail.missing ?? [];
      return {
        subject: t('webhook.subject', { cohort: ctx.cohortName, week }),
        paragraphs: [t('webhook.due', { cohort: ctx.cohortName, week, date }), missing.length ? t('webhook.missing', { names: t.list(missing) }) : t('webhook.everyone')],
        actions: [],
      };
    }
  }
}

function toText(t: Translator, content: Content, links: MailLinks, personal: boolean): string {
  const lines = [...content.paragraphs, '', ...content.actions.map((a) => t('mail.actionLine', a))];
  if (personal) lines.push('', t('mail.stop', { url: links.unsubscribe }));
  return lines.join('\n').trim() + '\n';
}

/** The HTML part, written with hono/html (not JSX: the CLI runs this module on Node, which reads no .tsx). */
function mailHtml(t: Translator, content: Content, links: MailLinks) {
  return html`<!doctype html>
<html lang="${t.locale}" dir="${t.dir}">
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
    <footer><p><a href="${links.unsubscribe}">${t('mail.stop.link')}</a></p></footer>
  </body>
</html>`;
}

/** A message's subject, plain text and HTML. */
export function renderMessage(due: Due, ctx: MailContext): { subject: string; text: string; html: string } {
  const content = contentOf(due, ctx);
  const personal = due.to !== null;
  return {
    subject: content.subject,
    text: toText(ctx.t, content, ctx.links, personal),
    html: personal ? mailHtml(ctx.t, content, ctx.links).toString() : '',
  };
}
