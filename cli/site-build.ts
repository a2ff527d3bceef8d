/**
 * Building the site without ever leaving a broken one behind. Astro empties its output folder
 * before it writes, so a build that fails half-way (a bad library entry, an unreachable database)
 * used to leave dist/ with only its `.prerender/` folder: every page 404 and every form 503 until
 * the next good build. Here Astro builds into a fresh folder beside the served one, and that folder
 * replaces the served one only when the build succeeded and every file fits the platform.
 *
 * And publishing only what changed: after a build, its manifest (cli/build-manifest.ts) records
 * each cohort's digest and files. The next build, unless --force or the site's code changed,
 * renders only the cohorts whose digest changed (and every page that lists cohorts), and copies
 * the others' files from the served folder into the new one before the swap.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readBuildPlan } from '../site/lib/build-plan.ts';
import { filesUnder, manifestPath, PROJECT_ROOT, readManifest, siteFingerprint, writeManifest, type BuildManifest } from './build-manifest.ts';

/**
 * The largest file a build may publish. Cloudflare refuses a static asset over 25 MiB (and
 * `wrangler dev`, the CLI and the build then fail to start on that folder), so a build is kept well
 * under it: a file this large means something grew without bound, and the site in place stays.
 */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;

/** Where the site is served from: TANDEM_OUT_DIR, or dist/ (wrangler.toml's [assets]). */
export function servedDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(PROJECT_ROOT, env.TANDEM_OUT_DIR ?? 'dist');
}

/** Files under `dir` larger than `limit` bytes, largest first, with their paths inside `dir`. */
export function oversizedFiles(dir: string, limit = MAX_ASSET_BYTES): { path: string; bytes: number }[] {
  const found: { path: string; bytes: number }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const { size } = statSync(path);
        if (size > limit) found.push({ path: relative(dir, path), bytes: size });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => b.bytes - a.bytes);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
/** A folder as the mentor knows it: dist/ rather than a full path, when it is inside the project. */
const shown = (path: string) => (path.startsWith(`${PROJECT_ROOT}`) ? `${relative(PROJECT_ROOT, path)}/` : path);

/**
 * Puts `next` where `served` is. Two renames in one folder: a server reading `served` sees the old
 * site or the new one, never a half-written one, though for the instant between the two renames
 * the folder is missing (wrangler dev notices the new folder and serves it). The old site is moved
 * into the cache folder beside it and removed by a process of its own: removing thousands of files
 * took seconds here (the disk discards as it deletes), and nobody needs to wait for it.
 */
