/**
 * The addresses under /library/ that the library's own pages take: an entry named like one of them (content/library/stories.mdx) would be hidden behind that
 * page. Read from the pages' folder itself, so a page added there is reserved with no list to keep
 * in step; `tandem library promote` and the build's checks (./library-problems.ts) both ask here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the library's pages, from the project root. */
const PAGES = join('site', 'pages', '[...locale]', 'library');

/** Slugs no library entry may have: each page or folder of the library's pages but the entry page itself ([slug]). */
export function reservedLibrarySlugs(root = process.cwd()): string[] {
  return readdirSync(join(root, PAGES))
    .filter((name) => !name.startsWith('['))
    .map((name) => name.replace(/\.(astro|md|mdx|ts|js)$/, ''))
    .sort();
}
