/**
 * The published cohort pages speak their cohort's language: a Spanish cohort's story, an Arabic
 * cohort's report laid out right to left, the overview built once per language with each cohort's
 * name in its own language. Then the same program built in the pseudo-locale: no word on a cohort
 * page was written anywhere but in a catalogue (or by the people whose names and words it shows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Program, ROSTER_CSV } from '../support/program.ts';
import { builtHtml, publishedTexts, untranslatedInBuild } from '../support/pseudo-build.ts';

const program = new Program();
/** The cohort pages' own files: stories, reports and the overview in each language. */
const COHORT_PAGES = (path: string) => /^\/((es|ar)\/)?cohorts\//.test(path);
let pseudoProblems: string[] = [];
/** The pages the pseudo-locale check read, and one of them, to show it read a pseudo-locale build. */
let pseudoPages: string[] = [];
let pseudoStory = '';
let pages: Record<string, string> = {};

function htmlTag(page: string): string {
  return /<html[^>]*>/.exec(page)![0];
}

function headings(page: string): string[] {
  return [...page.matchAll(/<h[12][^>]*>(.*?)<\/h[12]>/gs)].map(([, text]) => text!.replace(/<[^>]*>/g, '').trim());
}

beforeAll(async () => {
  program.setup();
  // The demo program (ten weeks of check-ins, charts and stories), in Arabic.
  expect(program.tandem('demo').status).toBe(0);
  expect(program.tandem('cohort', 'set', '--slug', 'demo-autumn', '--language', 'ar').status).toBe(0);
  expect(program.tandem('cohort', 'add', '--slug', 'es-cohort', '--name', 'Cohorte de otoño', '--timezone', 'Europe/Madrid', '--starts', '2026-09-07', '--publication', 'public', '--language', 'es').status).toBe(0);
  const roster = join(program.outDir, '..', `${program.outDir.split('/').pop()}-roster.csv`);
  (await import('node:fs')).writeFileSync(roster, ROSTER_CSV);
  expect(program.tandem('roster', 'import', roster, '--cohort', 'es-cohort').stderr).toBe('');
  expect(program.tandem('cohort', 'set', '--slug', 'es-cohort', '--cadence', '14').status).toBe(0);

  program.build();
  const read = (path: string) => readFileSync(join(program.outDir, path, 'index.html'), 'utf8');
  pages = {
    esStory: read('cohorts/es-cohort'),
    esReport: read('cohorts/es-cohort/report'),
    arStory: read('cohorts/demo-autumn'),
    arReport: read('cohorts/demo-autumn/report'),
    overview: read('cohorts'),
    esOverview: read('es/cohorts'),
    arOverview: read('ar/cohorts'),
  };

  process.env.TANDEM_STATE_DIR = program.stateDir;
  const data = await publishedTexts();
  process.env.TANDEM_PSEUDO_LOCALE = 'on';
  try {
    program.build();
  } finally {
    delete process.env.TANDEM_PSEUDO_LOCALE;
  }
  pseudoProblems = untranslatedInBuild(program.outDir, data, COHORT_PAGES);
  pseudoPages = builtHtml(program.outDir).filter(COHORT_PAGES);
  pseudoStory = read('cohorts/es-cohort');
}, 600_000);

afterAll(() => {
  delete process.env.TANDEM_PSEUDO_LOCALE;
});

describe('cohort pages in their cohort’s language', () => {
  it('builds a Spanish cohort’s story in Spanish, left to right', () => {
    expect(htmlTag(pages.esStory!)).toMatch(/lang="es"/);
    expect(htmlTag(pages.esStory!)).toMatch(/dir="ltr"/);
    expect(headings(pages.esStory!)).toEqual(expect.arrayContaining(['Cohorte de otoño', 'Cómo va', 'Semana a semana', 'Quiénes participan']));
    expect(pages.esStory).toContain('No hay suficientes respuestas para mostrarlo');
    expect(pages.esStory).toMatch(/Datos abiertos: <a href="[^"]*data\.json" download>JSON<\/a>, <a/);
    expect(pages.esStory).toMatch(/check-ins cada 7 días, luego cada 14 días desde la semana \d+ \(\d+ de [a-z]+\)/);
  });

  it('builds an Arabic cohort’s report in Arabic, right to left, charts told to read right to left', () => {
    expect(htmlTag(pages.arReport!)).toMatch(/lang="ar"/);
    expect(htmlTag(pages.arReport!)).toMatch(/dir="rtl"/);
    expect(pages.arReport).toMatch(/<p class="meta"[^>]*>تقرير الأثر<\/p>/);
    expect(headings(pages.arReport!)).toEqual(expect.arrayContaining(['نظرة سريعة', 'الأرقام بالتفصيل']));
    const config = JSON.parse(/data-config="([^"]*)"/.exec(pages.arReport!)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
    expect(config.options.plugins.legend).toMatchObject({ rtl: true, textDirection: 'rtl' });
    expect(config.options.scales.x.reverse).toBe(true);
    expect(config.data.labels[0]).toMatch(/^الأسبوع/);
  });

  it('builds the overview in each language, each cohort’s name marked with its own', () => {
    expect(htmlTag(pages.overview!)).toMatch(/lang="en"/);
    expect(htmlTag(pages.esOverview!)).toMatch(/lang="es"/);
    expect(htmlTag(pages.arOverview!)).toMatch(/dir="rtl"/);
    for (const page of [pages.overview!, pages.esOverview!, pages.arOverview!]) {
      expect(page).toMatch(/<a href="\/cohorts\/es-cohort\/" lang="es"[^>]*>Cohorte de otoño<\/a>/);
      expect(page).toMatch(/<a href="\/cohorts\/demo-autumn\/" lang="ar"[^>]*>/);
    }
    expect(headings(pages.esOverview!)).toContain('Cohortes');
    expect(headings(pages.arOverview!)).toContain('المجموعات');
  });
});

describe('the pseudo-locale', () => {
  it('finds no word on a cohort page that came from no catalogue', () => {
    expect(pseudoPages).toEqual(expect.arrayContaining(['/cohorts/index.html', '/es/cohorts/index.html', '/ar/cohorts/index.html', '/cohorts/demo-autumn/report/index.html', '/cohorts/es-cohort/index.html']));
    expect(pseudoStory).toContain('<h2>⟦Cómo va⟧</h2>');
    expect(pseudoProblems, pseudoProblems.join('\n')).toEqual([]);
  });
});
