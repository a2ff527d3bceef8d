/**
 * The site-wide pages (home, library, search, 404) in every language, built once in the
 * pseudo-locale from the demo program: every word on them comes from a catalogue or is data
 * (entries' own text, what participants shared); translated entries are built in their language,
 * the others fall back to the original with a note; Pagefind writes one index per language.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { loadPublishedProgram } from '../../worker/db/story.ts';
import { LOCALES, localePath, textDirection } from '../../worker/domain/locales.ts';
import { Program, ROOT } from '../support/program.ts';
import { untranslated } from '../support/pseudo.ts';

/** A program whose builds write the pseudo-locale. */
class PseudoProgram extends Program {
  override get env(): NodeJS.ProcessEnv {
    return { ...super.env, TANDEM_PSEUDO_LOCALE: 'on' };
  }
}

const program = new PseudoProgram();
const LIBRARY = join(ROOT, 'content', 'library');
/** An entry translated into Spanish and Arabic, and one that is not. */
const TRANSLATED = 'dialogue-missed-action';
const UNTRANSLATED = 'kickoff-agenda';
let data: string[] = [];

/** The title, summary and tags of every library file, in every language: the mentors' own words. */
function entryWords(): string[] {
  const dirs = [LIBRARY, ...LOCALES.map((l) => join(LIBRARY, l)).filter(existsSync)];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.mdx'))
      .flatMap((name) => {
        const front = readFileSync(join(dir, name), 'utf8').split('---')[1]!;
        const field = (key: string) => /^(\w+):\s*"(.*)"\s*$/m.exec(front.split('\n').find((line) => line.startsWith(`${key}:`)) ?? '')?.[2] ?? '';
        const tags = (/^tags:\s*\[(.*)\]/m.exec(front)?.[1] ?? '').split(',').map((t) => t.trim().replace(/^"|"$/g, ''));
        return [field('title'), field('summary'), ...tags];
      }),
  );
}

/** The pages of this area as built: path → html. */
function sitewidePages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const file of program.builtFiles()) {
    const path = file.path.replace(/^\/(es|ar)(?=\/)/, '');
    if (!/^\/(index\.html|404\.html|search\/index\.html|library\/.*index\.html)$/.test(path)) continue;
    pages.set(file.path, readFileSync(join(program.outDir, file.path), 'utf8'));
  }
  return pages;
}

describe('the library, search, home and 404 pages in every language', () => {
  beforeAll(async () => {
    program.setup();
    expect(program.tandem('demo').status).toBe(0);
    program.build();
    process.env.TANDEM_STATE_DIR = program.stateDir;
    const conn = await openDatabase();
    try {
      const published = await loadPublishedProgram(conn.db);
      data = [
        ...entryWords(),
        ...published.strategies.flatMap((s) => [s.title, ...s.body.split(/(?:\r?\n){2,}/), s.author, s.cohort.name, ...s.tags]),
        ...published.successStories.flatMap((s) => [s.milestone, s.how, s.strategy, s.author, s.cohort.name, ...s.tags]),
        ...published.stories.map((s) => s.cohort.name),
      ].filter((text) => text.trim() !== '');
    } finally {
      await conn.close();
    }
  }, 300_000);

  it('builds each page in each language, with <html lang dir>', () => {
    for (const locale of LOCALES) {
      for (const path of ['/', '/library/', '/search/', `/library/${TRANSLATED}/`, `/library/${UNTRANSLATED}/`, '/library/kinds/guide/', '/library/stages/setback/', '/library/community/', '/library/stories/']) {
        const html = program.page(localePath(locale, path));
        expect(html, `${locale} ${path}`).toContain(`<html lang="${locale}" dir="${textDirection(locale)}"`);
      }
    }
  });

  it('shows no word on them that is not from a catalogue or data', () => {
    const pages = sitewidePages();
    expect(pages.size).toBeGreaterThan(3 * 30);
    // The build did write the pseudo-locale, so a page with no marks at all would be caught.
    expect(pages.get('/es/library/index.html')).toContain('⟦');
    const found = [...pages].flatMap(([path, html]) =>
      untranslated(html, data)
        // An entry's text is the mentor's (or its translator's) own words.
        .filter((line) => !line.includes('#entry-text'))
        .map((line) => `${path}: ${line}`),
    );
    expect(found, found.slice(0, 40).join('\n')).toEqual([]);
  });

  it('links each page to itself in the other languages, each link in its own language', () => {
    const html = program.page('/es/library/');
    expect(html).toMatch(/<a[^>]* href="\/library\/"[^>]* hreflang="en"[^>]* lang="en"/);
    expect(html).toMatch(/<a[^>]* href="\/ar\/library\/"[^>]* hreflang="ar"[^>]* lang="ar"/);
  });

  it('builds a translated entry in its language, and an untranslated one in the original with a note', () => {
    const translated = program.page(`/es/library/${TRANSLATED}/`);
    expect(translated).toMatch(/<div id="entry-text" class="entry-text">/);
    expect(translated).toContain('Diálogo: cuando tu compañero');
    const fallback = program.page(`/es/library/${UNTRANSLATED}/`);
    expect(fallback).toMatch(/<div id="entry-text" class="entry-text" lang="en" dir="ltr">/);
    expect(fallback).toMatch(/<p class="translation-note"/);
    expect(program.page(`/ar/library/${TRANSLATED}/`)).toMatch(/[\u0600-\u06ff]{4}/);
    // The Worker's guidance after a check-in names the entries in the participant's language.
    const guidance = JSON.parse(readFileSync(join(program.outDir, 'es/library/guidance.json'), 'utf8')) as Record<string, { slug: string; lang: string }[]>;
    expect(guidance.setback!.find((g) => g.slug === TRANSLATED)).toMatchObject({ lang: 'es' });
  });

  it('writes a 404 page for each language where the static assets look for it', () => {
    for (const locale of LOCALES) expect(existsSync(join(program.outDir, localePath(locale, '/404.html'))), locale).toBe(true);
    expect(readFileSync(join(program.outDir, 'es/404.html'), 'utf8')).toContain('<html lang="es" dir="ltr"');
    expect(existsSync(join(program.outDir, 'es/404'))).toBe(false);
  });

  it('indexes each language for search on its own', () => {
    const entry = JSON.parse(readFileSync(join(program.outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const entries = readdirSync(LIBRARY).filter((name) => name.endsWith('.mdx')).length;
    expect(Object.keys(entry.languages).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) expect(entry.languages[locale]!.page_count, locale).toBe(entries);
  });
});
