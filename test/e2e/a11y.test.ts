/**
 * Accessibility, in Debian Chromium: axe-core finds no WCAG 2.2 AA violation on any page of the
 * built demo program (found by walking the build output, so new pages are covered without a
 * change here), nor on the pages the Worker renders: the forms opened from a personal link, each
 * form shown again with errors, participants' pages, the thank-you and message pages. Then a
 * participant sends a check-in with the keyboard alone, JavaScript off, and is told what went wrong.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, localePath } from '../../worker/domain/locales.ts';
import { checkinSchema } from '../../worker/forms/checkin.ts';
import { FORM_LIST } from '../../worker/forms/registry.ts';
import { BrowserProgram, browserSuite, hasBrowser, SHOTS } from '../support/browser.ts';
import { ROOT } from '../support/program.ts';

const world = new BrowserProgram();
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FORMS: readonly string[] = FORM_LIST.map((form) => form.page);
const SLOW = 180_000;
/** One page with JavaScript on (axe needs it), reused for every audit: a page each is 3× slower. */
let axePage: Page;

/** Every page the build wrote, as its path (`/library/`), but the forms (in every language): they need a personal link. */
function builtPages(): string[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') paths.push(`/${relative(world.program.outDir, dir)}/`.replace('//', '/'));
    }
  };
  walk(world.program.outDir);
  const forms = LOCALES.flatMap((locale) => FORMS.map((path) => localePath(locale, path)));
  return paths.filter((path) => !forms.includes(path)).sort();
}

/** Runs axe on the page shown: one line per element that breaks a rule, naming page, rule and element. */
async function audit(name: string): Promise<string[]> {
  const results = await axePage.evaluate(
    (tags) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_22_AA,
  );
  return (results as AxeResults).violations.flatMap((rule) =>
    rule.nodes.map((node) => `${name}: ${rule.id} (${rule.impact}) ${rule.help}\n    at ${node.target.join(' ')}  ${node.html.slice(0, 160)}\n    ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`),
  );
}

interface Visit {
  name: string;
  url: string;
  status?: number;
  /** Waits for what the page draws after loading. */
  ready?: () => Promise<unknown>;
}

/** Opens each page, checks it answered as expected (not an error page in disguise), audits it. */
async function auditPages(visits: Visit[]): Promise<string[]> {
  const found: string[] = [];
  for (const { name, url, status = 200, ready } of visits) {
    const response = await axePage.goto(url);
    expect(response?.status(), `${name} (${url}) answered ${response?.status()}`).toBe(status);
    await ready?.();
    found.push(...(await audit(name)));
  }
  return found;
}

/** Scrolls each chart of the page into view and waits until all are drawn. */
async function drawCharts(page: Page): Promise<void> {
  for (const chart of await page.locator('tandem-chart').all()) await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('tandem-chart')].every((chart) => chart.hasAttribute('data-drawn')));
}

/** Fails with every problem found, one a line: axe's WCAG 2.2 AA violations and the error wiring's. */
function expectNone(problems: string[]) {
  expect(problems, `${problems.length} accessibility problem(s):\n${problems.join('\n')}\n`).toEqual([]);
}

/** How a form shown again with errors fails screen-reader users: each problem, as a sentence. */
function errorWiring(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const summary = document.querySelector('.error-summary');
    if (!summary || summary.getAttribute('role') !== 'alert' || summary.getAttribute('tabindex') !== '-1') problems.push('no error summary with role="alert" and tabindex="-1"');
    if (!document.title.startsWith('Error: ')) problems.push(`the title "${document.title}" does not start with "Error: "`);
    const links = [...document.querySelectorAll<HTMLAnchorElement>('.error-summary a')];
    if (links.length === 0) problems.push('the summary links to no field');
    for (const link of links) {
      const name = link.hash.slice(1);
      if (!document.getElementById(name)) problems.push(`summary link ${link.hash} leads nowhere`);
      const message = document.getElementById(`${name}-error`);
      if (!message || message.hidden || message.textContent?.trim() !== link.textContent?.trim()) problems.push(`#${name}-error does not show "${link.textContent}"`);
      const controls = [...document.querySelectorAll(`[name="${name}"]`)];
      if (controls.length === 0) problems.push(`no control named ${name}`);
      for (const control of controls) {
        if (control.getAttribute('aria-invalid') !== 'true') problems.push(`${control.outerHTML.slice(0, 80)} lacks aria-invalid="true"`);
        if (!control.getAttribute('aria-describedby')?.split(' ').includes(`${name}-error`)) problems.push(`${control.outerHTML.slice(0, 80)} is not described by #${name}-error`);
      }
    }
    return problems;
  });
}

