/**
 * The built site passes its own Content-Security-Policy: no inline script, no inline style
 * element or attribute, no event-handler attribute, no javascript: address, and the build ships _headers.
 * The demo program is built, so the pages with charts and the search page are among those read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Program, ROOT } from '../support/program.ts';

const program = new Program();
let pages: { path: string; text: string }[] = [];

/** Script data blocks are not run, so the policy does not apply to them. */
const DATA_TYPES = new Set(['application/json', 'application/ld+json']);

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
}

function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];
}

beforeAll(() => {
  program.setup();
  const seeded = program.tandem('demo');
  if (seeded.status !== 0) throw new Error(`tandem demo failed:\n${seeded.stderr}`);
  program.build();
  pages = program.builtFiles().filter((f) => f.path.endsWith('.html'));
});

describe('the built pages', () => {
  it('include the pages that run scripts: a cohort page with charts and the search page', () => {
    const withScripts = pages.filter((p) => tags(p.text, 'script').length > 0).map((p) => p.path);
    expect(withScripts).toContain('/search/index.html');
    expect(withScripts.some((path) => path.startsWith('/cohorts/'))).toBe(true);
  });

  it('load every script from a file of the site', () => {
    const inline = pages.flatMap((p) =>
      tags(p.text, 'script')
        .filter((tag) => !DATA_TYPES.has(attribute(tag, 'type') ?? '') && !attribute(tag, 'src')?.startsWith('/'))
        .map((tag) => `${p.path}: ${tag}`),
    );
    expect(inline).toEqual([]);
  });

  it('have no <style> element', () => {
    expect(pages.filter((p) => tags(p.text, 'style').length > 0).map((p) => p.path)).toEqual([]);
  });

  it('have no event-handler attribute and no javascript: address', () => {
    const handlers = pages.flatMap((p) => (p.text.match(/<[a-z][^>]*\son[a-z]+\s*=/gi) ?? []).map((tag) => `${p.path}: ${tag}`));
    expect(handlers).toEqual([]);
    expect(pages.filter((p) => /\s(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(p.text)).map((p) => p.path)).toEqual([]);
  });

  it('have no style attribute (the policy blocks inline style)', () => {
    const styled = pages.flatMap((p) => (p.text.match(/<[a-z][^>]*\sstyle\s*=[^>]*>/gi) ?? []).map((tag) => `${p.path}: ${tag}`));
    expect(styled).toEqual([]);
  });
});

it('ships site/public/_headers with the build', () => {
  expect(readFileSync(join(program.outDir, '_headers'), 'utf8')).toBe(readFileSync(join(ROOT, 'site/public/_headers'), 'utf8'));
});
