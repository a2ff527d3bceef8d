/**
 * A cohort's published pages in each language, in Debian Chromium: the demo program built as an
 * Arabic, a Spanish and an English cohort in turn. axe finds no WCAG 2.2 AA violation on the story
 * and the report (charts drawn); at phone width with JavaScript off the Arabic pages read right to
 * left — headings and figures start at the right, the timeline's rule stands on the right — and
 * the others left to right. Screenshots go to test-results/ for a person to look at.
 *
 * The built files are served straight from the build folder through Playwright's routing: these
 * pages are static, so no Worker is needed to read them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG } from '../../cli/demo.ts';
import { browserSuite, hasBrowser, SHOTS } from '../support/browser.ts';
import { Program, ROOT } from '../support/program.ts';

const program = new Program();
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ORIGIN = 'http://tandem.test';
const PAGES = { story: `/cohorts/${DEMO_SLUG}/`, report: `/cohorts/${DEMO_SLUG}/report/` };
const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
const SLOW = 300_000;
let browser: Browser;

/** A browser context that reads the build folder as if it were the site. */
async function siteContext(options: { javaScript: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript, viewport: { width: 390, height: 844 } });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    let file = join(program.outDir, decodeURIComponent(pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  return context;
}

/** Builds the demo program as a cohort of `language`. */
function buildIn(language: string): void {
  expect(program.tandem('cohort', 'set', '--slug', DEMO_SLUG, '--language', language).status).toBe(0);
  program.build();
}

/** axe's violations on the page shown, one line each. */
async function audit(page: Page, name: string): Promise<string[]> {
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_22_AA,
  );
  return (results as AxeResults).violations.flatMap((rule) => rule.nodes.map((node) => `${name}: ${rule.id} ${rule.help}\n    at ${node.target.join(' ')}  ${node.html.slice(0, 160)}`));
}

/** Opens the story and the report with JavaScript on, charts drawn, and audits both. */
async function auditCohortPages(language: string): Promise<string[]> {
  const context = await siteContext({ javaScript: true });
  await context.addInitScript(AXE);
  const page = await context.newPage();
  const found: string[] = [];
  try {
    for (const [name, path] of Object.entries(PAGES)) {
      expect((await page.goto(`${ORIGIN}${path}`))?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      for (const chart of await page.locator('tandem-chart').all()) await chart.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('tandem-chart')].every((chart) => chart.hasAttribute('data-drawn')));
      found.push(...(await audit(page, `${language} ${name}`)));
    }
  } finally {
    await context.close();
  }
  return found;
}

/** How the page lays out at phone width with JavaScript off, and a screenshot of each page. */
async function layoutAt390(language: string) {
  const context = await siteContext({ javaScript: false });
  const page = await context.newPage();
  try {
    const layouts = [];
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(`${ORIGIN}${path}`);
      await page.screenshot({ path: join(SHOTS, `cohort-${name}-${language}-390.png`), fullPage: true });
      layouts.push(
        await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
          const h1 = document.querySelector('h1')!;
          // Where the heading's text begins and ends, not its (full-width) box.
          const range = document.createRange();
          range.selectNodeContents(h1);
          const text = range.getBoundingClientRect();
          const num = document.querySelector('td.num');
          const cell = num ? { style: getComputedStyle(num).textAlign, left: num.getBoundingClientRect().left } : null;
          return {
            dir: document.documentElement.dir,
            scrolls: document.documentElement.scrollWidth > width,
            headingStartsRight: width - text.right < text.left,
            headingBox: box('h1').width,
            num: cell,
          };
        }),
      );
    }
    return layouts;
  } finally {
    await context.close();
  }
}

describe.skipIf(!hasBrowser)(browserSuite('Cohort pages in their language').replace('with JavaScript off', 'axe with JavaScript on, the layout with it off'), () => {
  beforeAll(async () => {
    program.setup();
    expect(program.tandem('demo').status).toBe(0);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
  });

  it('an Arabic cohort: axe finds nothing, and its pages read right to left at phone width', { timeout: SLOW }, async () => {
    buildIn('ar');
    const problems = await auditCohortPages('ar');
    expect(problems, problems.join('\n')).toEqual([]);
    for (const layout of await layoutAt390('ar')) {
      expect(layout).toMatchObject({ dir: 'rtl', scrolls: false, headingStartsRight: true });
      expect(layout.num?.style).toBe('end');
    }
  });

  it('a Spanish cohort: axe finds nothing, and its pages read left to right', { timeout: SLOW }, async () => {
    buildIn('es');
    const problems = await auditCohortPages('es');
    expect(problems, problems.join('\n')).toEqual([]);
    for (const layout of await layoutAt390('es')) expect(layout).toMatchObject({ dir: 'ltr', scrolls: false, headingStartsRight: false });
  });

  it('an English cohort reads as it always did, left to right', { timeout: SLOW }, async () => {
    buildIn('en');
    for (const layout of await layoutAt390('en')) expect(layout).toMatchObject({ dir: 'ltr', scrolls: false, headingStartsRight: false });
  });
});
