/** The mentor's CLI, run as a mentor runs it, against a local D1 of its own. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { signToken } from '../../worker/domain/links.ts';
import { getCohortBySlug } from '../../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients, participantForToken } from '../../worker/db/participants.ts';
import { storeProgramFeedback } from '../../worker/db/pulses.ts';
import { expectStored, storeReflection } from '../../worker/db/submissions.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { Program, ROSTER_CSV } from '../support/program.ts';

const program = new Program();

function file(name: string, text: string): string {
  const path = join(program.outDir, name);
  writeFileSync(path, text);
  return path;
}

async function participantCount(): Promise<number> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    return (await conn.db.prepare('SELECT COUNT(*) AS n FROM participants').first<{ n: number }>())!.n;
  } finally {
    await conn.close();
  }
}

beforeAll(() => program.setup());

describe('tandem cohort add', () => {
  it('adds a cohort and says what to do next', () => {
    const run = program.tandem('cohort', 'add', '--slug', 'spring-2027', '--name', 'Spring 2027', '--timezone', 'Europe/London', '--cadence', '14', '--starts', '2027-03-01');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Added cohort “Spring 2027” (spring-2027): starts 2027-03-01, check-ins every 14 days');
    expect(run.stdout).toContain('roster import');
    // Unlisted by default, under an address with a random key in it.
    expect(run.stdout).toMatch(/Unlisted: its pages will be at http:\/\/localhost:8787\/cohorts\/spring-2027-[0-9a-f]{20}\/ — not listed/);
  });

  it.each([
    [['--slug', 'spring-2027', '--name', 'Again', '--timezone', 'UTC'], /exists already/],
    [['--slug', 'x', '--name', 'X', '--timezone', 'Mars/Olympus'], /not a timezone/],
    [['--slug', 'Bad Slug', '--name', 'X', '--timezone', 'UTC'], /lower-case letters/],
    [['--slug', 'y', '--timezone', 'UTC'], /Missing --name/],
    [['--slug', 'z', '--name', 'Z', '--timezone', 'UTC', '--cadence', '0'], /--cadence/],
  ])('refuses %j with a message that says what to do', (args, message) => {
    const run = program.tandem('cohort', 'add', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('tandem cohort set', () => {
  it('sets how long free text is kept, and refuses what is not a number of months', () => {
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--retention-months', '6').stdout).toContain('keeps participants\' free text for 6 months');
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--retention-months', 'none').stdout).toContain('until you delete it');
    const bad = program.tandem('cohort', 'set', '--slug', 'spring-2027', '--retention-months', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/from 1 to 120/);
    expect(program.tandem('cohort', 'set', '--slug', 'nope', '--retention-months', '6').stderr).toMatch(/no cohort “nope”/);
  });

  it('changes who sees the pages and says where they will be', () => {
    const unlisted = /\/cohorts\/spring-2027-([0-9a-f]{20})\//.exec(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--publication', 'unlisted').stdout)!;
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--publication', 'public', '--base-url', 'https://t.example').stdout).toContain('Public: its pages will be at https://t.example/cohorts/spring-2027/');
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--publication', 'private').stdout).toContain('Private: no pages are built');
    // The key stays the same, so a link once shared keeps working when the cohort is unlisted again.
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--publication', 'unlisted').stdout).toContain(`/cohorts/spring-2027-${unlisted[1]}/`);
    const bad = program.tandem('cohort', 'set', '--slug', 'spring-2027', '--publication', 'secret');
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/must be public, unlisted or private/)]);
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027').stderr).toMatch(/Say what to change/);
  });

  it('sets the last day, after which links work for 30 more days, and refuses one before the start', () => {
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--ends', '2027-06-30').stdout).toContain('ends on 2027-06-30; its links stop working 30 days later');
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--ends', '2027-01-01').stderr).toContain('is before the cohort starts (2027-03-01)');
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--ends', 'none').stdout).toContain('has no end date');
  });

  it('changes the cadence from the next cycle, says from which cycle and day, and refuses a bad one', async () => {
    // Weekly in UTC since ten days ago: cycle 2 (days 7–13) is under way, cycle 3 begins in four days.
    const startsOn = addDays(new Date().toISOString().slice(0, 10), -10);
    expect(program.tandem('cohort', 'add', '--slug', 'rhythm', '--name', 'Rhythm', '--timezone', 'UTC', '--starts', startsOn).status).toBe(0);
    const run = program.tandem('cohort', 'set', '--slug', 'rhythm', '--cadence', '14');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`“rhythm” checks in every 14 days from cycle 3, which begins on ${addDays(startsOn, 14)}. Cycle 2, under way, keeps its 7 days; past weeks keep their numbers.`);
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const cohort = (await getCohortBySlug(conn.db, 'rhythm'))!;
      expect([cohort.cadenceDays, cohort.cadenceChanges]).toEqual([7, [{ fromCycle: 3, startsOn: addDays(startsOn, 14), cadenceDays: 14 }]]);
    } finally {
      await conn.close();
    }
    expect(program.tandem('cohort', 'set', '--slug', 'rhythm', '--cadence', '14').stdout).toContain('already checks in every 14 days from cycle 3');
    for (const bad of ['0', '91', '2.5']) {
      const refused = program.tandem('cohort', 'set', '--slug', 'rhythm', '--cadence', bad);
      expect([refused.status, refused.stderr.trim()]).toEqual([2, `--cadence must be a whole number of days from 1 to 90 (got “${bad}”).`]);
    }
    expect(program.tandem('cohort', 'set', '--slug', 'nope', '--cadence', '7').stderr).toMatch(/no cohort “nope”/);
  });

  it('refuses a new cadence that would begin after the cohort’s last day', () => {
    const startsOn = addDays(new Date().toISOString().slice(0, 10), -3);
    const endsOn = addDays(startsOn, 5);
    expect(program.tandem('cohort', 'add', '--slug', 'short', '--name', 'Short', '--timezone', 'UTC', '--starts', startsOn, '--ends', endsOn).status).toBe(0);
    const refused = program.tandem('cohort', 'set', '--slug', 'short', '--cadence', '3');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`“short” ends on ${endsOn}, before its next cycle would begin (${addDays(startsOn, 7)})`);
  });
});

describe('tandem roster import', () => {
  it('imports nothing from a file with bad rows, and names each bad line', async () => {
    const bad = file('bad.csv', 'name,email,role,pair,circle\nAda,ada@x.invalid,mentee,P1,\nBen,not-an-email,mentee,P1,\nCy,cy@x.invalid,coach,P2,\nDi,di@x.invalid,mentee,P2,\n');
    const run = program.tandem('roster', 'import', bad, '--cohort', 'spring-2027');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing was changed');
    expect(run.stderr).toMatch(/line 3: the e-mail address is not valid/);
    expect(run.stderr).toMatch(/line 4: the role must be “mentor” or “mentee”/);
    expect(await participantCount()).toBe(0);
  });

  it('imports a good roster', async () => {
    const run = program.tandem('roster', 'import', file('roster.csv', ROSTER_CSV), '--cohort', 'spring-2027');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Imported 7 participants in 3 pairs and 2 circles');
    expect(await participantCount()).toBe(7);
  });

  it('updates people on a second import instead of duplicating them', async () => {
    const renamed = ROSTER_CSV.replace('Ada,ada@', 'Ada L.,ada@');
    expect(program.tandem('roster', 'import', file('again.csv', renamed), '--cohort', 'spring-2027').status).toBe(0);
    expect(await participantCount()).toBe(7);
  });

  it('checks a re-import against the people already in the cohort', async () => {
    const more = file('more.csv', 'name,email,role,pair,circle\nGil,gil@tandem-test.invalid,mentee,P1,North\nHal,hal@tandem-test.invalid,mentee,P1,North\n');
    const run = program.tandem('roster', 'import', more, '--cohort', 'spring-2027');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/pair “P1” has 4 members/);
    expect(run.stderr).toMatch(/\(already in the cohort\)/);
    expect(await participantCount()).toBe(7);
  });

  it('refuses names and labels that carry contact details, naming each line and what to change, and imports nothing', async () => {
    const contact = file(
      'contact.csv',
      'name,email,role,pair,circle\n' +
        'Ann ann@mail.org,ann2@tandem-test.invalid,mentee,P9,\n' +
        'Bob ０７７００ ９００１２３,bob2@tandem-test.invalid,mentee,P9,\n' +
        'Cat,cat2@tandem-test.invalid,mentee,P8,see shop.ru\n' +
        'Dan,dan2@tandem-test.invalid,mentee,P8,see shop.ru\n' +
        'Eve,eve2@tandem-test.invalid,mentee,ftp://x.example,\n',
    );
    const run = program.tandem('roster', 'import', contact, '--cohort', 'spring-2027');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing was changed');
    expect(run.stderr).toMatch(/line 2: the name has an e-mail address in it \(names are published: use a pseudonym without contact details\)/);
    expect(run.stderr).toMatch(/line 3: the name has a phone number in it/);
    expect(run.stderr).toMatch(/line 4: the circle has a web address in it \(circle labels are published: use a label without contact details\)/);
    expect(run.stderr).toMatch(/line 5: the circle has a web address in it/);
    expect(run.stderr).toMatch(/line 6: the pair has a web address in it/);
    expect(await participantCount()).toBe(7);
  });

  it('refuses control characters in names and labels (ESC, BEL, C1), naming the line, and prints none of them', async () => {
    const controls = file(
      'controls.csv',
      'name,email,role,pair,circle\n' +
        'Ada\u001b[2J,ada@tandem-test.invalid,mentee,P1,North\n' +
        'Ben\u0007,ben@tandem-test.invalid,mentee,P1,North\n' +
        'Cy,cy@tandem-test.invalid,mentee,P2,North\u009b31m\n' +
        'Di,di@tandem-test.invalid,mentee,P2\u0085,North\n',
    );
    const run = program.tandem('roster', 'import', controls, '--cohort', 'spring-2027');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/line 2: the name has an invisible control character in it \(U\+001B\); retype it without/);
    expect(run.stderr).toMatch(/line 3: the name has an invisible control character in it \(U\+0007\)/);
    expect(run.stderr).toMatch(/line 4: the circle has an invisible control character in it \(U\+009B\)/);
    expect(run.stderr).toMatch(/line 5: the pair has an invisible control character in it \(U\+0085\)/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(await participantCount()).toBe(7);
    // The names stored are still the clean ones.
    expect(program.tandem('pairs', '--cohort', 'spring-2027').stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('says so when the cohort or the file does not exist', () => {
    expect(program.tandem('roster', 'import', file('r.csv', ROSTER_CSV), '--cohort', 'nope').stderr).toMatch(/no cohort “nope”/);
    expect(program.tandem('roster', 'import', '/nonexistent.csv', '--cohort', 'spring-2027').stderr).toMatch(/no such file/);
  });
});

describe('tandem links', () => {
  it('writes no cell a spreadsheet would run as a formula', () => {
    expect(program.tandem('cohort', 'add', '--slug', 'formulas', '--name', 'Formulas', '--timezone', 'UTC').status).toBe(0);
    const roster = join(program.stateDir, 'formulas.csv');
    // (No address in the formula: a name with a web address in it is refused at import.)
    writeFileSync(roster, 'name,email,role,pair,circle\n"=HYPERLINK(""evil"")",f1@x.invalid,mentee,F1,\n@SUM(A1),f2@x.invalid,mentee,F1,\n');
    expect(program.tandem('roster', 'import', roster, '--cohort', 'formulas').status).toBe(0);
    const rows = parse(program.tandem('links', '--cohort', 'formulas').stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name).sort()).toEqual(["'=HYPERLINK(\"evil\")", "'@SUM(A1)"]);
  });

  it('prints everyone’s links as CSV, and each token names its participant to the Worker’s check', async () => {
    const run = program.tandem('links', '--cohort', 'spring-2027', '--base-url', 'https://tandem.example.org/anything');
    expect(run.status).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['name', 'email', 'role', 'checkin_url', 'reflect_url', 'me_url', 'dashboard_url']);
    // Only the mentor gets a dashboard link.
    expect(rows.filter((r) => r.dashboard_url).map((r) => [r.role, r.dashboard_url!.split('?')[0]])).toEqual([['mentor', 'https://tandem.example.org/mentor/spring-2027']]);
    expect(rows).toHaveLength(7);
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      for (const row of rows) {
        const checkin = new URL(row.checkin_url!);
        expect(checkin.origin + checkin.pathname).toBe('https://tandem.example.org/checkin/');
        expect(new URL(row.reflect_url!).searchParams.get('t')).toBe(checkin.searchParams.get('t'));
        expect(row.me_url).toBe(`https://tandem.example.org/me/?t=${checkin.searchParams.get('t')}`);
        const participant = await participantForToken(conn.db, conn.env.LINK_SECRET, checkin.searchParams.get('t')!);
        expect(participant?.displayName).toBe(row.name);
      }
    } finally {
      await conn.close();
    }
  });

  it('writes the CSV to --out and nothing else to stdout', () => {
    const out = join(program.outDir, 'links.csv');
    const run = program.tandem('links', '--cohort', 'spring-2027', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Wrote 7 people's links to .*keep it private/);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name).sort()).toEqual(['Ada L.', 'Ben', 'Cy', 'Di', 'Eve', 'Fay', 'Morgan']);
    expect(rows[0]!.checkin_url).toMatch(/^http:\/\/localhost:8787\/checkin\/\?t=/);
  });

  it('refuses a base URL that is not a web address, with or without a scheme (issue 16, item 14)', () => {
    for (const base of ['not a url', 'localhost:8787', 'ftp://tandem.example.org']) {
      const run = program.tandem('links', '--cohort', 'spring-2027', '--base-url', base);
      expect(run.status, base).toBe(2);
      expect(run.stderr).toMatch(/is not a web address/);
      expect(run.stdout).not.toMatch(/null\//);
    }
  });
});

describe('tandem pairs', () => {
  it('prints circles, pairs and this cycle’s roles', () => {
    const run = program.tandem('pairs', '--cohort', 'spring-2027');
    expect(run.status).toBe(0);
    // The cohort starts in the future: it is week 1, and rotation starts from the lowest id.
    expect(run.stdout).toContain('Spring 2027 — week 1 (cycles of 14 days)');
    expect(run.stdout).toContain('North — facilitator this cycle: Ada L.\n  P1: Ada L. (observer), Ben (reporter)\n  P2: Cy (observer), Di (reporter)');
    expect(run.stdout).toContain('South — facilitator this cycle: Eve\n  P3: Eve (observer), Fay (reporter)');
    expect(run.stdout).toContain('Mentor: Morgan');
  });
});

describe('tandem program-feedback', () => {
  it('shows the mentor what participants said about the program', async () => {
    expect(program.tandem('program-feedback', '--cohort', 'spring-2027').stdout).toContain('Nobody has sent program feedback yet.');
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const [cy] = (await listLinkRecipients(conn.db, (await getCohortBySlug(conn.db, 'spring-2027'))!.id)).filter((p) => p.displayName === 'Cy');
      const participant = (await getParticipant(conn.db, cy!.id))!;
      await storeProgramFeedback(conn.db, participant, 1, { idempotency_key: 'cli-pf-1', cadence_fit: 'too-often', tools: '', expectations: 'Clear', suggestion: 'Fortnightly circles' });
    } finally {
      await conn.close();
    }
    const run = program.tandem('program-feedback', '--cohort', 'spring-2027');
    expect(run.stdout).toContain('The rhythm: 1 too often, 0 about right, 0 not often enough.');
    expect(run.stdout).toContain('Cy, week 1 — the rhythm is too often\n  Expectations: Clear\n  One change: Fortnightly circles');
  });
});

describe('one person’s data rights', () => {
  async function person(name: string) {
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const cohort = (await getCohortBySlug(conn.db, 'spring-2027'))!;
      return (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.displayName === name)!;
    } finally {
      await conn.close();
    }
  }

  it('exports everything stored about a person as JSON', async () => {
    const cy = await person('Cy');
    const run = program.tandem('export', '--participant', String(cy.id));
    expect(run.status).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.participant).toMatchObject({ id: cy.id, display_name: 'Cy', email: 'cy@tandem-test.invalid', cohort_slug: 'spring-2027' });
    expect(data.program_feedback).toHaveLength(1);
    expect(data.program_feedback[0]).toMatchObject({ suggestion: 'Fortnightly circles' });
    expect(Object.keys(data).sort()).toEqual(['checkins', 'congratulations', 'contract_confirmations', 'contracts', 'feedback', 'feedback_received', 'goals', 'messages', 'milestones', 'pair_memberships', 'participant', 'program_feedback', 'pulses', 'reflections', 'reminder_settings']);
  });

  it('revokes one person’s links and prints new ones that work', async () => {
    const ben = await person('Ben');
    const conn = await openDatabase();
    const old = await signToken(conn.env.LINK_SECRET, { participantId: ben.id, cohortId: ben.cohortId, linkVersion: ben.linkVersion });
    await conn.close();
    const run = program.tandem('links', '--revoke', '--participant', String(ben.id));
    expect(run.status).toBe(0);
    const fresh = /me\/\?t=(\S+)/.exec(run.stdout)![1]!;
    const check = await openDatabase();
    try {
      expect(await participantForToken(check.db, check.env.LINK_SECRET, old)).toBeNull();
      expect((await participantForToken(check.db, check.env.LINK_SECRET, fresh))?.displayName).toBe('Ben');
    } finally {
      await check.close();
    }
  });

  it('forgets a person only when told --yes, and then completely', async () => {
    const cy = await person('Cy');
    const asked = program.tandem('forget', '--participant', String(cy.id));
    expect(asked.status).toBe(2);
    expect(asked.stderr).toMatch(/deletes Cy .* --yes/);
    expect(program.tandem('forget', '--participant', String(cy.id), '--yes').stdout).toContain('Forgot Cy');
    const conn = await openDatabase();
    try {
      for (const table of ['participants', 'program_feedback']) {
        const column = table === 'participants' ? 'id' : 'participant_id';
        expect((await conn.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?1`).bind(cy.id).first<{ n: number }>())!.n).toBe(0);
      }
    } finally {
      await conn.close();
    }
    expect(program.tandem('export', '--participant', String(cy.id)).stderr).toMatch(/no participant/);
  });
});

describe('tandem demo and help', () => {
  it('refuses to seed the demo into a database that has cohorts', () => {
    const run = program.tandem('demo');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/only seeded into an empty database/);
  });

  it('prints help for an unknown command', () => {
    const run = program.tandem('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown command/);
    expect(run.stderr).toMatch(/roster import FILE.csv/);
  });
});

describe('tandem reminders run and outbox', () => {
  // spring-2027 checks in every 14 days from Monday 1 March 2027, London time: cycle 1 is due on Sunday 14 March.
  const runAt = (at: string, ...more: string[]) => program.tandem('reminders', 'run', '--cohort', 'spring-2027', '--at', at, ...more);

  it('does what the hourly job does at an instant, once, and the outbox lists it with its text', () => {
    expect(runAt('2027-03-14T08:17:00Z').stdout).toMatch(/0 message\(s\) due, 0 new/);
    const run = runAt('2027-03-14T09:17:00Z');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/reminder\s+Ben\s+Your week 1 check-in is due today\s+\[mail simulated locally\]/);
    const again = runAt('2027-03-14T09:17:00Z');
    expect(again.stdout).toMatch(/0 new \(\d+ recorded before, not sent again\)/);
    const lines = JSON.parse(program.tandem('outbox', '--cohort', 'spring-2027', '--json').stdout) as { kind: string; to: string; status: string; text: string }[];
    const ben = lines.filter((l) => l.kind === 'reminder' && l.to === 'Ben');
    expect(ben).toHaveLength(1);
    expect(ben[0]).toMatchObject({ status: 'sent' });
    expect(ben[0]!.text).toMatch(/\/checkin\/\?t=/);
    expect(program.tandem('outbox', '--cohort', 'spring-2027').stdout).toMatch(/reminder\s+mail\s+Ben\s+sent/);
  });

  it('refuses an instant without a timezone, an unknown cohort, and a webhook that is not https', () => {
    expect(runAt('2027-03-14 09:00').stderr).toMatch(/--at wants an instant with its timezone/);
    expect(program.tandem('reminders', 'run', '--cohort', 'nope').stderr).toMatch(/no cohort “nope”/);
    const webhook = program.tandem('cohort', 'set', '--slug', 'spring-2027', '--webhook', 'http://hooks.example/x');
    expect(webhook.status).toBe(2);
    expect(webhook.stderr).toMatch(/--webhook must be an https:\/\/ address/);
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--webhook', 'https://hooks.example/x').stdout).toMatch(/posts who has still to check in/);
    expect(program.tandem('cohort', 'set', '--slug', 'spring-2027', '--webhook', 'none').stdout).toMatch(/has no webhook any more/);
  });

  it('sets a circle’s own webhook, and names a circle that does not exist', () => {
    expect(program.tandem('circle', 'set', '--cohort', 'spring-2027', '--circle', 'North', '--webhook', 'https://discord.com/api/webhooks/1/x').stdout).toMatch(/North posts who of its members/);
    const missing = program.tandem('circle', 'set', '--cohort', 'spring-2027', '--circle', 'East', '--webhook', 'https://hooks.example/x');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no circle “East” in cohort “spring-2027”/);
    expect(program.tandem('circle', 'set', '--cohort', 'spring-2027', '--circle', 'North', '--webhook', 'ftp://x').stderr).toMatch(/must be an https:\/\/ address/);
  });
});

describe('tandem library promote', () => {
  /** A strategy shared publicly in spring-2027 under `title`; returns its id. */
  async function sharedStrategy(title: string, key: string): Promise<number> {
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const cohort = (await getCohortBySlug(conn.db, 'spring-2027'))!;
      const mentee = (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.role === 'mentee')!;
      const stored = await storeReflection(conn.db, (await getParticipant(conn.db, mentee.id))!, 1, {
        idempotency_key: key, working: 'w', not_working: 'n', why: 'y', assumption: '', insight: '',
        strategy_title: title, strategy_body: 'Tell each other the plan before the week starts.', strategy_tags: 'focus', consent: 'public',
      });
      return expectStored(stored).id;
    } finally {
      await conn.close();
    }
  }

  it('never writes over one of the library’s own pages: it picks another name and says so (issue 16, item 12)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tandem-promote-'));
    for (const [title, slug] of [['Stories', 'stories'], ['Tags!', 'tags'], ['Community', 'community'], ['Kinds', 'kinds'], ['Stages', 'stages']]) {
      const id = await sharedStrategy(title!, `promote-${slug}`);
      const run = program.tandem('library', 'promote', String(id), '--to', folder);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`/library/${slug}/ is one of the library's own pages, so the entry is named ${slug}-${id}.mdx instead`);
      expect(existsSync(join(folder, `${slug}.mdx`))).toBe(false);
      expect(readFileSync(join(folder, `${slug}-${id}.mdx`), 'utf8')).toContain(`source: ${id}`);
    }
    const ordinary = await sharedStrategy('Plan first', 'promote-plain');
    expect(program.tandem('library', 'promote', String(ordinary), '--to', folder).stdout).not.toContain('instead');
    expect(existsSync(join(folder, 'plan-first.mdx'))).toBe(true);
  });
});

