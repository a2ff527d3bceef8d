/** Checks on the project itself: generated types are current, the TypeScript compiles. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/program.ts';

function run(pkg: string, bin: string, args: string[]) {
  const path = join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), bin);
  return spawnSync(process.execPath, [path, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('the project', () => {
  it('has worker-configuration.d.ts as `npm run types` makes it from wrangler.toml', () => {
    // --check compares the hash in the file's first lines with the one wrangler.toml and
    // secrets.example.env give now: it notices a changed config, not a hand edit below the header.
    const result = run('wrangler', 'bin/wrangler.js', ['types', '--check', '--include-runtime=false', '--env-file', 'secrets.example.env']);
    expect(`${result.stdout}${result.stderr}`).toContain('up to date');
    expect(result.status).toBe(0);
  });

  it('type-checks', () => {
    const result = run('typescript', 'bin/tsc', ['--noEmit', '-p', ROOT]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('wrangler.toml', () => {
  it('runs the Worker first for exactly the API, the participant pages and every form in the registry, in every language', async () => {
    const { unstable_readConfig } = await import('wrangler');
    const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
    const { FORM_LIST } = await import('../../worker/forms/registry.ts');
    const { LOCALES, localePath } = await import('../../worker/domain/locales.ts');
    const pages = [...FORM_LIST.map((form) => form.page), '/thanks/'];
    const expected = ['/api/*', '/me', '/me/*', '/mentor/*', ...LOCALES.flatMap((locale) => pages.map((page) => `${localePath(locale, page)}*`)), '/unsubscribe'];
    expect([...(config.assets?.run_worker_first as string[])].sort()).toEqual(expected.sort());
    // Each form posts to an address under /api/, which the first rule covers.
    for (const form of FORM_LIST) expect(form.action).toMatch(/^\/api\/[a-z-]+$/);
  });
});
