/**
 * Building the site without ever leaving a broken one behind. Astro empties its output folder
 * before it writes, so a build that fails half-way (a bad library entry, an unreachable database)
 * used to leave dist/ with only its `.prerender/` folder: every page 404 and every form 503 until
 * the next good build. Here the site is built in a fresh folder beside the served one, and that
 * folder replaces the served one only when the build succeeded and every file fits the platform.
 *
 * And publishing only what changed. The program is read once, inside workerd next to D1, with a
 * digest per cohort. Astro builds the site (the library, the forms, every page that does not
 * change with a check-in) and a renderer for the pages made from D1 (site/integrations/renderer.ts);
 * those pages are then rendered from the program read here. The next build, unless --force or the
 * site's code changed, renders only the cohorts whose digest changed, and the lists of cohorts; and
 * when nothing Astro's pages read changed either (the library, the shared strategies and success
 * stories, the cohorts' names), it does not start Astro at all: it renders with the last build's
 * renderer and takes every other file from the served folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { rendererBeside, rendererEntry } from '../site/integrations/renderer.ts';
import type { BuildInput } from '../site/loaders/program.ts';
import { PROJECT_ROOT } from '../worker/db/paths.ts';
import { filesUnder, manifestPath, readManifest, siteFingerprint, staticPagesDigest, writeManifest, type BuildManifest } from './build-manifest.ts';
import { cohortPages, listPages, loadRenderer, pageFile, readPublished, writeRendered, type PublishedRead, type Render } from './d1-pages.ts';

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
 * written into, so the new site's copy cannot change under it (and a file rendered into the new
 * site is always written as a new file, never through a link: see writeRendered).
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

/** Why this build renders everything, or null when it can start from the last one. */
function fullReason(previous: BuildManifest | null, fingerprint: string, force: boolean, served: string): string | null {
  if (force) return '--force';
  if (!previous || !existsSync(rendererEntry(rendererBeside(served)))) return 'no earlier build to start from';
  if (previous.fingerprint !== fingerprint) return "the site's code or configuration changed";
  return null;
}

/**
 * Renders the pages made from D1 into `next` with `render`: each cohort's, unless `previous` (the
 * served site's manifest, when its renderer is the one in use) has the same digest and path for it,
 * whose files are then linked from `served`; and the lists of cohorts, always.
 */
async function renderFromD1(read: PublishedRead, render: Render, next: string, served: string, previous: BuildManifest | null) {
  const started = performance.now();
  const rendered: string[] = [];
  const reused: string[] = [];
  const cohorts: BuildManifest['cohorts'] = {};
  for (const story of read.stories) {
    const { slug, path } = story.cohort;
    const digest = read.digests.get(slug)!;
    const pages = cohortPages(path);
    const before = previous?.cohorts[slug];
    if (before?.digest === digest && before.path === path && copyInto(served, next, before.files)) reused.push(slug);
    else {
      for (const page of pages) await writeRendered(next, page, await render(page, { story }));
      rendered.push(slug);
    }
    cohorts[slug] = { digest, path, files: pages.map(pageFile) };
  }
  for (const page of listPages()) await writeRendered(next, page, await render(page, { stories: read.stories }));
  return { rendered, reused, cohorts, seconds: (performance.now() - started) / 1000 };
}

/**
 * Reads the program, builds the site (Astro, unless nothing its pages read changed), renders the
 * pages made from D1, then the size check and the swap. `astroArgs` go to Astro as they are (e.g.
 * `--silent`, which also quiets this build's own progress), but `--force`, which rebuilds
 * everything. Astro's own output goes to this process's stdout/stderr.
 *
 * A cohort's pages are reused only with the renderer that made them: when Astro runs, it builds a
 * new renderer (whose pages may name other style and script files), and every cohort is rendered.
 */
