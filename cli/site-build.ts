/**
 * Building the site without ever leaving a broken one behind. Astro empties its output folder
 * before it writes, so a build that fails half-way (a bad library entry, an unreachable database)
 * used to leave dist/ with only its `.prerender/` folder: every page 404 and every form 503 until
 * the next good build. Here Astro builds into a fresh folder beside the served one, and that folder
 * replaces the served one only when the build succeeded and every file fits the platform.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../worker/db/connection.ts';

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
 * the folder is missing (wrangler dev notices the new folder and serves it).
 */
export function swapIn(next: string, served: string): void {
  const previous = `${served}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(served)) renameSync(served, previous);
  renameSync(next, served);
  rmSync(previous, { recursive: true, force: true });
}

function unchangedNote(served: string): string {
  return existsSync(served) ? `The site in ${shown(served)} is the previous build, unchanged.` : 'No site was published.';
}

export interface BuildOutcome {
  ok: boolean;
  /** For the mentor: what happened, and what to do when it failed. */
  message: string;
}

/**
 * `astro build --force` into `<served>.next`, then the size check and the swap. `astroArgs` go to
 * Astro as they are (e.g. `--silent`). Astro's own output goes to this process's stdout/stderr.
 */
export function buildSite(astroArgs: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): BuildOutcome {
  const served = servedDir(env);
  const next = `${served}.next`;
  rmSync(next, { recursive: true, force: true });
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
  const run = spawnSync(process.execPath, [astro, 'build', '--force', ...astroArgs], { cwd: PROJECT_ROOT, env: { ...env, TANDEM_OUT_DIR: next }, stdio: 'inherit' });
  if (run.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    return { ok: false, message: `The build failed (see the messages above). ${unchangedNote(served)} Fix what they name and run the build again.` };
  }
  return publishBuilt(next, served);
}

/**
 * Swaps a finished build in, unless a file of it is over MAX_ASSET_BYTES: then it is removed and
 * the served folder stays as it was.
 */
export function publishBuilt(next: string, served: string, limit = MAX_ASSET_BYTES): BuildOutcome {
  const tooLarge = oversizedFiles(next, limit);
  if (tooLarge.length) {
    rmSync(next, { recursive: true, force: true });
    const list = tooLarge.map((f) => `  ${f.path}: ${mib(f.bytes)}`).join('\n');
    return {
      ok: false,
      message: `The build made files over ${mib(limit)}, more than the hosting takes (25 MiB a file):\n${list}\n${unchangedNote(served)} Look for a cohort whose dates are implausible (npm run tandem -- cohort set --slug … --starts/--ends) and build again.`,
    };
  }
  swapIn(next, served);
  return { ok: true, message: `Built the site into ${shown(served)}.` };
}
