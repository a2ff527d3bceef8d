/**
 * What the last build published, kept beside the served folder (never in it: it names unlisted
 * cohorts' paths): the site's code fingerprint, the digest of what Astro's pages read, and per
 * cohort the digest of its publishable data and the files its pages made. The next build renders
 * only the cohorts whose digest changed and copies the others' files from the served folder; it
 * starts Astro only when the static digest changed; a missing manifest, or one with another
 * fingerprint, means a full build.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../worker/db/paths.ts';
import type { PublishedRead } from './d1-pages.ts';

export interface BuiltCohort {
  /** SHA-256 of the cohort's publishable data, as the build's reader computed it. */
  digest: string;
  /** Its pages' folder in the site, e.g. `/cohorts/slug/` or `/cohorts/slug-key/` when unlisted. */
  path: string;
  /** The files its pages made, relative to the served folder. */
  files: string[];
}

export interface BuildManifest {
  version: 2;
  fingerprint: string;
  /** What the pages Astro builds read (staticPagesDigest): while it stays the same, Astro need not run. */
  staticDigest: string;
  cohorts: Record<string, BuiltCohort>;
}

/** The manifest of the site served from `served`. */
export const manifestPath = (served: string) => `${served}.manifest.json`;

export function readManifest(path: string): BuildManifest | null {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as BuildManifest;
    return manifest.version === 2 && typeof manifest.fingerprint === 'string' && typeof manifest.staticDigest === 'string' && manifest.cohorts ? manifest : null;
  } catch {
    return null;
  }
}

export function writeManifest(path: string, manifest: BuildManifest): void {
  writeFileSync(path, `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * What the pages are made with: the site, everything under worker/ the pages import (domain
 * rules, messages, the reader), the build itself, the configuration and the locked dependencies,
 * and the environment the build reads. Any change means the old pages may not be what this code
 * would render, so everything is rebuilt. The mentors' library (content/) is in the static digest.
 */
const FINGERPRINTED = ['site', 'worker', 'cli/site-build.ts', 'cli/build-manifest.ts', 'cli/d1-pages.ts', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json', 'wrangler.toml'];
const FINGERPRINTED_ENV = ['SITE_URL', 'TANDEM_REMOTE', 'TANDEM_LIBRARY_DIR', 'TANDEM_PSEUDO_LOCALE'];

/** Adds every file under `path` (a file or a folder), with its path from `root`, to `hash`. */
function addTree(hash: Hash, root: string, path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) addTree(hash, root, join(path, name));
    return;
  }
  hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
}

export function siteFingerprint(root = PROJECT_ROOT, env: Record<string, string | undefined> = process.env): string {
  const hash = createHash('sha256');
  for (const path of FINGERPRINTED) addTree(hash, root, join(root, path));
  for (const name of FINGERPRINTED_ENV) hash.update(`${name}=${env[name] ?? ''}\0`);
  return hash.digest('hex');
}

/**
 * What the pages Astro builds read, besides the code: the mentors' library (content/library, or
 * TANDEM_LIBRARY_DIR), and from D1 the shared strategies, the success stories and the published
 * cohorts' names, languages and addresses. A new check-in changes none of these.
 */
export function staticPagesDigest(read: Pick<PublishedRead, 'stories' | 'strategies' | 'successStories'>, env: Record<string, string | undefined> = process.env, root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  addTree(hash, root, resolve(root, env.TANDEM_LIBRARY_DIR ?? 'content/library'));
  hash.update(JSON.stringify({ cohorts: read.stories.map((s) => s.cohort), strategies: read.strategies, successStories: read.successStories }));
  return hash.digest('hex');
}

/** Every file under `dir`, relative to `base`. */
export function filesUnder(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(base, path));
    }
  };
  walk(dir);
  return found.sort();
}
