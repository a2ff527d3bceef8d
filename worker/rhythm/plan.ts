/**
 * One run of the rhythm at an instant: for each running cohort, the messages due (domain), each
 * rendered (views/mail.tsx) and recorded under its key (db) before anything is sent. Answers the
 * ids recorded by this run: the cron puts them on the queue, `tandem reminders run` sends them itself.
 * The same run twice at the same instant records nothing the second time.
 */
import { loadDashboard } from '../db/mentor.ts';
import { getCohortBySlug } from '../db/cohorts.ts';
import { listLinkRecipients } from '../db/participants.ts';
import { listRunningCohorts, loadCohortState, recordedKeys, recordMessages, type Rendered, type RhythmCohort } from '../db/reminders.ts';
import { translator, type Translator } from '../domain/i18n.ts';
import { signToken } from '../domain/links.ts';
import type { Locale } from '../domain/locales.ts';
import { dueMessages, type CohortState, type Due } from '../domain/reminders.ts';
import { cycleAt, localDate } from '../domain/weeks.ts';
import { renderMessage, type Digest, type MailLinks } from '../views/mail.ts';

export interface RunOptions {
  /** Where links in messages point: the site's address. */
  baseUrl: string;
  linkSecret: string;
  /** Only this cohort (by slug). */
  cohort?: string;
  /** Writes every message in the pseudo-locale (tests: see worker/domain/i18n.ts). */
  pseudo?: boolean;
  /** Only these cohorts (by id): one slice of the cron (worker/sliced-cron.ts). */
  cohortIds?: readonly number[];
}

export interface RunResult {
  /** Messages due at the instant, recorded before or now. */
  due: number;
  /** Ids recorded by this run: the ones to send. */
  recorded: number[];
}

export async function runReminders(db: D1Database, now: Date, options: RunOptions): Promise<RunResult> {
  const today = localDate(now, 'UTC');
  const only = options.cohortIds && new Set(options.cohortIds);
  const cohorts = (await listRunningCohorts(db, today)).filter((c) => (!options.cohort || c.slug === options.cohort) && (!only || only.has(c.id)));
  let due = 0;
  const recorded: number[] = [];
  for (const cohort of cohorts) {
    const state = await loadCohortState(db, cohort, cycleAt(cohort.calendar, now));
    const messages = dueMessages(state, now);
    due += messages.length;
    // Render only what is new; the key decides again, atomically, when it is recorded.
    const known = await recordedKeys(db, messages.map((m) => m.key));
    const fresh = messages.filter((m) => !known.has(m.key));
    if (fresh.length === 0) continue;
    recorded.push(...(await recordMessages(db, await renderAll(db, cohort, state, fresh, now, options), now)));
  }
  return { due, recorded };
}

async function renderAll(db: D1Database, cohort: RhythmCohort, state: CohortState, due: Due[], now: Date, options: RunOptions): Promise<Rendered[]> {
  const people = new Map((await listLinkRecipients(db, cohort.id)).map((p) => [p.id, p]));
  // Each person's messages in their language (their own, else the cohort's); a webhook's in the cohort's.
  const languages = new Map([...state.mentees, ...(state.mentor ? [state.mentor] : [])].map((r) => [r.id, r.language]));
  const translators = new Map<Locale, Translator>();
  const wordsFor = (to: number | null) => {
    const locale = (to === null ? undefined : languages.get(to)) ?? cohort.language;
    let t = translators.get(locale);
    if (!t) translators.set(locale, (t = translator(locale, { pseudo: options.pseudo })));
    return t;
  };
  // One signature per recipient, however many links their message carries.
  const tokens = new Map<number, Promise<string>>();
  const tokenOf = (id: number) => {
    let token = tokens.get(id);
    if (!token) {
      const p = people.get(id)!;
      token = signToken(options.linkSecret, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
      tokens.set(id, token);
    }
    return token;
  };
  const link = async (id: number, path: string) => `${options.baseUrl}${path}?t=${encodeURIComponent(await tokenOf(id))}`;
  const digest = due.some((d) => d.kind === 'digest') ? await digestOf(db, cohort, now) : undefined;
  const rendered: Rendered[] = [];
  for (const d of due) {
    const links: MailLinks =
      d.to === null
        ? { checkin: options.baseUrl, me: options.baseUrl, pulse: options.baseUrl, unsubscribe: options.baseUrl }
        : {
            checkin: await link(d.to, '/checkin/'),
            me: await link(d.to, '/me/'),
            pulse: await link(d.to, '/pulse/'),
            dashboard: d.kind === 'digest' || d.step === 3 ? await link(d.to, `/mentor/${cohort.slug}`) : undefined,
            unsubscribe: await link(d.to, '/unsubscribe'),
          };
    const message = renderMessage(d, {
      t: wordsFor(d.to),
      cohortName: cohort.name,
      recipientName: d.to === null ? '' : people.get(d.to)!.displayName,
      aboutName: d.about === null ? undefined : people.get(d.about)?.displayName,
      digest,
      links,
    });
    rendered.push({ key: d.key, cohortId: cohort.id, to: d.to, circle: d.circle, about: d.about, kind: d.kind, cycle: d.cycle, channel: d.to === null ? 'webhook' : 'mail', ...message });
  }
  return rendered;
}

/** The mentor's digest: pairs at risk with their reasons, and last cycle's check-ins (put into words by the mail). */
async function digestOf(db: D1Database, rhythm: RhythmCohort, now: Date): Promise<Digest> {
  const cohort = (await getCohortBySlug(db, rhythm.slug))!;
  const dashboard = await loadDashboard(db, cohort, now);
  const atRisk = dashboard.pairs.filter((p) => p.risks.length > 0).map((p) => ({ pair: p.pair, members: p.members, risks: p.risks }));
  const week = dashboard.lastComplete;
  const counts = dashboard.figures.weeks.find((w) => w.week === week)?.engagement;
  return { atRisk, week, received: counts ? { part: counts.part, whole: counts.whole } : null };
}