describe('a cohort’s dates stay plausible (issue 16, item 7)', () => {
  async function cohortRow(slug: string) {
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      return await getCohortBySlug(conn.db, slug);
    } finally {
      await conn.close();
    }
  }
  it('cohort set checks every value before it writes any: one bad value changes nothing', async () => {
    const starts = new Date().toISOString().slice(0, 10);
    expect(program.tandem('cohort', 'add', '--slug', 'check-first', '--name', 'Check first', '--timezone', 'UTC', '--starts', starts, '--publication', 'unlisted').status).toBe(0);
    const before = (await cohortRow('check-first'))!;
    const badPublication = program.tandem('cohort', 'set', '--slug', 'check-first', '--webhook', 'https://hooks.example/partial', '--publication', 'bogus');
    expect(badPublication.status).toBe(2);
    expect(badPublication.stderr).toMatch(/--publication must be public, unlisted or private/);
    const badRetention = program.tandem('cohort', 'set', '--slug', 'check-first', '--publication', before.publication === 'private' ? 'public' : 'private', '--retention-months', '0');
    expect(badRetention.status).toBe(2);
    expect(badRetention.stderr).toMatch(/--retention-months must be/);
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const row = await conn.db.prepare('SELECT publication, webhook_url FROM cohorts WHERE slug = ?1').bind('check-first').first<{ publication: string; webhook_url: string | null }>();
      expect(row!.webhook_url).not.toBe('https://hooks.example/partial');
      expect(row!.publication).toBe(before.publication);
    } finally {
      await conn.close();
    }
  });

  const today = new Date().toISOString().slice(0, 10);
  const threeYearsOn = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  const fourYearsAgo = Number(today.slice(0, 4)) - 4;

  it.each([
    [['--starts', '0000-01-01', '--cadence', '1'], "--starts 0000-01-01 is more than 5 years ago; give the cohort's real first day"],
    [['--starts', threeYearsOn], `--starts ${threeYearsOn} is more than 2 years from today`],
    [['--starts', '2027-03-01', '--ends', '2032-03-01'], '--ends 2032-03-01 is more than 5 years after the cohort starts (2027-03-01); the latest last day is 2032-02-29.'],
  ])('cohort add refuses %j and adds nothing', async (args, message) => {
    const run = program.tandem('cohort', 'add', '--slug', 'implausible', '--name', 'Implausible', '--timezone', 'UTC', ...args);
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining(message)]);
    expect(await cohortRow('implausible')).toBeNull();
  });

  it('cohort set --starts corrects a first day while nothing is stored in its weeks, and refuses an implausible one', async () => {
    expect(program.tandem('cohort', 'add', '--slug', 'typo', '--name', 'Typo', '--timezone', 'UTC', '--starts', `${fourYearsAgo}-01-03`, '--cadence', '1', '--ends', `${fourYearsAgo}-06-30`).status).toBe(0);
    expect(program.tandem('roster', 'import', file('typo.csv', ROSTER_CSV), '--cohort', 'typo').status).toBe(0);
    const refused = program.tandem('cohort', 'set', '--slug', 'typo', '--starts', '1999-12-31');
    expect([refused.status, refused.stderr]).toEqual([2, expect.stringContaining('--starts 1999-12-31 is more than 5 years ago')]);
    // The last day would be before the new first day: both in one command, or nothing.
    const alone = program.tandem('cohort', 'set', '--slug', 'typo', '--starts', '2027-03-01');
    expect([alone.status, alone.stderr]).toEqual([2, expect.stringContaining(`With --starts 2027-03-01, its last day ${fourYearsAgo}-06-30 is before the cohort starts (2027-03-01). Give a new last day with --ends`)]);
    expect(await cohortRow('typo')).toMatchObject({ startsOn: `${fourYearsAgo}-01-03`, endsOn: `${fourYearsAgo}-06-30` });

    const run = program.tandem('cohort', 'set', '--slug', 'typo', '--starts', '2027-03-01', '--ends', '2027-06-30');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('“typo” now starts on 2027-03-01: cycle 1 begins that day, with check-ins every 1 day.');
    expect(run.stdout).toContain('“typo” ends on 2027-06-30');
    expect(await cohortRow('typo')).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-06-30', cadenceDays: 1 });
    // Partners were paired in a week of the old calendar; with nothing written yet, they are partners from week 1.
    const conn = await openDatabase();
    try {
      const { results } = await conn.db
        .prepare("SELECT DISTINCT m.from_week FROM pair_memberships m JOIN participants p ON p.id = m.participant_id JOIN cohorts c ON c.id = p.cohort_id WHERE c.slug = 'typo'")
        .all<{ from_week: number }>();
      expect(results).toEqual([{ from_week: 1 }]);
    } finally {
      await conn.close();
    }
  });

  it('cohort set --starts refuses once something is stored in the cohort’s weeks, and changes nothing', async () => {
    expect(program.tandem('cohort', 'add', '--slug', 'under-way', '--name', 'Under way', '--timezone', 'UTC', '--starts', '2026-01-05').status).toBe(0);
    expect(program.tandem('roster', 'import', file('under-way.csv', ROSTER_CSV), '--cohort', 'under-way').status).toBe(0);
    const conn = await openDatabase();
    try {
      const cohort = (await getCohortBySlug(conn.db, 'under-way'))!;
      const mentee = (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.role === 'mentee')!;
      expectStored(await storeReflection(conn.db, (await getParticipant(conn.db, mentee.id))!, 2, {
        idempotency_key: 'under-way-1', working: 'w', not_working: 'n', why: 'y', assumption: '', insight: '', strategy_title: '', strategy_body: '', strategy_tags: '', consent: 'private',
      }));
    } finally {
      await conn.close();
    }
    const run = program.tandem('cohort', 'set', '--slug', 'under-way', '--starts', '2026-02-02', '--publication', 'public');
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('has check-ins or other records in its weeks already')]);
    expect(await cohortRow('under-way')).toMatchObject({ startsOn: '2026-01-05', publication: 'unlisted' });
    // Its last day can still be set, within five years of its first.
    expect(program.tandem('cohort', 'set', '--slug', 'under-way', '--ends', '2031-01-05').stderr).toContain('more than 5 years after the cohort starts');
    expect(program.tandem('cohort', 'set', '--slug', 'under-way', '--ends', '2026-12-31').stdout).toContain('ends on 2026-12-31');
  });
});
