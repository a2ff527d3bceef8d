/** The mentor's view of the rhythm: run it as the cron would at any instant, and read the outbox. */
import type { Connection } from '../worker/db/connection.ts';
import { getCohortBySlug } from '../worker/db/cohorts.ts';
import { listOutbox } from '../worker/db/reminders.ts';
import { deliver, type Delivery } from '../worker/rhythm/deliver.ts';
import { runReminders } from '../worker/rhythm/plan.ts';
import { linkOrigin, UsageError, type Options } from './commands.ts';
import { jsonForTerminal, say } from './terminal.ts';

function slugOf(options: Options): string {
  const slug = options.cohort;
  if (typeof slug !== 'string' || slug === '') throw new UsageError('Name the cohort: --cohort SLUG');
  return slug;
}

/** An instant from --at (ISO 8601 with a timezone, e.g. 2027-03-08T09:00:00Z); now when absent. */
export function instantOf(value: string | boolean | undefined): Date {
  if (value === undefined) return new Date();
  const at = typeof value === 'string' && /(Z|[+-]\d\d:\d\d)$/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at wants an instant with its timezone, like 2027-03-08T09:00:00Z (got “${String(value)}”).`);
  return at;
}

/**
 * `reminders run`: exactly what the hourly cron does, as if it were `--at`: records what is due and
 * sends it. Locally mail is simulated (wrangler only logs the mail binding): the outbox keeps the text.
 */
export async function runRemindersCommand(conn: Connection, options: Options): Promise<void> {
  const slug = slugOf(options);
  if (!(await getCohortBySlug(conn.db, slug))) throw new UsageError(`There is no cohort “${slug}”. See npm run tandem -- cohort add --help.`);
  const at = instantOf(options.at);
  const baseUrl = typeof options['base-url'] === 'string' ? linkOrigin(options) : conn.env.SITE_URL;
  const { due, recorded } = await runReminders(conn.db, at, { baseUrl, linkSecret: conn.env.LINK_SECRET, cohort: slug });
  const sent: { id: number; outcome: Delivery }[] = [];
  for (const id of recorded) sent.push({ id, outcome: await deliver(conn.db, id, { from: conn.env.MAIL_FROM }, at) });
  const lines = (await listOutbox(conn.db, (await getCohortBySlug(conn.db, slug))!.id)).filter((l) => recorded.includes(l.id));
  if (options.json) {
    console.log(jsonForTerminal({ at: at.toISOString(), due, sent: lines.map((l) => ({ ...l, outcome: sent.find((s) => s.id === l.id)!.outcome })) }));
    return;
  }
  console.log(`${at.toISOString()}: ${due} message(s) due, ${recorded.length} new${due > recorded.length ? ` (${due - recorded.length} recorded before, not sent again)` : ''}.`);
  for (const l of lines) {
    const outcome = sent.find((s) => s.id === l.id)!.outcome;
    const how = outcome === 'simulated' ? 'mail simulated locally' : typeof outcome === 'object' ? `failed: ${outcome.failed}` : outcome;
    say(`  ${l.kind.padEnd(10)} ${(l.to ?? 'cohort webhook').padEnd(16)} ${l.subject}  [${how}]`);
  }
}

/** `outbox`: every message recorded for the cohort, with its text when the database is local. */
export async function printOutbox(conn: Connection, options: Options): Promise<void> {
  const slug = slugOf(options);
  const cohort = await getCohortBySlug(conn.db, slug);
  if (!cohort) throw new UsageError(`There is no cohort “${slug}”.`);
  const lines = await listOutbox(conn.db, cohort.id);
  if (options.json) {
    console.log(jsonForTerminal(lines.map((l) => (conn.remote ? { ...l, text: undefined } : l))));
    return;
  }
  if (lines.length === 0) say(`Nothing recorded for “${slug}” yet: reminders are recorded by the hourly job, or by npm run tandem -- reminders run --cohort ${slug}.`);
  for (const l of lines) {
    say(`${l.createdAt}  ${l.kind.padEnd(10)} ${l.channel.padEnd(7)} ${(l.to ?? 'cohort webhook').padEnd(16)} ${l.status}${l.attempts > 1 ? ` after ${l.attempts} attempts` : ''}${l.error ? ` (${l.error})` : ''}`);
    say(`    ${l.subject}`);
    if (!conn.remote) say(l.text.replace(/^/gm, '      '));
  }
}
