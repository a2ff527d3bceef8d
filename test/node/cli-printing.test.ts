/**
 * The CLI prints participants' text safely (issue 16, item 13): control characters that reached D1
 * by another path than the forms (here written straight into the database) never reach the
 * mentor's terminal; each shows as a visible sign instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { Program, ROSTER_CSV } from '../support/program.ts';

const program = new Program();
/** ESC, BEL, CR, DEL and C1 controls (U+0085 next line, U+009B the one-byte CSI). */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
let ada = 0;

async function write(sql: string, ...params: (string | number)[]): Promise<void> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    await conn.db.prepare(sql).bind(...params).run();
  } finally {
    await conn.close();
  }
}

beforeAll(async () => {
  program.setup();
  expect(program.tandem('cohort', 'add', '--slug', 'odd', '--name', 'Odd', '--timezone', 'Europe/London', '--cadence', '14', '--starts', '2027-03-01').status).toBe(0);
  const roster = join(program.outDir, 'roster.csv');
  writeFileSync(roster, ROSTER_CSV);
  expect(program.tandem('roster', 'import', roster, '--cohort', 'odd').status).toBe(0);
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    ada = (await conn.db.prepare(`SELECT id FROM participants WHERE display_name = 'Ada'`).first<{ id: number }>())!.id;
  } finally {
    await conn.close();
  }
  await write(`UPDATE participants SET display_name = ?2 WHERE id = ?1`, ada, 'Ada\u001b]0;pwned\u0007\u001b[2J');
  await write(`UPDATE pairs SET label = ?1 WHERE label = 'P1'`, 'P1\u009b31m\r');
  await write(`UPDATE circles SET label = ?1 WHERE label = 'North'`, 'North\u0085\u007f');
  await write(
    `INSERT INTO pulses (idempotency_key, participant_id, cohort_id, pair_id, week, trust, safety, feedback_ease, adaptability, comment)
     SELECT 'planted-pulse', id, cohort_id, pair_id, 1, 4, 4, 4, 4, ?2 FROM participants WHERE id = ?1`,
    ada,
    'All good\u001b[8m hidden\u009b0m',
  );
  await write(
    `INSERT INTO program_feedback (idempotency_key, participant_id, cohort_id, pair_id, week, cadence_fit, suggestion)
     SELECT 'planted-feedback', id, cohort_id, pair_id, 1, 'about-right', ?2 FROM participants WHERE id = ?1`,
    ada,
    'Fewer forms\u0007\u0007',
  );
});

describe('participants’ text on the mentor’s terminal', () => {
  it('pairs shows names and labels with every control character as a visible sign', () => {
    const run = program.tandem('pairs', '--cohort', 'odd');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('Ada␛]0;pwned␇␛[2J');
    expect(run.stdout).toContain('P1\uFFFD31m␍');
    expect(run.stdout).toContain('North\uFFFD␡');
  });

  it('program-feedback shows pulse comments and program feedback the same way', () => {
    const run = program.tandem('program-feedback', '--cohort', 'odd');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('All good␛[8m hidden\uFFFD0m');
    expect(run.stdout).toContain('One change: Fewer forms␇␇');
  });

  it('links printed to the terminal carry no control character; written to --out, the names stay as stored', () => {
    const run = program.tandem('links', '--cohort', 'odd');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('Ada␛]0;pwned␇␛[2J');
    const out = join(program.outDir, 'links.csv');
    expect(program.tandem('links', '--cohort', 'odd', '--out', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Ada\u001b]0;pwned\u0007\u001b[2J');
  });

  it('outbox and export print no control character, and export’s JSON still reads back exactly', () => {
    expect(program.tandem('reminders', 'run', '--cohort', 'odd', '--at', '2027-03-14T09:17:00Z').stdout).not.toMatch(RAW_CONTROL);
    const outbox = program.tandem('outbox', '--cohort', 'odd');
    expect(outbox.stdout).toContain('Ada␛]0;pwned␇␛[2J');
    expect(outbox.stdout).not.toMatch(RAW_CONTROL);
    expect(program.tandem('outbox', '--cohort', 'odd', '--json').stdout).not.toMatch(RAW_CONTROL);
    const exported = program.tandem('export', '--participant', String(ada));
    expect(exported.stdout).not.toMatch(RAW_CONTROL);
    const data = JSON.parse(exported.stdout) as { participant: { display_name: string }; pulses: { comment: string }[] };
    expect(data.participant.display_name).toBe('Ada\u001b]0;pwned\u0007\u001b[2J');
    expect(data.pulses[0]!.comment).toBe('All good\u001b[8m hidden\u009b0m');
  });

  it('names in a refusal are printed safely too', () => {
    const run = program.tandem('forget', '--participant', String(ada));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Ada␛]0;pwned␇␛[2J');
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});
