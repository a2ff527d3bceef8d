/**
 * The build writes Pagefind's search bundle, with every library entry in it and nothing else, and
 * a search page that says what it needs when JavaScript is off. The search itself runs in the
 * browser (test/e2e/search.test.ts): Pagefind's pagefind.js fetches its index over HTTP.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, localePath } from '../../worker/domain/locales.ts';
import { Program, ROOT } from '../support/program.ts';

const program = new Program();
const librarySlugs = readdirSync(join(ROOT, 'content/library'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.slice(0, -'.mdx'.length));

describe('the library search bundle', () => {
  beforeAll(() => {
    program.setup();
    program.build();
  });

  it('writes Pagefind and its default UI into /pagefind/', () => {
    for (const file of ['pagefind.js', 'pagefind-entry.json', 'pagefind-ui.js', 'pagefind-ui.css']) {
      expect(existsSync(join(program.outDir, 'pagefind', file)), file).toBe(true);
    }
  });

  it('indexes exactly the library entries, in each language on its own', () => {
    const entry = JSON.parse(readFileSync(join(program.outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    for (const locale of LOCALES) expect(entry.languages[locale]?.page_count, locale).toBe(librarySlugs.length);

    // Only an entry's article is marked for indexing, so no other page can turn up in results.
    const marked = program
      .builtFiles()
      .filter((f) => f.path.endsWith('.html') && f.text.includes('data-pagefind-body'))
      .map((f) => f.path);
    expect(marked.sort()).toEqual(LOCALES.flatMap((locale) => librarySlugs.map((slug) => `${localePath(locale, `/library/${slug}/`)}index.html`)).sort());
  });

  it('serves a search form that explains, without JavaScript, that search needs it', () => {
    const html = program.page('search');
    expect(html).toMatch(/<form action="\/search\/" role="search"/);
    expect(html).toMatch(/<label for="search-q"[ >]/);
    expect(html).toMatch(/<input id="search-q" name="q" type="search"/);
    expect(html).toContain('needs JavaScript');
    expect(program.page('')).toContain('<a href="/search/">Search</a>');
    // In Spanish, it sends the words to the Spanish search page, which loads the Spanish index.
    const es = program.page('es/search');
    expect(es).toMatch(/<form action="\/es\/search\/" role="search"/);
    expect(es).toContain('necesita JavaScript');
  });
});
