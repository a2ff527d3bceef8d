/**
 * A participant's week, in Debian Chromium with JavaScript off: open the personal link, send the
 * check-in, land on the thank-you page; the row is stored once; the next build shows the win.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../cli/d1.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { Program, ROOT, ROSTER_CSV } from '../support/program.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.TANDEM_REQUIRE_BROWSER) throw new Error(`${CHROMIUM} is missing, and TANDEM_REQUIRE_BROWSER is set: install it with apt-get install -y chromium`);
const suite = hasBrowser ? 'in Chromium with JavaScript off' : `in Chromium — skipped: ${CHROMIUM} is missing; install it with: sudo apt-get install -y chromium`;

const program = new Program();
const PORT = 8700 + Math.floor(Math.random() * 80);
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = join(ROOT, 'test-results');
let server: ChildProcess | undefined;
let browser: Browser;
let link: string;

async function storedCheckins(where: string): Promise<Record<string, unknown>[]> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    return (await conn.db.prepare(`SELECT * FROM checkins WHERE ${where}`).all()).results;
  } finally {
    await conn.close();
  }
}

async function fillCheckin(page: Page, win: string) {
  await page.getByLabel('What moved forward since your last check-in?').fill('Finished the survey questions.');
  await page.getByLabel('What is your next step?').fill('Pilot the survey with two people.');
  await page.getByLabel('One concrete action you commit to before the next check-in').fill('Send the pilot on Monday.');
  await page.getByLabel('A win worth celebrating').fill(win);
  await page.getByLabel(/My cohort — it may appear/).check();
  await page.getByRole('radio', { name: '4' }).check();
}

describe.skipIf(!hasBrowser)(suite, () => {
  beforeAll(async () => {
    program.setup();
    const starts = addDays(new Date().toISOString().slice(0, 10), -14);
    expect(program.tandem('cohort', 'add', '--slug', 'e2e', '--name', 'Browser cohort', '--timezone', 'UTC', '--starts', starts, '--publication', 'public').status).toBe(0);
    const roster = join(program.outDir, '..', `${program.outDir.split('/').pop()}.csv`);
    writeFileSync(roster, ROSTER_CSV);
    expect(program.tandem('roster', 'import', roster, '--cohort', 'e2e').status).toBe(0);
    const links = parse(program.tandem('links', '--cohort', 'e2e', '--base-url', BASE).stdout, { columns: true }) as Record<string, string>[];
    link = links.find((row) => row.name === 'Ada')!.checkin_url!;
    program.build();
    server = await program.serve(PORT);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('sends a check-in from the personal link and lands on the thank-you page, stored once', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText('Ada · Browser cohort · week 3').waitFor({ timeout: 2000 });
    await page.screenshot({ path: join(SHOTS, 'checkin-form.png'), fullPage: true });
    await fillCheckin(page, 'E2E win: the pilot group said yes');
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    await page.waitForURL(`${BASE}/thanks/**`);
    expect(await page.locator('h1').textContent()).toContain('Thank you');

    // Back to the form and send it again, as a participant unsure it went through would.
    await page.goBack();
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    await page.waitForURL(`${BASE}/thanks/**`);

    const rows = await storedCheckins(`win = 'E2E win: the pilot group said yes'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ progress: 'Finished the survey questions.', committed_action: 'Send the pilot on Monday.', win_consent: 'cohort', energy: 4, week: 3 });
    await context.close();
  });

  it('shows the form again with the problem beside its field and what was typed kept', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await fillCheckin(page, 'Kept after an error');
    // Spaces pass the browser's own "required" check but are not an answer.
    await page.getByLabel('What is your next step?').fill('   ');
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Please check one answer');
    expect(await page.locator('#next_step-error').textContent()).toContain('Please fill in “What is your next step?”');
    expect(await page.getByLabel('A win worth celebrating').inputValue()).toBe('Kept after an error');
    expect(await page.getByLabel(/My cohort — it may appear/).isChecked()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'checkin-error.png'), fullPage: true });
    expect(await storedCheckins(`win = 'Kept after an error'`)).toHaveLength(0);

    await page.getByLabel('What is your next step?').fill('Pilot the survey.');
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    await page.waitForURL(`${BASE}/thanks/**`);
    expect(await storedCheckins(`win = 'Kept after an error'`)).toHaveLength(1);
    await context.close();
  });

  it('publishes the new week on the story page after the next build', async () => {
    program.build();
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto(`${BASE}/cohorts/e2e/`);
    await page.waitForSelector('engagement-chart canvas');
    expect(await page.locator('.timeline').textContent()).toContain('E2E win: the pilot group said yes');
    expect(await page.locator('.timeline h3').first().textContent()).toContain('Week 3');
    await page.screenshot({ path: join(SHOTS, 'story-page.png'), fullPage: true });
    await context.close();
  });
});