export function swapIn(next: string, served: string): void {
  rmSync(`${served}.previous`, { recursive: true, force: true }); // left by builds before this one
  const old = join(`${served}.cache`, 'old-sites', `${Date.now()}-${process.pid}`);
  if (existsSync(served)) {
    mkdirSync(dirname(old), { recursive: true });
    renameSync(served, old);
  }
  renameSync(next, served);
  if (existsSync(old)) {
    spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(old)}, { recursive: true, force: true })`], { detached: true, stdio: 'ignore' }).unref();
  }
}

function unchangedNote(served: string): string {
  return existsSync(served) ? `The site in ${shown(served)} is the previous build, unchanged.` : 'No site was published.';
}

export interface BuildOutcome {
  ok: boolean;
  /** For the mentor: what happened, and what to do when it failed. */
  message: string;
}

/** Names for the mentor: the first few, then how many more. */
function named(slugs: readonly string[], max = 10): string {
  return slugs.length <= max ? slugs.join(', ') : `${slugs.slice(0, max).join(', ')} and ${slugs.length - max} more`;
}

/**
 * Copies `files` (relative paths) from `from` into `to`; false when one is missing. A hard link
 * where the file system allows it: the served folder is only ever renamed or removed, never
 * written into, so the new site's copy cannot change under it.
 */
function copyInto(from: string, to: string, files: readonly string[]): boolean {
  for (const file of files) {
    const source = join(from, file);
    if (!existsSync(source)) return false;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    try {
      linkSync(source, join(to, file));
    } catch {
      copyFileSync(source, join(to, file));
    }
  }
  return true;
}

/**
 * `astro build` into `<served>.next`, then the size check and the swap. `astroArgs` go to Astro as
 * they are (e.g. `--silent`), but `--force`, which rebuilds everything. Without it, and when the
 * served site's manifest has this site's fingerprint, only the cohorts whose data changed are
 * rendered. Astro's own output goes to this process's stdout/stderr.
 */
export function buildSite(astroArgs: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): BuildOutcome {
  const served = servedDir(env);
  const next = `${served}.next`;
  const force = astroArgs.includes('--force');
  const passed = astroArgs.filter((arg) => arg !== '--force');
  const fingerprint = siteFingerprint(PROJECT_ROOT, env);
  const previous = existsSync(served) ? readManifest(manifestPath(served)) : null;
  const fullBecause = force ? '--force' : !previous ? 'no earlier build to start from' : previous.fingerprint !== fingerprint ? "the site's code or configuration changed" : null;
  rmSync(next, { recursive: true, force: true });
  const work = mkdtempSync(join(tmpdir(), 'tandem-build-'));
  try {
    const planFile = join(work, 'plan.json');
    const buildEnv: NodeJS.ProcessEnv = { ...env, TANDEM_OUT_DIR: next, TANDEM_CACHE_DIR: `${served}.cache`, TANDEM_BUILD_PLAN: planFile };
    if (!fullBecause) {
      buildEnv.TANDEM_BUILD_PREVIOUS = join(work, 'previous.json');
      writeFileSync(buildEnv.TANDEM_BUILD_PREVIOUS, JSON.stringify(Object.fromEntries(Object.entries(previous!.cohorts).map(([slug, c]) => [slug, c.digest]))));
    }
    const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
    // --force clears Astro's content store too: a full build reads every cohort again.
    const run = spawnSync(process.execPath, [astro, 'build', ...(fullBecause ? ['--force'] : []), ...passed], { cwd: PROJECT_ROOT, env: buildEnv, stdio: 'inherit' });
    if (run.status !== 0) {
      rmSync(next, { recursive: true, force: true });
      return { ok: false, message: `The build failed (see the messages above). ${unchangedNote(served)} Fix what they name and run the build again.` };
    }
    const plan = readBuildPlan(buildEnv);
    if (!plan) throw new Error(`the build wrote no plan to ${planFile}`);
    const rendered = plan.render ? new Set(plan.render) : null;
    const reused = rendered ? plan.cohorts.filter((c) => !rendered.has(c.slug)) : [];
    // A file of the last build gone missing: rebuild everything rather than publish a site without it.
    if (!reused.every((c) => copyInto(served, next, previous!.cohorts[c.slug]!.files))) return buildSite([...passed, '--force'], env);
    const manifest: BuildManifest = {
      version: 1,
      fingerprint,
      cohorts: Object.fromEntries(plan.cohorts.map((c) => [c.slug, { digest: c.digest, path: c.path, files: filesUnder(join(next, c.path), next) }])),
    };
    const outcome = publishBuilt(next, served, MAX_ASSET_BYTES, manifest);
    if (!outcome.ok) return outcome;
    const what = fullBecause
      ? `rebuilt everything (${fullBecause}).`
      : `rebuilt ${plan.render!.length} cohort(s)${plan.render!.length ? `: ${named(plan.render!)}` : ''}; reused ${reused.length} cohort(s)${reused.length ? `: ${named(reused.map((c) => c.slug))}` : ''}.`;
    return { ok: true, message: `${outcome.message} It ${what}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Swaps a finished build in, unless a file of it is over MAX_ASSET_BYTES: then it is removed and
 * the served folder stays as it was.
 */
export function publishBuilt(next: string, served: string, limit = MAX_ASSET_BYTES, manifest?: BuildManifest): BuildOutcome {
  const tooLarge = oversizedFiles(next, limit);
  if (tooLarge.length) {
    rmSync(next, { recursive: true, force: true });
    const list = tooLarge.map((f) => `  ${f.path}: ${mib(f.bytes)}`).join('\n');
    return {
      ok: false,
      message: `The build made files over ${mib(limit)}, more than the hosting takes (25 MiB a file):\n${list}\n${unchangedNote(served)} Look for a cohort whose dates are implausible (npm run tandem -- cohort set --slug … --starts/--ends) and build again.`,
    };
  }
  // The manifest describes the served folder: gone before the swap, written after it, so a build
  // stopped in between leaves none, and the next build rebuilds everything.
  rmSync(manifestPath(served), { force: true });
  swapIn(next, served);
  if (manifest) writeManifest(manifestPath(served), manifest);
  return { ok: true, message: `Built the site into ${shown(served)}.` };
}
