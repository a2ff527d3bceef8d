import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPath, readManifest, siteFingerprint, staticPagesDigest, writeManifest } from '../../../cli/build-manifest.ts';

/** A project folder with one page and one domain module. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'tandem-fingerprint-'));
  mkdirSync(join(root, 'site', 'pages'), { recursive: true });
  mkdirSync(join(root, 'worker', 'domain'), { recursive: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'site', 'pages', 'index.astro'), '<h1>Hello</h1>');
  writeFileSync(join(root, 'worker', 'domain', 'metrics.ts'), 'export const MIN = 5;');
  mkdirSync(join(root, 'content', 'library'), { recursive: true });
  writeFileSync(join(root, 'content', 'library', 'entry.mdx'), 'A library entry');
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

  it('does not move with the library, which the static digest covers', () => {
    const root = project();
    const before = siteFingerprint(root, {});
    writeFileSync(join(root, 'content', 'library', 'entry.mdx'), 'A library entry, edited');
    expect(siteFingerprint(root, {})).toBe(before);
  });
});

describe('staticPagesDigest', () => {
  const cohort = { slug: 'a', name: 'Cohort A', timezone: 'UTC', cadenceDays: 7, cadenceChanges: [], startsOn: '2026-09-07', endsOn: null, publication: 'public' as const, language: 'en' as const, path: '/cohorts/a/' };
  const story = (checkins: number) => ({ cohort, members: [], metrics: { checkins } as never, timeline: [] });
  const read = (checkins: number, strategies: unknown[] = []) => ({ stories: [story(checkins)], strategies: strategies as never[], successStories: [] });

  it('stays with a new check-in, so publishing it needs no Astro', () => {
    const root = project();
    expect(staticPagesDigest(read(2), {}, root)).toBe(staticPagesDigest(read(1), {}, root));
  });

  it('moves with the library, a shared strategy or a cohort renamed', () => {
    const root = project();
    const before = staticPagesDigest(read(1), {}, root);
    expect(staticPagesDigest(read(1, [{ id: 1, title: 'A strategy' }]), {}, root)).not.toBe(before);
    expect(staticPagesDigest({ ...read(1), stories: [{ ...story(1), cohort: { ...cohort, name: 'Renamed' } }] }, {}, root)).not.toBe(before);
    writeFileSync(join(root, 'content', 'library', 'entry.mdx'), 'A library entry, edited');
    expect(staticPagesDigest(read(1), {}, root)).not.toBe(before);
    expect(staticPagesDigest(read(1), { TANDEM_LIBRARY_DIR: join(root, 'site') }, root)).not.toBe(staticPagesDigest(read(1), {}, root));
  });
});

describe('the manifest', () => {
  it('is read back as written, and a missing or foreign one reads as none', () => {
    const served = join(mkdtempSync(join(tmpdir(), 'tandem-manifest-')), 'dist');
    expect(readManifest(manifestPath(served))).toBeNull();
    const manifest = { version: 2 as const, fingerprint: 'f', staticDigest: 's', cohorts: { a: { digest: 'd', path: '/cohorts/a/', files: ['cohorts/a/index.html'] } } };
    writeManifest(manifestPath(served), manifest);
    expect(readManifest(manifestPath(served))).toEqual(manifest);
    writeFileSync(manifestPath(served), '{"version":1,"fingerprint":"f","cohorts":{}}');
    expect(readManifest(manifestPath(served))).toBeNull();
  });
});
