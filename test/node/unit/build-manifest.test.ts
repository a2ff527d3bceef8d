import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPath, readManifest, siteFingerprint, writeManifest } from '../../../cli/build-manifest.ts';

/** A project folder with one page and one domain module. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'tandem-fingerprint-'));
  mkdirSync(join(root, 'site', 'pages'), { recursive: true });
  mkdirSync(join(root, 'worker', 'domain'), { recursive: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'site', 'pages', 'index.astro'), '<h1>Hello</h1>');
  writeFileSync(join(root, 'worker', 'domain', 'metrics.ts'), 'export const MIN = 5;');
  writeFileSync(join(root, 'content', 'entry.mdx'), 'A library entry');
  return root;
}

describe('siteFingerprint', () => {
  it('moves with a template, a rule the pages use, or the site address, so a build after them rebuilds everything', () => {
    const root = project();
    const before = siteFingerprint(root, {});
    expect(siteFingerprint(root, {})).toBe(before);
    writeFileSync(join(root, 'site', 'pages', 'index.astro'), '<h1>Hello!</h1>');
    const template = siteFingerprint(root, {});
    expect(template).not.toBe(before);
    writeFileSync(join(root, 'worker', 'domain', 'metrics.ts'), 'export const MIN = 6;');
    expect(siteFingerprint(root, {})).not.toBe(template);
    expect(siteFingerprint(root, { SITE_URL: 'https://example.org' })).not.toBe(siteFingerprint(root, {}));
  });

  it('does not move with the library, whose pages every build renders', () => {
    const root = project();
    const before = siteFingerprint(root, {});
    writeFileSync(join(root, 'content', 'entry.mdx'), 'A library entry, edited');
    expect(siteFingerprint(root, {})).toBe(before);
  });
});

describe('the manifest', () => {
  it('is read back as written, and a missing or foreign one reads as none', () => {
    const served = join(mkdtempSync(join(tmpdir(), 'tandem-manifest-')), 'dist');
    expect(readManifest(manifestPath(served))).toBeNull();
    const manifest = { version: 1 as const, fingerprint: 'f', cohorts: { a: { digest: 'd', path: '/cohorts/a/', files: ['cohorts/a/index.html'] } } };
    writeManifest(manifestPath(served), manifest);
    expect(readManifest(manifestPath(served))).toEqual(manifest);
    writeFileSync(manifestPath(served), '{"version":2}');
    expect(readManifest(manifestPath(served))).toBeNull();
  });
});
