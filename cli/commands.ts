/** The mentor's commands. Each takes parsed options and an open database, and prints what it did. */
import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { signToken } from '../worker/domain/links.ts';
import { loadCircles } from '../worker/db/circles.ts';
import { getCohortBySlug, insertCohort, setCadence, setCohortLanguage, setPublication, type Cohort, type Publication } from '../worker/db/cohorts.ts';
import { translator } from '../worker/domain/i18n.ts';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../worker/domain/locales.ts';
import { everyDays, isCadence, MAX_CADENCE_DAYS, MIN_CADENCE_DAYS, planCadence } from '../worker/domain/cadence.ts';
import { listLinkRecipients } from '../worker/db/participants.ts';
import { listProgramFeedback, listPulseComments } from '../worker/db/pulses.ts';
import { setCircleWebhook, setWebhook } from '../worker/db/reminders.ts';
import { setRetention } from '../worker/db/retention.ts';
import { importRoster, listRoster } from '../worker/db/roster.ts';
import { cadenceOf, cycleAt, isTimezone, localDate } from '../worker/domain/weeks.ts';
import type { Connection } from '../worker/db/connection.ts';
import { readRoster } from './roster.ts';
import { printable, say } from './terminal.ts';
import { applyDates, newCohortDates, planDates } from './cohort-dates.ts';

import { UsageError, type Options } from './usage-error.ts';

export { UsageError, type Options };

export function required(options: Options, name: string, what: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name} (${what}).`);
  return value.trim();
}

async function cohortOrFail(db: D1Database, slug: string): Promise<Cohort> {
  const cohort = await getCohortBySlug(db, slug);
  if (!cohort) throw new UsageError(`There is no cohort “${slug}”. Add it first: npm run tandem -- cohort add --slug ${slug} --name "…" --timezone Europe/London`);
  return cohort;
}

export async function addCohort(conn: Connection, options: Options): Promise<Cohort> {
  const slug = required(options, 'slug', 'a short name for addresses, e.g. spring-2027');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 60) throw new UsageError(`--slug “${slug}” must be lower-case letters and digits joined by dashes, e.g. spring-2027.`);
  const name = required(options, 'name', 'the cohort name pages show');
  const timezone = required(options, 'timezone', 'an IANA timezone such as Europe/London');
  if (!isTimezone(timezone)) throw new UsageError(`--timezone “${timezone}” is not a timezone name; use one like Europe/London or America/New_York.`);
  const cadenceDays = cadenceOption(typeof options.cadence === 'string' ? options.cadence : '7');
  const { startsOn, endsOn } = newCohortDates(options, timezone, new Date());
  const publication = typeof options.publication === 'string' ? publicationOption(options.publication) : 'unlisted';
  const language = options.language === undefined ? DEFAULT_LOCALE : languageOption(String(options.language));

  const cohort = await insertCohort(conn.db, { slug, name, timezone, cadenceDays, startsOn, endsOn, publication, language });
  if (!cohort) throw new UsageError(`A cohort with the slug “${slug}” exists already; choose another --slug.`);
  console.log(`Added cohort “${name}” (${slug}): starts ${startsOn}${endsOn ? `, ends ${endsOn}` : ''}, check-ins every ${cadenceDays} days, timezone ${timezone}, pages in ${languageName(language)}.`);
  console.log(whereItIs(cohort, linkOrigin(options)));
  console.log(`Next: npm run tandem -- roster import roster.csv --cohort ${slug}`);
  return cohort;
}

export async function importRosterFile(conn: Connection, file: string | undefined, options: Options): Promise<void> {
  if (!file) throw new UsageError('Name the roster file: npm run tandem -- roster import roster.csv --cohort SLUG');
  const cohort = await cohortOrFail(conn.db, required(options, 'cohort', 'the cohort slug'));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  const entries = readRoster(text, await listRoster(conn.db, cohort.id));
  const result = await importRoster(conn.db, cohort.id, entries);
  say(`Imported ${result.participants} participants in ${result.pairs} pairs and ${result.circles} circles into “${cohort.name}”.`);
  console.log(`Next: npm run tandem -- links --cohort ${cohort.slug} --base-url https://your-site.example --out links.csv`);
}

/** The secret links are signed with, or a message saying where to set it. */
export function linkSecret(conn: Connection): string {
  const secret = conn.env.LINK_SECRET;
  if (!secret) throw new UsageError(conn.remote ? 'Set LINK_SECRET in your environment to the secret your Worker uses (wrangler secret put LINK_SECRET).' : 'No LINK_SECRET in .dev.vars: run npm run setup.');
  return secret;
}

