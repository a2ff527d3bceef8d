import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ASSET_BYTES, oversizedFiles, publishBuilt } from '../../../cli/site-build.ts';

/** A served site and a finished build beside it, as cli/site-build.ts leaves them before the swap. */
function folders() {
  const root = mkdtempSync(join(tmpdir(), 'tandem-swap-'));
  const served = join(root, 'dist');
  const next = `${served}.next`;
  mkdirSync(join(served, 'cohorts'), { recursive: true });
  writeFileSync(join(served, 'index.html'), 'old site');
  mkdirSync(join(next, 'cohorts', 'big'), { recursive: true });
  writeFileSync(join(next, 'index.html'), 'new site');
  return { served, next };
}

describe('publishBuilt', () => {
  it('swaps a finished build in and leaves nothing beside it', () => {
    const { served, next } = folders();
    expect(publishBuilt(next, served).ok).toBe(true);
    expect(readFileSync(join(served, 'index.html'), 'utf8')).toBe('new site');
    expect([existsSync(next), existsSync(`${served}.previous`)]).toEqual([false, false]);
  });

  it('removes the old site in the background, from the cache folder it was moved to', async () => {
    const { served, next } = folders();
    expect(publishBuilt(next, served).ok).toBe(true);
    const oldSites = join(`${served}.cache`, 'old-sites');
    await expect.poll(() => readdirSync(oldSites).length, { timeout: 10_000 }).toBe(0);
  });

  it('keeps the served site when a built file is over the platform’s limit, and names the file', () => {
    const { served, next } = folders();
    const data = join(next, 'cohorts', 'big', 'data.json');
    writeFileSync(data, '');
    truncateSync(data, MAX_ASSET_BYTES + 1); // sparse: no 20 MiB written to disk
    const outcome = publishBuilt(next, served);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('cohorts/big/data.json: 20.0 MiB');
    expect(outcome.message).toContain(`The site in ${served} is the previous build, unchanged.`);
    expect(readFileSync(join(served, 'index.html'), 'utf8')).toBe('old site');
    expect(existsSync(next)).toBe(false);
  });
});

describe('oversizedFiles', () => {
  it('lists every file over the limit, largest first, and no other', () => {
    const { next } = folders();
    writeFileSync(join(next, 'cohorts', 'big', 'a.csv'), 'x'.repeat(30));
    writeFileSync(join(next, 'cohorts', 'b.json'), 'x'.repeat(50));
    expect(oversizedFiles(next, 20)).toEqual([
      { path: 'cohorts/b.json', bytes: 50 },
      { path: 'cohorts/big/a.csv', bytes: 30 },
    ]);
  });
});
