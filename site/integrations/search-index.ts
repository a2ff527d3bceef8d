/**
 * Full-text search of the library with no server: after every build, Pagefind indexes the built
 * HTML and writes its static bundle (index, WASM, `pagefind.js`, the default UI) to `<outDir>/pagefind/`.
 * Only pages marked `data-pagefind-body` (the library entries) are indexed, one index per language
 * (Pagefind reads each page's `<html lang>`; the search page loads the index of its own).
 * The same hook puts each language's 404 page where the static assets look for it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rmdir } from 'node:fs/promises';
import { LOCALES, localePath } from '../../worker/domain/locales.ts';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

/** Throws with Pagefind's own messages when a step reported errors. */
function assertNoErrors(step: string, errors: string[]): void {
  if (errors.length) throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
}

/** Pages in a written bundle, read from its entry file (what the browser loads first). */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(`${bundleDir}/pagefind-entry.json`, 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Indexes a built site in `dir` and writes the bundle to `dir/pagefind/`; returns the pages indexed. */
export async function writeSearchIndex(dir: string): Promise<number> {
  const bundleDir = `${dir}/pagefind`;
  try {
    const { index, errors } = await createIndex({});
    assertNoErrors('start an index', errors);
    // addDirectory's page_count is every HTML file it read; the index holds only the marked ones.
    const added = await index!.addDirectory({ path: dir });
    assertNoErrors(`index ${dir}`, added.errors);
    const written = await index!.writeFiles({ outputPath: bundleDir });
    assertNoErrors('write the search bundle', written.errors);
  } finally {
    // The Node API runs the Pagefind binary as a child process; close it so the build can exit.
    await close();
  }
  const pages = await indexedPageCount(bundleDir);
  // An empty index would make every search silently find nothing.
  if (pages === 0) throw new Error(`Pagefind indexed no pages in ${dir}`);
  return pages;
}

/**
 * Astro writes a 404 page built from a dynamic route as /404/index.html and /es/404/index.html;
 * Cloudflare's static assets answer an address that does not exist with the nearest 404.html up
 * its path, so each language's goes to /404.html, /es/404.html…, and /es/… that does not exist
 * answers in Spanish.
 */
export async function placeNotFoundPages(dir: string): Promise<void> {
  for (const locale of LOCALES) {
    const built = `${dir}${localePath(locale, '/404/')}`;
    if (!existsSync(`${built}index.html`)) continue;
    await mkdir(`${dir}${localePath(locale, '/')}`, { recursive: true });
    await rename(`${built}index.html`, `${dir}${localePath(locale, '/404.html')}`);
    await rmdir(built);
  }
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'tandem:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir).replace(/\/$/, '');
        await placeNotFoundPages(outDir);
        const pages = await writeSearchIndex(outDir);
        logger.info(`Pagefind indexed ${pages} library ${pages === 1 ? 'page' : 'pages'} into /pagefind/`);
      },
    },
  };
}