/** The origin links point to: --base-url, or the local server. */
export function linkOrigin(options: Options): string {
  const base = typeof options['base-url'] === 'string' ? options['base-url'] : 'http://localhost:8787';
  let url: URL | null = null;
  try {
    url = new URL(base);
  } catch {
    url = null;
  }
  // "localhost:8787" parses as a URL of scheme "localhost:", whose origin is "null": every link would read null/….
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UsageError(`--base-url “${base}” is not a web address; use one like https://tandem.example.org.`);
  return url.origin;
}

/** Writes everyone's personal links as CSV to --out FILE, or to stdout. */
export async function printLinks(conn: Connection, options: Options): Promise<string> {
  const cohort = await cohortOrFail(conn.db, required(options, 'cohort', 'the cohort slug'));
  const secret = linkSecret(conn);
  const origin = linkOrigin(options);
  const people = await listLinkRecipients(conn.db, cohort.id);
  const rows = await Promise.all(
    people.map(async (p) => {
      const token = await signToken(secret, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
      const dashboard = p.role === 'mentor' ? `${origin}/mentor/${cohort.slug}?t=${token}` : '';
      return [p.displayName, p.email, p.role, `${origin}/checkin/?t=${token}`, `${origin}/reflect/?t=${token}`, `${origin}/me/?t=${token}`, dashboard];
    }),
  );
  // Names are typed by people: a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is quoted with '.
  const csv = stringify([['name', 'email', 'role', 'checkin_url', 'reflect_url', 'me_url', 'dashboard_url'], ...rows], { escape_formulas: true });
  if (people.length === 0) console.error(`Cohort “${cohort.slug}” has nobody yet: import a roster first.`);
  if (typeof options.out === 'string') {
    await writeFile(options.out, csv, { mode: 0o600 });
    console.error(`Wrote ${people.length} people's links to ${options.out}. It holds e-mail addresses and personal links: keep it private.`);
  } else {
    process.stdout.write(printable(csv));
  }
  return csv;
}

/** Prints the cohort's circles and pairs with this cycle's roles. */
export async function printPairs(conn: Connection, options: Options): Promise<void> {
  const cohort = await cohortOrFail(conn.db, required(options, 'cohort', 'the cohort slug'));
  const week = cycleAt(cohort, new Date());
  const { circles, mentors } = await loadCircles(conn.db, cohort, week);
  const lines = [`${cohort.name} — week ${week} (cycles of ${cadenceOf(cohort, week)} days)`, ''];
  for (const circle of circles) {
    lines.push(circle.label === null ? 'Pairs without a circle' : `${circle.label} — facilitator this cycle: ${circle.facilitator ?? 'nobody (all paused)'}`);
    for (const pair of circle.pairs) {
      const members = pair.members.map((m) => `${m.name} (${m.role ?? (pair.members.length === 1 ? 'no partner yet' : 'joins later')})`).join(', ');
      lines.push(`  ${pair.label}: ${members}${pair.paused ? '  [paused]' : ''}`);
    }
    lines.push('');
  }
  if (circles.length === 0) lines.push('Nobody is paired yet: import a roster first.', '');
  if (mentors.length) lines.push(`Mentor${mentors.length > 1 ? 's' : ''}: ${mentors.join(', ')}`);
  say(lines.join('\n'));
}

const CADENCE_FIT = { 'too-often': 'too often', 'about-right': 'about right', 'too-rare': 'not often enough' } as const;

/** Prints what participants said about the program and their pulse comments: for the mentor only. */
export async function printProgramFeedback(conn: Connection, options: Options): Promise<void> {
  const cohort = await cohortOrFail(conn.db, required(options, 'cohort', 'the cohort slug'));
  const [voices, comments] = await Promise.all([listProgramFeedback(conn.db, cohort.id), listPulseComments(conn.db, cohort.id)]);
  const lines = [`What participants of ${cohort.name} said about the program (private: do not publish)`, ''];
  if (voices.length === 0) lines.push('Nobody has sent program feedback yet.');
  else {
    const counts = Object.entries(CADENCE_FIT).map(([fit, label]) => `${voices.filter((v) => v.cadenceFit === fit).length} ${label}`);
    lines.push(`The rhythm: ${counts.join(', ')}.`, '');
    for (const v of voices) {
      lines.push(`${v.name}, week ${v.week} — the rhythm is ${CADENCE_FIT[v.cadenceFit]}`);
      for (const [label, text] of [['Tools', v.tools], ['Expectations', v.expectations], ['One change', v.suggestion]] as const) if (text) lines.push(`  ${label}: ${text}`);
    }
  }
  if (comments.length) {
    lines.push('', 'Pulse comments:');
    for (const c of comments) lines.push(`  ${c.name}, week ${c.week}: ${c.comment}`);
  }
  say(lines.join('\n'));
}

/** `--cadence DAYS`: the number of days between check-ins. */
function cadenceOption(value: string): number {
  const days = Number(value);
  if (value.trim() === '' || !isCadence(days)) throw new UsageError(`--cadence must be a whole number of days from ${MIN_CADENCE_DAYS} to ${MAX_CADENCE_DAYS} (got “${value}”).`);
  return days;
}

/** `--language TAG`: one of the languages Tandem speaks (worker/domain/locales.ts). */
function languageOption(value: string): Locale {
  const tag = value.trim().toLowerCase();
  if (!isLocale(tag)) throw new UsageError(`--language must be one of ${LOCALES.map((l) => `${l} (${languageName(l)})`).join(', ')} (got “${value}”).`);
  return tag;
}

/** A language's English name, for the mentor's terminal. */
function languageName(locale: Locale): string {
  return translator(DEFAULT_LOCALE)(`language.${locale}`);
}

function publicationOption(value: string): Publication {
  if (value !== 'public' && value !== 'unlisted' && value !== 'private') throw new UsageError(`--publication must be public, unlisted or private (got “${value}”).`);
  return value;
}

/** Where a cohort's pages will be after the next build, in a sentence. */
export function whereItIs(cohort: Cohort, origin: string): string {
  if (cohort.publication === 'public') return `Public: its pages will be at ${origin}${cohort.path} and listed on the home page and at ${origin}/cohorts/.`;
  if (cohort.publication === 'unlisted') return `Unlisted: its pages will be at ${origin}${cohort.path} — not listed anywhere and not indexed by search engines; only people you give this address can find them.`;
  return 'Private: no pages are built for it; only you (through these commands) and its participants (through their own pages) see its data.';
}

/**
 * `cohort set --slug S [--publication public|unlisted|private] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD|none]
 * [--cadence DAYS] [--retention-months N|none]`: who may see the cohort's pages, when it ends, how
 * often its participants check in from the next cycle on, how long it keeps free text. --starts
 * corrects the first day while nothing is stored in the cohort's weeks (cli/cohort-dates.ts).
 */
export async function setCohort(conn: Connection, options: Options, now = new Date()): Promise<void> {
  const slug = required(options, 'slug', 'the cohort slug');
  if ([options.publication, options.starts, options.ends, options.cadence, options['retention-months'], options.webhook, options.language].every((o) => o === undefined)) {
    throw new UsageError(
      `Say what to change: --publication public|unlisted|private, --starts YYYY-MM-DD, --ends YYYY-MM-DD|none, --cadence DAYS, --retention-months N|none, --language ${LOCALES.join('|')} and/or --webhook URL|none.`,
    );
  }
  // Every value is checked before anything is written, so one bad value changes nothing.
  const cadenceDays = options.cadence === undefined ? undefined : cadenceOption(String(options.cadence));
  const publication = options.publication === undefined ? undefined : publicationOption(String(options.publication));
  const retentionMonths = options['retention-months'] === undefined ? undefined : retentionOption(String(options['retention-months']));
  const webhook = options.webhook === undefined ? undefined : webhookOption(String(options.webhook));
  const language = options.language === undefined ? undefined : languageOption(String(options.language));
  const dates = options.starts === undefined && options.ends === undefined ? undefined : await planDates(conn, await cohortOrFail(conn.db, slug), options, now);
  if (webhook !== undefined) await setCohortWebhook(conn, slug, webhook);
  if (dates) await applyDates(conn, dates);
  if (publication !== undefined) {
    const cohort = (await setPublication(conn.db, slug, publication)) ?? (await cohortOrFail(conn.db, slug));
    console.log(whereItIs(cohort, linkOrigin(options)), 'The change shows at the next build.');
  }
  if (language !== undefined) {
    await setCohortLanguage(conn.db, slug, language);
    console.log(`“${slug}” is now in ${languageName(language)}: its pages from the next build, and at once the pages, forms and mails of participants who chose no language of their own.`);
  }
  if (cadenceDays !== undefined) await setCadenceDays(conn, slug, cadenceDays, now);
  if (retentionMonths !== undefined) await setRetentionMonths(conn, slug, retentionMonths);
}

/**
 * `--cadence DAYS`: check-ins every DAYS days from the next cycle on (worker/domain/cadence.ts).
 * The cycle under way ends as it was due to, and no past week is renumbered.
 */
async function setCadenceDays(conn: Connection, slug: string, cadenceDays: number, now: Date): Promise<void> {
  const cohort = await cohortOrFail(conn.db, slug);
  const plan = planCadence(cohort, cadenceDays, localDate(now, cohort.timezone));
  if (cohort.endsOn !== null && plan.startsOn > cohort.endsOn) {
    throw new UsageError(`“${slug}” ends on ${cohort.endsOn}, before its next cycle would begin (${plan.startsOn}), so a new cadence would change nothing. Move the end first with --ends.`);
  }
  if (plan.unchanged) {
    console.log(`“${slug}” already checks in ${everyDays(cadenceDays)} from cycle ${plan.fromCycle} (${plan.startsOn}); nothing changed.`);
    return;
  }
  if (!(await setCadence(conn.db, cohort, plan.rhythm))) throw new UsageError(`The rhythm of “${slug}” changed while this command ran; run it again.`);
  const cancelled = plan.replaced.map((c) => `${everyDays(c.cadenceDays)} from cycle ${c.fromCycle}`).join(', ');
  if (plan.fromCycle === 1) {
    console.log(`“${slug}” checks in ${everyDays(cadenceDays)} from its start: cycle 1 begins on ${plan.startsOn}.`);
  } else if (plan.rhythm.cadenceChanges.at(-1)?.fromCycle === plan.fromCycle) {
    const current = plan.fromCycle - 1;
    console.log(`“${slug}” checks in ${everyDays(cadenceDays)} from cycle ${plan.fromCycle}, which begins on ${plan.startsOn}. Cycle ${current}, under way, keeps its ${cadenceOf(cohort, current)} days; past weeks keep their numbers.`);
    if (cancelled) console.log(`This replaces the change planned earlier (${cancelled}).`);
  } else {
    console.log(`“${slug}” keeps checking in ${everyDays(cadenceDays)}: the change planned earlier (${cancelled}) is cancelled.`);
  }
}

/** `--retention-months N|none`: a whole number of months from 1 to 120, or none (null). */
function retentionOption(value: string): number | null {
  const months = value === 'none' ? null : Number(value);
  if (months !== null && (value.trim() === '' || !Number.isInteger(months) || months < 1 || months > 120)) throw new UsageError(`--retention-months must be a whole number of months from 1 to 120, or none (got “${value}”).`);
  return months;
}

async function setRetentionMonths(conn: Connection, slug: string, months: number | null): Promise<void> {
  if (!(await setRetention(conn.db, slug, months))) await cohortOrFail(conn.db, slug);
  console.log(
    months === null
      ? `“${slug}” keeps participants' free text until you delete it.`
      : `“${slug}” keeps participants' free text for ${months} month${months === 1 ? '' : 's'}; after that the scheduled job empties it, keeping every count and rating.`,
  );
}

/** A webhook address from --webhook: https only, or none (null). */
function webhookOption(value: string): string | null {
  if (value === 'none') return null;
  let https = false;
  try {
    https = new URL(value).protocol === 'https:';
  } catch {
    https = false;
  }
  if (!https) throw new UsageError(`--webhook must be an https:// address (an incoming webhook of Slack, Discord, Teams or your own), or none (got “${value}”).`);
  return value;
}

/** `cohort set --webhook URL|none`: the cohort's incoming webhook (Slack, Discord, Teams or any JSON endpoint). */
async function setCohortWebhook(conn: Connection, slug: string, url: string | null): Promise<void> {
  if (!(await setWebhook(conn.db, slug, url))) throw new UsageError(`There is no cohort “${slug}”.`);
  console.log(url ? `“${slug}” posts who has still to check in to its webhook on each cycle's last day at 09:00. The address is kept private.` : `“${slug}” has no webhook any more.`);
}

/** `circle set --cohort S --circle LABEL --webhook URL|none`: a circle's own channel. */
export async function setCircle(conn: Connection, options: Options): Promise<void> {
  const slug = required(options, 'cohort', 'the cohort slug');
  const label = required(options, 'circle', 'the circle, as the roster names it');
  const url = webhookOption(required(options, 'webhook', 'an https:// address, or none'));
  if (!(await setCircleWebhook(conn.db, slug, label, url))) throw new UsageError(`There is no circle “${label}” in cohort “${slug}” (see npm run tandem -- pairs --cohort ${slug}).`);
  console.log(url ? `${label} posts who of its members has still to check in to its webhook on each cycle's last day at 09:00. The address is kept private.` : `${label} has no webhook any more.`);
}
