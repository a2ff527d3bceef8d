/**
 * `npm run build` publishes what changed: after one new check-in in one cohort it renders that
 * cohort's pages and the lists of cohorts with the last build's renderer, without starting Astro,
 * and reuses every other file from the last build; the result is the same, file by file, as a full
 * build. Consent withdrawn since the last build is gone after an incremental build; a changed
 * library starts Astro, whose new renderer renders every cohort again; --force, a changed site (its
 * code fingerprint) and a missing renderer rebuild everything; stories held from the last build
 * that are cut short or malformed are read again.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestPath, readManifest } from '../../cli/build-manifest.ts';
import { openDatabase } from '../../worker/db/connection.ts';
import { getCohortBySlug } from '../../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../../worker/db/participants.ts';
import { setConsent } from '../../worker/db/published.ts';
import { expectStored, storeCheckin } from '../../worker/db/submissions.ts';
import { Program, ROSTER_CSV } from '../support/program.ts';

const program = new Program();
/** A public win in cohort "withdraws", whose author takes it back between two builds. */
const SENTINEL = 'WITHDRAWN-SINCE-LAST-BUILD';
let withdrawnCheckinId = 0;

/** SHA-256 of every file under `dir`, by path inside it. */
function hashes(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return found;
}

const checkin = (key: string, win: string, consent: 'public' | 'private') => ({
  idempotency_key: key, progress: 'p', obstacles: '', next_step: 'n', committed_action: 'c', last_action_done: undefined,
  win, win_consent: consent, challenge: '', decision_reason: '', energy: 3, needs_pause: false, carry_forward: false, challenge_to_circle: false,
});

/** Stores a check-in of the first mentee of `slug` in `week`; returns its id. */
async function addCheckin(slug: string, week: number, key: string, win: string): Promise<number> {
  const conn = await openDatabase();
  try {
    const cohort = (await getCohortBySlug(conn.db, slug))!;
    const mentee = (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.role === 'mentee')!;
    return expectStored(await storeCheckin(conn.db, (await getParticipant(conn.db, mentee.id))!, week, checkin(key, win, 'public'))).id;
  } finally {
    await conn.close();
  }
}

function build(...args: string[]) {
  const run = program.node('cli/build.ts', ['--silent', ...args]);
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  program.setup();
  program.copyLibrary();
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const roster = join(program.outDir, '..', `${program.outDir.split('/').pop()}-roster.csv`);
  writeFileSync(roster, ROSTER_CSV);
  for (const slug of ['changes', 'withdraws', 'stays']) {
    expect(program.tandem('cohort', 'add', '--slug', slug, '--name', `Cohort ${slug}`, '--timezone', 'UTC', '--starts', '2026-09-07', '--publication', 'public').status).toBe(0);
    expect(program.tandem('roster', 'import', roster, '--cohort', slug).stderr).toBe('');
    await addCheckin(slug, 1, `${slug}-1`, `A first win in ${slug}`);
  }
  withdrawnCheckinId = await addCheckin('withdraws', 2, 'withdraws-2', `${SENTINEL} in a win`);
});

