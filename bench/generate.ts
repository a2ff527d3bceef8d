/**
 * The synthetic-program generator: fills an empty local D1 with a program of a given size —
 * cohorts × mentees × weeks, mentees in pairs and circles of three pairs, a mentor per cohort —
 * deterministic from a seed (the same rows on every machine, dated relative to `now`).
 *
 *   TANDEM_STATE_DIR=/tmp/big npm exec -- node bench/generate.ts --scale 4 [--seed 1]
 *
 * Without TANDEM_STATE_DIR it makes a new temporary folder and prints it. Migrations are applied
 * first, as `npm run setup` does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../worker/db/connection.ts';
import { random } from '../cli/random.ts';
import { wrangler } from '../cli/setup.ts';
import { addDays } from '../worker/domain/weeks.ts';
import { DEFAULT_DIALOGUE_FORMAT } from '../worker/forms/contract.ts';
import { COLUMNS, pauseWeeks, writeMentee, type Calendar, type Ids } from './activity.ts';
import { BulkWriter } from './bulk.ts';
import { CHANNELS, FEEDBACK, texts, TIMEZONES } from './texts.ts';

export interface ProgramSize {
  cohorts: number;
  mentees: number;
  weeks: number;
}

/** The program size the targets are set at (1×); `npm run bench` builds 1×, 2× and 4× of it (more cohorts). */
export const BASE_SIZE: ProgramSize = { cohorts: 50, mentees: 24, weeks: 12 };

export function sizeAt(scale: number): ProgramSize {
  return { ...BASE_SIZE, cohorts: BASE_SIZE.cohorts * scale };
}

export type Counts = Record<string, number>;

export interface GenerateOptions {
  seed?: number;
  now?: Date;
  /** Called after each cohort is generated, with the rows generated so far per table. */
  onProgress?(cohortsDone: number, counts: Counts): void;
}

const TABLES = {
  cohorts: ['id', 'slug', 'name', 'timezone', 'cadence_days', 'starts_on', 'ends_on', 'publication'],
  circles: ['id', 'cohort_id', 'label'],
  pairs: ['id', 'cohort_id', 'circle_id', 'label'],
  participants: ['id', 'cohort_id', 'pair_id', 'role', 'display_name', 'email', 'link_version', 'joined_on'],
  contracts: ['id', 'idempotency_key', 'participant_id', 'cohort_id', 'pair_id', 'version', 'week', 'purpose', 'cadence_days', 'meeting_day', 'meeting_time', 'channel', 'boundaries', 'success_measure', 'contributions', 'dialogue_format', 'renegotiate_on', 'submitted_at'],
  contract_confirmations: ['contract_id', 'participant_id', 'revision'],
  ...COLUMNS,
  feedback: ['id', 'idempotency_key', 'participant_id', 'receiver_id', 'cohort_id', 'pair_id', 'week', 'behaviour', 'impact', 'next_step', 'usefulness', 'rated_at', 'submitted_at'],
} as const;

/** A flush every few megabytes keeps memory flat and each transaction reasonable. */
const FLUSH_BYTES = 4_000_000;

/** Fills an empty database with a synthetic program; returns the rows written per table. */
export async function generateProgram(db: D1Database, size: ProgramSize, { seed = 1, now = new Date(), onProgress }: GenerateOptions = {}): Promise<Counts> {
  const out = new BulkWriter(db);
  // Columns added by later migrations are filled when the database has them.
  const shareKey = await hasColumn(db, 'cohorts', 'share_key');
  for (const [name, columns] of Object.entries(TABLES)) out.table(name, name === 'cohorts' && shareKey ? [...columns, 'share_key'] : columns);
  const ids: Ids = { cohorts: 0, circles: 0, pairs: 0, participants: 0, contracts: 0, checkins: 0, reflections: 0, goals: 0, milestones: 0, feedback: 0, pulses: 0, program_feedback: 0 };
  const rand = random(seed);
  const t = texts(rand);
  const today = now.toISOString().slice(0, 10);
  for (let n = 1; n <= size.cohorts; n++) {
    writeCohort(out, ids, rand, t, n, size, today, shareKey);
    if (out.pendingBytes > FLUSH_BYTES || n === size.cohorts) await out.flush();
    onProgress?.(n, { ...ids });
  }
  return Object.fromEntries(out.written);
}

type Rand = () => number;
type Texts = ReturnType<typeof texts>;

async function hasColumn(db: D1Database, table: string, column: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2').bind(table, column).first()) !== null;
}

