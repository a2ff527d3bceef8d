/**
 * `npm run tandem -- <command>`: the mentor's tools. Local database by default; `--remote` works on
 * the production database named in wrangler.toml's [env.production].
 */
import { parseArgs } from 'node:util';
import { addCohort, importRosterFile, linkOrigin, setCircle, setCohort, printLinks, printPairs, printProgramFeedback, UsageError, type Options } from './commands.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { exportPerson, forgetPerson, revokePersonLinks, withdrawItem } from './people.ts';
import { openDatabase } from '../worker/db/connection.ts';
import { seedDemo } from './demo.ts';
import { promoteStrategy } from './promote.ts';
import { printOutbox, runRemindersCommand } from './rhythm.ts';
import { RosterError } from './roster.ts';
import { sayError } from './terminal.ts';
import { LOCALES } from '../worker/domain/locales.ts';

const HELP = `Tandem — tools for the mentor of an accountability-partnership program.

Usage: npm run tandem -- <command> [options] [--remote]

  cohort add --slug S --name N --timezone TZ [--cadence DAYS] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD]
             [--publication public|unlisted|private] [--language ${LOCALES.join('|')}]
  cohort set --slug S [--publication public|unlisted|private] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD|none] [--cadence DAYS]
             [--retention-months N|none] [--webhook https://…|none] [--language ${LOCALES.join('|')}]
                                        who sees its pages (unlisted: a secret address; private: none);
                                        the language of its pages (English, Spanish or Arabic; default en);
                                        its first day (only while nothing is stored in its weeks; 5 years ago to
                                        2 years ahead) and last day (at most 5 years later; links stop working 30 days after it);
                                        check-ins every DAYS days from the next cycle (past weeks stay as they were);
                                        keep free text N months, then empty it (counts and ratings stay)
  circle set --cohort S --circle LABEL --webhook https://…|none
                                        a circle's own channel: who of its members has still to check in
  roster import FILE.csv --cohort S     columns name,email,role,pair,circle (and optionally
                                        timezone,remind_hour,reminders); all rows or none
  links --revoke --participant ID [--base-url URL]
                                        revoke one person's links and print their new ones
  export --participant ID [--out FILE]  everything stored about one person, as JSON
  forget --participant ID --yes         delete one person and everything they wrote
  withdraw --kind win|reflection|milestone --id N
                                        make one shared item private (its id is in the export's JSON);
                                        the next build drops it from the site
  links --cohort S [--base-url URL] [--out FILE]
                                        everyone's personal links as CSV: check-in, reflection, their own page
                                        and, for the mentor, the private dashboard
                                        (keep it private: it holds e-mails)
  pairs --cohort S                      circles and pairs with this cycle's roles (observer, reporter, facilitator)
  program-feedback --cohort S           what participants said about the program, and pulse comments (private)
  reminders run --cohort S [--at INSTANT] [--json] [--base-url URL]
                                        what the hourly job does, as if it were INSTANT (e.g. 2027-03-08T09:00:00Z):
                                        records the reminders, nudges, escalations and digest due, and sends them
                                        (mail is simulated on the local database)
  outbox --cohort S [--json]            every message recorded: who, kind, channel, when, status (and the text, locally)
  library promote ID [--to DIR]         turn a publicly shared strategy into a library entry you can edit
                                        (written to content/library/ unless --to says otherwise)
  demo                                  seed a demo program (only into an empty database)
  backup --out FILE [--remote]          the whole database (local, or production with --remote) as SQL
  restore FILE [--replace]              load a backup into an empty local database (--replace first moves
                                        the current one aside, deleting nothing)

Every command uses the local database (.wrangler/state) unless you add --remote.`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      timezone: { type: 'string' },
      cadence: { type: 'string' },
      starts: { type: 'string' },
      ends: { type: 'string' },
      publication: { type: 'string' },
      language: { type: 'string' },
      cohort: { type: 'string' },
      'base-url': { type: 'string' },
      out: { type: 'string' },
      'retention-months': { type: 'string' },
      to: { type: 'string' },
      participant: { type: 'string' },
      kind: { type: 'string' },
      id: { type: 'string' },
      circle: { type: 'string' },
      at: { type: 'string' },
      webhook: { type: 'string' },
      json: { type: 'boolean', default: false },
      revoke: { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  const key = [command, sub].filter(Boolean).join(' ');
  if (values.help || !command) {
    console.log(HELP);
    return;
  }
  const known = ['cohort add', 'cohort set', 'circle set', 'roster import', 'links', 'pairs', 'program-feedback', 'reminders run', 'outbox', 'library promote', 'export', 'forget', 'withdraw', 'demo', 'backup', 'restore'];
  const match = known.find((k) => key === k || key.startsWith(`${k} `) || (k.split(' ').length === 1 && command === k));
  if (!match) throw new UsageError(`Unknown command “${positionals.join(' ')}”.\n\n${HELP}`);

  // Backups run wrangler on the database itself: no connection may hold it open meanwhile.
  if (match === 'backup') return backupDatabase(values as Options);
  if (match === 'restore') return restoreDatabase(sub, values as Options);

  const conn = await openDatabase({ remote: values.remote });
  try {
    const options = values as Options;
    if (match === 'cohort add') await addCohort(conn, options);
    else if (match === 'cohort set') await setCohort(conn, options);
    else if (match === 'circle set') await setCircle(conn, options);
    else if (match === 'roster import') await importRosterFile(conn, arg, options);
    else if (match === 'links' && values.revoke) await revokePersonLinks(conn, options, linkOrigin(options));
    else if (match === 'links') await printLinks(conn, options);
    else if (match === 'export') await exportPerson(conn, options);
    else if (match === 'forget') await forgetPerson(conn, options);
    else if (match === 'withdraw') await withdrawItem(conn, options);
    else if (match === 'pairs') await printPairs(conn, options);
    else if (match === 'program-feedback') await printProgramFeedback(conn, options);
    else if (match === 'reminders run') await runRemindersCommand(conn, options);
    else if (match === 'outbox') await printOutbox(conn, options);
    else if (match === 'library promote') await promoteStrategy(conn, arg, new Date().toISOString().slice(0, 10), typeof options.to === 'string' ? options.to : undefined);
    else await seedDemo(conn);
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError || err instanceof RosterError) {
    sayError(err.message);
    process.exit(2);
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${err.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (err instanceof Error && /no such table/.test(err.message)) {
    console.error('The database has no tables yet: run npm run setup (it applies the migrations).');
    process.exit(1);
  }
  sayError(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