describe('npm run build, incremental', () => {
  let full: Record<string, string> = {};
  let incremental: Record<string, string> = {};
  let incrementalOut = '';
  let forcedOut = '';
  /** A second name for files of the site served before the incremental build, and their text then. */
  const servedBefore: { link: string; text: string }[] = [];

  beforeAll(async () => {
    const first = build();
    expect(first).toMatch(/rebuilt everything/i);
    expect(readFileSync(join(program.outDir, 'cohorts', 'withdraws', 'index.html'), 'utf8')).toContain(SENTINEL);

    // One new check-in in one cohort; in another, a win's author withdraws consent.
    await addCheckin('changes', 2, 'changes-2', 'A brand new win');
    const conn = await openDatabase();
    try {
      const cohort = (await getCohortBySlug(conn.db, 'withdraws'))!;
      const author = (await listLinkRecipients(conn.db, cohort.id)).find((p) => p.role === 'mentee')!;
      expect(await setConsent(conn.db, (await getParticipant(conn.db, author.id))!, 'win', withdrawnCheckinId, 'private')).toBe(true);
    } finally {
      await conn.close();
    }

    // The files an incremental build links from the served site, and those it renders anew.
    const links = mkdtempSync(join(tmpdir(), 'tandem-served-'));
    for (const [i, file] of ['cohorts/index.html', 'index.html', 'cohorts/changes/index.html', 'library/index.html'].entries()) {
      const link = join(links, String(i));
      linkSync(join(program.outDir, file), link);
      servedBefore.push({ link, text: readFileSync(link, 'utf8') });
    }
    incrementalOut = build();
    incremental = hashes(program.outDir);
    forcedOut = build('--force');
    full = hashes(program.outDir);
  });

  it('says what it rebuilt and what it reused', () => {
    expect(incrementalOut).toMatch(/rebuilt 2 cohort\(s\): changes, withdraws/);
    expect(incrementalOut).toMatch(/reused 1 cohort\(s\): stays; reused the rest of the site, without starting Astro/);
    expect(forcedOut).toMatch(/rebuilt everything \(--force\)/i);
  });

  it('produces the same files as a full build, byte for byte', () => {
    expect(Object.keys(incremental).length).toBeGreaterThan(20);
    expect(incremental).toEqual(full);
    expect(readFileSync(join(program.outDir, 'cohorts', 'changes', 'index.html'), 'utf8')).toContain('A brand new win');
  });

  it('never writes into the files of the site it replaces', () => {
    for (const { link, text } of servedBefore) expect(readFileSync(link, 'utf8')).toBe(text);
    // The changed cohort's page was rendered anew: had it been written through a link, the old text would be gone.
    expect(readFileSync(join(program.outDir, 'cohorts', 'changes', 'index.html'), 'utf8')).not.toBe(servedBefore[2]!.text);
  });

  it('leaves out consent withdrawn since the last build', () => {
    expect(incremental).toEqual(full);
    for (const file of program.builtFiles()) expect(file.text, file.path).not.toContain(SENTINEL);
  });

  it('keeps a manifest, the stories it read and the renderer beside the output, not in it', () => {
    const manifest = readManifest(manifestPath(program.outDir))!;
    expect(existsSync(join(`${program.outDir}.renderer`, 'entry.mjs'))).toBe(true);
    expect(existsSync(join(`${program.outDir}.cache`, 'stories.json'))).toBe(true);
    expect(program.builtFiles().some((f) => /\.mjs$/.test(f.path) || f.path.includes('chunks/'))).toBe(false);
    expect(Object.keys(manifest.cohorts).sort()).toEqual(['changes', 'stays', 'withdraws']);
    expect(manifest.cohorts.stays!.files).toContain('cohorts/stays/index.html');
    expect(program.builtFiles().some((f) => f.text.includes(manifest.fingerprint))).toBe(false);
  });

  it('starts Astro when the library changed, renders every cohort with the new renderer, and matches a full build', () => {
    const entry = join(program.libraryDir, 'zz-incremental.mdx');
    writeFileSync(entry, readFileSync(join(program.libraryDir, readdirSync(program.libraryDir).find((f) => f.endsWith('.mdx'))!), 'utf8').replace(/^title: .*$/m, 'title: "Written between two builds"'));
    try {
      const out = build();
      expect(out).toMatch(/rebuilt the site and every cohort's pages \(the library, or what it shows from the cohorts, changed\)/);
      expect(readFileSync(join(program.outDir, 'library', 'zz-incremental', 'index.html'), 'utf8')).toContain('Written between two builds');
      const withEntry = hashes(program.outDir);
      build('--force');
      expect(withEntry).toEqual(hashes(program.outDir));
    } finally {
      rmSync(entry);
      build('--force');
    }
  });

  it('reads the stories again when those held from the last build are cut short or malformed', () => {
    const held = join(`${program.outDir}.cache`, 'stories.json');
    const before = hashes(program.outDir);
    for (const text of ['{"changes": {"digest": "x"', '{"changes": null, "stays": {"digest": 1}}', '[]']) {
      writeFileSync(held, text);
      expect(build()).toMatch(/reused the rest of the site, without starting Astro/);
      expect(hashes(program.outDir)).toEqual(before);
    }
  });

  it('rebuilds everything when the last build left no renderer', () => {
    rmSync(`${program.outDir}.renderer`, { recursive: true });
    expect(build()).toMatch(/rebuilt everything \(no earlier build to start from\)/i);
    expect(existsSync(join(`${program.outDir}.renderer`, 'entry.mjs'))).toBe(true);
  });

  it('rebuilds everything when the site changed since the manifest was written', () => {
    const path = manifestPath(program.outDir);
    const manifest = readManifest(path)!;
    writeFileSync(path, JSON.stringify({ ...manifest, fingerprint: 'a template changed' }));
    expect(build()).toMatch(/rebuilt everything \(the site's code or configuration changed\)/i);
    expect(hashes(program.outDir)).toEqual(full);
  });

  it('drops the files of a cohort that became private', () => {
    expect(program.tandem('cohort', 'set', '--slug', 'stays', '--publication', 'private').status).toBe(0);
    const out = build();
    // The cohorts listed changed, which the library's pages read: Astro runs.
    expect(out).toMatch(/rebuilt the site and every cohort's pages/);
    expect(existsSync(join(program.outDir, 'cohorts', 'stays'))).toBe(false);
    expect(Object.keys(readManifest(manifestPath(program.outDir))!.cohorts).sort()).toEqual(['changes', 'withdraws']);
  });
});