export async function buildSite(astroArgs: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<BuildOutcome> {
  const served = servedDir(env);
  const next = `${served}.next`;
  const force = astroArgs.includes('--force');
  const passed = astroArgs.filter((arg) => arg !== '--force');
  const say = passed.includes('--silent') ? () => {} : (line: string) => console.log(line);
  const fingerprint = siteFingerprint(PROJECT_ROOT, env);
  const previous = existsSync(served) ? readManifest(manifestPath(served)) : null;
  const fullBecause = fullReason(previous, fingerprint, force, served);
  rmSync(next, { recursive: true, force: true });
  rmSync(rendererBeside(next), { recursive: true, force: true });

  const held = join(`${served}.cache`, 'stories.json');
  // A full build reads every story again: those held were checked by the code of an earlier build.
  if (fullBecause) rmSync(held, { force: true });
  let read: PublishedRead;
  try {
    read = await readPublished(env, held);
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n${unchangedNote(served)} Fix what it names and run the build again.` };
  }
  say(`Read ${read.stories.length} published cohort(s) (${read.sent} sent in full), ${read.strategies.length} shared strategies and ${read.successStories.length} success stories from the ${env.TANDEM_REMOTE === '1' ? 'remote' : 'local'} D1 database in ${read.seconds.toFixed(2)} s.`);
  const staticDigest = staticPagesDigest(read, env);
  // Astro runs for a full build, and when what its pages read changed; otherwise the last build's site and renderer serve.
  const astroBecause = fullBecause ?? (previous!.staticDigest !== staticDigest ? 'the library, or what it shows from the cohorts, changed' : null);
  const renderer = astroBecause ? rendererBeside(next) : rendererBeside(served);

  const work = mkdtempSync(join(tmpdir(), 'tandem-build-'));
  try {
    if (astroBecause) {
      const programFile = join(work, 'program.json');
      // Astro's pages read the cohorts' names, languages and addresses, never their stories.
      const input: BuildInput = { cohorts: read.stories.map((s) => s.cohort), strategies: read.strategies, successStories: read.successStories };
      writeFileSync(programFile, JSON.stringify(input));
      const buildEnv: NodeJS.ProcessEnv = { ...env, TANDEM_OUT_DIR: next, TANDEM_CACHE_DIR: `${served}.cache`, TANDEM_RENDERER_DIR: renderer, TANDEM_PROGRAM_FILE: programFile };
      const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
      // --force clears Astro's content store too.
      const run = spawnSync(process.execPath, [astro, 'build', ...(fullBecause ? ['--force'] : []), ...passed], { cwd: PROJECT_ROOT, env: buildEnv, stdio: 'inherit' });
      if (run.status !== 0) {
        rmSync(next, { recursive: true, force: true });
        rmSync(renderer, { recursive: true, force: true });
        return { ok: false, message: `The build failed (see the messages above). ${unchangedNote(served)} Fix what they name and run the build again.` };
      }
    } else {
      // Every file of the served site but those made from D1, which are rendered or linked below.
      const fromD1 = new Set([...listPages().flatMap(pageFile), ...Object.values(previous!.cohorts).flatMap((c) => c.files)]);
      // A file of the served site gone missing: rebuild everything rather than publish a site without it.
      if (!copyInto(served, next, filesUnder(served, served).filter((file) => !fromD1.has(file)))) return await buildSite([...passed, '--force'], env);
    }

    let made: Awaited<ReturnType<typeof renderFromD1>>;
    try {
      made = await renderFromD1(read, await loadRenderer(renderer), next, served, astroBecause ? null : previous);
    } catch (error) {
      rmSync(next, { recursive: true, force: true });
      if (astroBecause) rmSync(renderer, { recursive: true, force: true });
      return { ok: false, message: `Rendering the pages made from D1 failed: ${error instanceof Error ? error.message : String(error)}\n${unchangedNote(served)}` };
    }
    say(`Rendered the pages of ${made.rendered.length} cohort(s) and the lists of cohorts in ${made.seconds.toFixed(2)} s.`);
    // For the bench (bench/build.ts): this build's own parts, beside Astro's timers.
    if (env.TANDEM_TIMER_PATH) writeFileSync(env.TANDEM_TIMER_PATH, JSON.stringify({ read: read.seconds, render: made.seconds }));

    const manifest: BuildManifest = { version: 2, fingerprint, staticDigest, cohorts: made.cohorts };
    const outcome = publishBuilt(next, served, MAX_ASSET_BYTES, manifest, astroBecause ? renderer : undefined);
    if (!outcome.ok) return outcome;
    const what = fullBecause
      ? `rebuilt everything (${fullBecause}).`
      : astroBecause
        ? `rebuilt the site and every cohort's pages (${astroBecause}).`
        : `rebuilt ${made.rendered.length} cohort(s)${made.rendered.length ? `: ${named(made.rendered)}` : ''}; reused ${made.reused.length} cohort(s)${made.reused.length ? `: ${named(made.reused)}` : ''}; reused the rest of the site, without starting Astro.`;
    return { ok: true, message: `${outcome.message} It ${what}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Swaps a finished build in, unless a file of it is over MAX_ASSET_BYTES: then it is removed and
 * the served folder stays as it was.
 */
export function publishBuilt(next: string, served: string, limit = MAX_ASSET_BYTES, manifest?: BuildManifest, renderer?: string): BuildOutcome {
  const tooLarge = oversizedFiles(next, limit);
  if (tooLarge.length) {
    rmSync(next, { recursive: true, force: true });
    if (renderer) rmSync(renderer, { recursive: true, force: true });
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
  // A new renderer (when Astro ran) goes with the site it was built with. Astro wrote the folders
  // it was built for into its manifest (dist.next/…); they do not matter here: the renderer writes
  // no files, and the site's style and script addresses in it are relative to the site's root.
  if (renderer) {
    rmSync(rendererBeside(served), { recursive: true, force: true });
    renameSync(renderer, rendererBeside(served));
  }
  if (manifest) writeManifest(manifestPath(served), manifest);
  return { ok: true, message: `Built the site into ${shown(served)}.` };
}