/** What has focus, to choose the keys to press and to say where focus went. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', type: el?.getAttribute('type') ?? '', name: el?.getAttribute('name') ?? '', value: (el as HTMLInputElement | null)?.value ?? '', text: el?.textContent?.trim().slice(0, 40) ?? '' };
  });
}

/**
 * Tabs through a form to its button, answering with the keyboard alone: typing (over what is
 * there), arrow keys and Space in a radio group, Space on a checkbox. Returns the focus order.
 */
async function answerByKeyboard(page: Page, answers: Record<string, string | true>): Promise<string[]> {
  const order: string[] = [];
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (el.tag === 'button') return [...order, `button: ${el.text}`];
    order.push(el.name || `${el.tag}: ${el.text}`);
    const answer = answers[el.name];
    if (answer === undefined) continue;
    if (el.type === 'radio') {
      for (let step = 0; step < 6 && (await focused(page)).value !== answer; step++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
    } else if (el.type === 'checkbox') {
      await page.keyboard.press('Space');
    } else {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(String(answer));
    }
  }
  throw new Error(`Tab never reached the form's button; focus went through ${order.join(' → ')}`);
}

describe.skipIf(!hasBrowser)(browserSuite('Accessibility').replace('with JavaScript off', 'axe with JavaScript on, the keyboard with it off'), () => {
  let pages: string[];
  beforeAll(async () => {
    await world.start({ demo: true });
    const context = await world.browser.newContext({ javaScriptEnabled: true, viewport: { width: 390, height: 844 } });
    // Added to every page before its own scripts, by the browser: no CSP exception needed.
    await context.addInitScript(AXE);
    axePage = await context.newPage();
    pages = builtPages();
  });
  afterAll(() => world.stop());
  const demo = (path: string, name: string) => `${world.base}${path}?t=${encodeURIComponent(world.demoTokens[name]!)}`;
  const builtVisits = (match: (path: string) => boolean): Visit[] =>
    pages.filter(match).map((path) => ({
      name: path,
      url: `${world.base}${path}`,
      // Pagefind's interface replaces the plain search form once its script has loaded; charts draw as they come into view.
      ready: /^(\/es|\/ar)?\/search\/$/.test(path) ? () => axePage.locator('.pagefind-ui__search-input').waitFor() : () => drawCharts(axePage),
    }));
  const topLevel = (path: string) => path.split('/').length <= 3 && !translated(path);
  /** The site-wide pages built in Spanish and Arabic: every one of the default language's has them too. */
  const translated = (path: string) => /^\/(es|ar)\//.test(path);
  const browse = (path: string) => /^\/library\/(tags|kinds|stages)\//.test(path);
  const library = (path: string) => path.startsWith('/library/') && !browse(path);
  const cohorts = (path: string) => path.startsWith('/cohorts/');

  it('finds the built pages to check', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/library/', '/library/tags/feedback/', '/cohorts/demo-autumn/', '/thanks/']));
    expect(pages.length).toBeGreaterThan(50);
  });

  it('the home page, the other top-level pages and the 404 page', async () => {
    expectNone(await auditPages([...builtVisits(topLevel), { name: '404 page', url: `${world.base}/no-such-page/`, status: 404 }]));
  });

  it("the library's entries, stories and community pages", { timeout: SLOW }, async () => {
    expectNone(await auditPages(builtVisits(library)));
  });

  it("the library's pages by tag, kind and stage", { timeout: SLOW }, async () => {
    expectNone(await auditPages(builtVisits(browse)));
  });

  it('the home, library, search and 404 pages in Spanish and Arabic, right to left in Arabic', { timeout: SLOW }, async () => {
    // An entry translated into both languages and one shown in English with a note, and each browse page's first.
    const sample = (path: string) =>
      /^\/(es|ar)\/((search|library|library\/(community|stories))\/)?$/.test(path) ||
      /\/library\/(dialogue-missed-action|kickoff-agenda|kinds\/guide|stages\/setback|tags\/feedback)\/$/.test(path);
    const visits = builtVisits((path) => translated(path) && sample(path));
    expect(visits.length).toBe(2 * 10);
    expectNone(
      await auditPages([
        ...visits,
        { name: 'Spanish 404 page', url: `${world.base}/es/no-such-page/`, status: 404 },
        { name: 'Arabic 404 page', url: `${world.base}/ar/no-such-page/`, status: 404 },
      ]),
    );
    expect(await axePage.locator('html').getAttribute('dir')).toBe('rtl');
  });

  it('the cohort pages, charts drawn', async () => {
    expectNone(await auditPages(builtVisits(cohorts)));
  });

  it("draws a report's charts only as they come into view, and prints the tables without drawing them", async () => {
    const report = `${world.base}/cohorts/demo-autumn/report/`;
    const page = await world.page({ javaScript: true });
    await page.goto(report, { waitUntil: 'networkidle' });
    const charts = page.locator('tandem-chart');
    const last = charts.last();
    expect(await charts.count()).toBeGreaterThan(1);
    expect(await last.isVisible()).toBe(true);
    expect(await last.getAttribute('data-drawn'), 'the last chart, below the fold, is not drawn yet').toBeNull();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.getAttribute('data-drawn'), { timeout: 10_000 }).toBe('');
    const pixels = await last.locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.some((value) => value !== 0));
    expect(pixels, 'the drawn chart has pixels').toBe(true);
    await page.context().close();

    const paper = await world.page({ javaScript: true });
    await paper.emulateMedia({ media: 'print' });
    await paper.goto(report, { waitUntil: 'networkidle' });
    await paper.mouse.wheel(0, 20_000);
    await paper.waitForTimeout(500);
    expect(await paper.locator('tandem-chart[data-drawn]').count(), 'no chart is drawn for paper').toBe(0);
    expect(await paper.locator('figure.outcome table').first().isVisible(), 'the tables carry the numbers').toBe(true);
    await paper.context().close();
  });

  it('every other built page', async () => {
    expectNone(await auditPages(builtVisits((path) => !topLevel(path) && !library(path) && !browse(path) && !cohorts(path))));
  });

  it('each form, opened from a personal link', async () => {
    expectNone(await auditPages(FORMS.map((path) => ({ name: `${path} (Ada's link)`, url: demo(path, 'Ada') }))));
  });

  it('each form shown again with errors after a bad post, each error tied to its field', async () => {
    const found: string[] = [];
    for (const path of FORMS) {
      await axePage.goto(demo(path, 'Bastian'));
      // Past the browser's own checks, so the Worker answers with every problem it finds.
      await axePage.evaluate(() => document.querySelectorAll('[required]').forEach((el) => el.removeAttribute('required')));
      const [response] = await Promise.all([axePage.waitForResponse((r) => r.request().method() === 'POST'), axePage.locator('form.submission [type=submit]').click()]);
      expect(response.status(), `posting an empty ${path}`).toBe(400);
      await axePage.waitForLoadState();
      found.push(...(await errorWiring(axePage)).map((problem) => `${path} with errors: ${problem}`));
      found.push(...(await audit(`${path} with errors`)));
    }
    expectNone(found);
  });

  it("participants' own pages: one showing each kind of section, and a new participant's", async () => {
    const sections = ['I agree to version', 'Rate it', 'Withdraw', 'Record it', 'For this week, from the library'];
    const names = Object.keys(world.demoTokens).filter((name) => !name.includes('mentor'));
    const html = await Promise.all(names.map(async (name) => (await axePage.request.get(demo('/me/', name))).text()));
    const chosen = new Set<string>();
    for (const section of sections) {
      const index = html.findIndex((page) => page.includes(section));
      expect(index, `no participant's page in the demo shows “${section}”`).toBeGreaterThanOrEqual(0);
      chosen.add(names[index]!);
    }
    const visits = [...chosen].map((name) => ({ name: `/me/ of ${name}`, url: demo('/me/', name) }));
    expectNone(await auditPages([...visits, { name: '/me/ of a new participant', url: world.url('/me/', 'Ada') }]));
  });

  it("the pair's, circle's, cohort's and history pages, full of the demo's partnership, and readable 390 px wide", async () => {
    const name = Object.keys(world.demoTokens).find((n) => !n.includes('mentor'))!;
    const pages = ['/me/pair', '/me/circle', '/me/cohort', '/me/history'].map((path) => ({ name: `${path} of ${name}`, url: demo(path, name) }));
    expectNone(await auditPages(pages));
    await axePage.setViewportSize({ width: 390, height: 844 });
    try {
      for (const { name: label, url } of pages) {
        await axePage.goto(url);
        const overflow = await axePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${label} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
      }
    } finally {
      await axePage.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('the thank-you page with guidance, and the message pages', async () => {
    expectNone(
      await auditPages([
        { name: 'thank-you page with guidance', url: `${world.base}/thanks/?sent=checkin&need=pause,setback`, ready: () => axePage.locator('.guidance').waitFor() },
        { name: 'form without a link (401)', url: `${world.base}/checkin/`, status: 401 },
        { name: 'form with a broken link (401)', url: `${world.base}/reflect/?t=not-a-token`, status: 401 },
        { name: "participant's page without a link (401)", url: `${world.base}/me/`, status: 401 },
        { name: 'the page of an unsubscribe link', url: demo('/unsubscribe', Object.keys(world.demoTokens).find((n) => !n.includes('mentor'))!) },
        { name: 'unknown API address (404)', url: `${world.base}/api/nothing`, status: 404 },
      ]),
    );
  });

  it("the mentor's dashboard, and its refusal of a mentee's link", async () => {
    const mentor = Object.keys(world.demoTokens).find((name) => name.includes('mentor'))!;
    expectNone(
      await auditPages([
        { name: "mentor's dashboard", url: demo('/mentor/demo-autumn', mentor) },
        { name: "dashboard opened with a mentee's link (403)", url: demo('/mentor/demo-autumn', 'Ada'), status: 403 },
      ]),
    );
  });

  it('sends a check-in with the keyboard alone, JavaScript off, and is told clearly what to fix', async () => {
    const page = await world.page();
    const fields = Object.keys(checkinSchema.shape).filter((name) => name !== 'idempotency_key');
    await page.goto(world.links.Eve!.checkin);
    await page.keyboard.press('Tab');
    expect(await focused(page), 'the first Tab reaches the skip link').toMatchObject({ tag: 'a', text: 'Skip to content' });
    await page.keyboard.press('Enter');
    const answers = { last_action_done: 'partly', progress: 'Typed with the keyboard only.', next_step: 'Tab through it again.', committed_action: 'Send it by Enter.', win: 'Keyboard win', win_consent: 'cohort', energy: '4', needs_pause: true } as const;
    // From the skip link's target, every field comes in the order of the form, the button last.
    expect(await answerByKeyboard(page, answers)).toEqual([...fields, 'button: Send my check-in']);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/thanks/**`);
    expect(await world.rows(`SELECT last_action_done, progress, win_consent, energy, needs_pause FROM checkins WHERE win = 'Keyboard win'`)).toEqual([
      { last_action_done: 'partly', progress: answers.progress, win_consent: 'cohort', energy: 4, needs_pause: 1 },
    ]);

    // Spaces pass the browser's "required" check; the Worker refuses them, and the empty action.
    await page.goto(world.links.Eve!.checkin);
    await answerByKeyboard(page, { progress: '   ', next_step: '   ', win: 'Fixed by keyboard' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/api/checkins`);
    await page.screenshot({ path: join(SHOTS, 'a11y-checkin-error.png') });
    expect(await errorWiring(page)).toEqual([]);
    expect(await page.title()).toBe('Error: Weekly check-in · Tandem');
    expect(await focused(page), 'focus starts on the error summary').toMatchObject({ tag: 'div', text: expect.stringMatching(/^Please check 3 answers/) });
    const summary = page.getByRole('alert');
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#progress', '#next_step', '#committed_action']);

    // Tab to the first problem's link; Enter moves focus to its field, ready to type.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'progress' });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Fixed after the error.');
    await answerByKeyboard(page, { next_step: 'Check the summary first.', committed_action: 'Use the links.' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/thanks/**`);
    expect(await world.rows(`SELECT progress, next_step, committed_action FROM checkins WHERE win = 'Fixed by keyboard'`)).toEqual([
      { progress: 'Fixed after the error.', next_step: 'Check the summary first.', committed_action: 'Use the links.' },
    ]);
    await page.context().close();
  });
});
