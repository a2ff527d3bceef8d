/**
 * The pseudo-locale check over a built site: every page of a build made with
 * TANDEM_PSEUDO_LOCALE=on, run through `untranslated` (./pseudo.ts) with the texts the database
 * holds (names, labels, shared words) as data. Give it a filter to check some pages only; with
 * none it checks all of dist/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDatabase } from '../../worker/db/connection.ts';
import { loadPublishedProgram } from '../../worker/db/story.ts';
import { untranslated } from './pseudo.ts';

/** Every HTML page of a build, as its path from the build's root (`/cohorts/x/index.html`). */
export function builtHtml(outDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) found.push(`/${relative(outDir, path)}`);
    }
  };
  walk(outDir);
  return found.sort();
}

/**
 * The words a build may show that no catalogue holds, because people wrote them: cohort, pair and
 * circle names, display names, and every text shared with consent. Read with the database of
 * TANDEM_STATE_DIR, as the build reads it.
 */
export async function publishedTexts(): Promise<string[]> {
  const conn = await openDatabase();
  try {
    const program = await loadPublishedProgram(conn.db);
    const texts = new Set<string>();
    for (const story of program.stories) {
      texts.add(story.cohort.name);
      for (const m of story.members) for (const text of [m.displayName, m.pair, m.circle]) if (text) texts.add(text);
      for (const m of story.timeline) for (const text of [m.title, m.text, m.author]) if (text) texts.add(text);
    }
    for (const s of program.strategies) for (const text of [s.title, s.body, s.author, ...s.tags]) if (text) texts.add(text);
    for (const s of program.successStories) for (const text of [s.milestone, s.author, s.how, s.strategy, ...s.tags]) if (text) texts.add(text);
    return [...texts];
  } finally {
    await conn.close();
  }
}

/** "page: where: text" for each text of the chosen pages that came from no catalogue and no data. */
export function untranslatedInBuild(outDir: string, data: readonly string[], only: (path: string) => boolean = () => true): string[] {
  return builtHtml(outDir)
    .filter(only)
    .flatMap((path) => untranslated(readFileSync(join(outDir, path), 'utf8'), data).map((problem) => `${path}: ${problem}`));
}