function writeCohort(out: BulkWriter, ids: Ids, rand: Rand, t: Texts, n: number, size: ProgramSize, today: string, shareKey: boolean): void {
  const cohortId = ++ids.cohorts;
  // Cohorts started a few weeks apart; most are public or unlisted, one in ten is private.
  const startsOn = addDays(today, -7 * (size.weeks + Math.floor(rand() * 4)));
  const publication = t.pick(['public', 'public', 'public', 'public', 'public', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'private']);
  const endsOn = rand() < 0.5 ? addDays(startsOn, 7 * size.weeks - 1) : null;
  const cohort = [cohortId, `bench-${String(n).padStart(4, '0')}`, t.cohortName(n), t.pick(TIMEZONES), 7, startsOn, endsOn, publication];
  // An unlisted cohort's unguessable address part (80 bits, as the migration makes them).
  out.add('cohorts', shareKey ? [...cohort, Array.from({ length: 20 }, () => Math.floor(rand() * 16).toString(16)).join('')] : cohort);
  const cal: Calendar = {
    weeks: size.weeks,
    day: (week, offset) => addDays(startsOn, (week - 1) * 7 + offset),
    at: (week, offset) => `${addDays(startsOn, (week - 1) * 7 + offset)}T18:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00.000Z`,
  };

  const mentor = ++ids.participants;
  out.add('participants', [mentor, cohortId, null, 'mentor', `${t.person(n)} (mentor)`, `mentor-${mentor}@bench.invalid`, 1, startsOn]);
  const pairs: { id: number; circleId: number; members: number[] }[] = [];
  let circleId = 0;
  for (let index = 0; index < size.mentees; index++) {
    if (index % 2 === 0) {
      // A circle of three pairs.
      if (index % 6 === 0) {
        circleId = ++ids.circles;
        out.add('circles', [circleId, cohortId, `Circle ${String.fromCharCode(65 + index / 6)}`]);
      }
      const pairId = ++ids.pairs;
      out.add('pairs', [pairId, cohortId, circleId, `Pair ${index / 2 + 1}`]);
      pairs.push({ id: pairId, circleId, members: [] });
    }
    const id = ++ids.participants;
    out.add('participants', [id, cohortId, pairs.at(-1)!.id, 'mentee', t.person(index), `mentee-${id}@bench.invalid`, 1, startsOn]);
    pairs.at(-1)!.members.push(id);
  }

  for (const [p, pair] of pairs.entries()) {
    writeContracts(out, ids, rand, t, cohortId, pair, cal);
    const paused = pauseWeeks(rand, size.weeks);
    for (const [k, id] of pair.members.entries()) writeMentee(out, ids, rand, t, { id, cohortId, pairId: pair.id, index: p * 2 + k }, cal, paused);
    const circle = pairs.filter((other) => other.circleId === pair.circleId && other !== pair).flatMap((other) => other.members);
    writeFeedback(out, ids, rand, cohortId, pair, circle, cal);
  }
}

function writeContracts(out: BulkWriter, ids: Ids, rand: Rand, t: Texts, cohortId: number, pair: { id: number; members: number[] }, cal: Calendar): void {
  const [first, second] = pair.members as [number, number];
  const terms = (version: number) => [
    'Help each other finish what we started: one concrete step a week, and honest questions when a week goes wrong.',
    t.pick([7, 7, 7, 14]), t.pick(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']), t.pick(['18:30', '08:00', '12:30']),
    t.pick(CHANNELS),
    'No messages after 21:00; what we say about work stays between us.',
    'Eight of ten check-ins held, and both goals reached or consciously recalibrated.',
    'One of us brings structure and deadlines, the other encouragement and honest questions.',
    DEFAULT_DIALOGUE_FORMAT, cal.day(version === 1 ? 6 : 12, 0),
  ];
  const v1 = ++ids.contracts;
  out.add('contracts', [v1, `bench-contract-${pair.id}-1`, first, cohortId, pair.id, 1, 1, ...terms(1), cal.at(1, 2)]);
  if (rand() < 0.9) out.add('contract_confirmations', [v1, second, 1]);
  if (rand() < 0.1) {
    const v2 = ++ids.contracts;
    out.add('contracts', [v2, `bench-contract-${pair.id}-2`, second, cohortId, pair.id, 2, 6, ...terms(2), cal.at(6, 2)]);
    out.add('contract_confirmations', [v2, first, 1]);
  }
}

/** Every third week partners give each other feedback, and now and then someone in their circle. */
function writeFeedback(out: BulkWriter, ids: Ids, rand: Rand, cohortId: number, pair: { id: number; members: number[] }, circle: number[], cal: Calendar): void {
  for (let week = 3; week <= cal.weeks; week += 3) {
    for (const [k, giver] of pair.members.entries()) {
      const receivers = [pair.members[1 - k]!];
      if (circle.length && rand() < 0.15) receivers.push(circle[Math.floor(rand() * circle.length)]!);
      for (const receiver of receivers) {
        if (rand() > 0.8) continue;
        const text = FEEDBACK[Math.floor(rand() * FEEDBACK.length)]!;
        const rated = rand() < 0.75;
        const usefulness = rated ? Math.min(5, 1 + Math.floor(rand() * 3) + Math.floor(rand() * 3)) : null;
        out.add('feedback', [++ids.feedback, `bench-feedback-${giver}-${receiver}-${week}`, giver, receiver, cohortId, pair.id, week, text.behaviour, text.impact, text.next_step, usefulness, rated ? cal.at(week, 5) : null, cal.at(week, 2)]);
      }
    }
  }
}

/** Applies the migrations to a local state folder, as `npm run setup` does. */
export function migrate(stateDir: string): void {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir], { quiet: true });
}

/** Makes a fresh state folder with the migrations applied and a program of `scale` × the base. */
export async function generateState(scale: number, { seed = 1, stateDir = mkdtempSync(join(tmpdir(), `tandem-bench-${scale}x-`)), log = (line: string) => process.stderr.write(line) } = {}): Promise<{ stateDir: string; counts: Counts; seconds: number }> {
  const size = sizeAt(scale);
  const started = performance.now();
  process.env.TANDEM_STATE_DIR = stateDir;
  log(`generate ${scale}×: migrating ${stateDir}\n`);
  migrate(stateDir);
  const conn = await openDatabase();
  try {
    const step = Math.max(1, Math.round(size.cohorts / 10));
    const counts = await generateProgram(conn.db, size, {
      seed,
      onProgress: (done, c) => {
        if (done % step === 0 || done === size.cohorts) log(`generate ${scale}×: ${done}/${size.cohorts} cohorts, ${c.checkins} check-ins\n`);
      },
    });
    return { stateDir, counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    await conn.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && Number.isInteger(scale))) throw new Error('--scale must be a whole number (1, 2, 4, …)');
  const result = await generateState(scale, { seed: Number(values.seed), stateDir: process.env.TANDEM_STATE_DIR });
  console.log(JSON.stringify(result, null, 2));
}
