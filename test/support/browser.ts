/**
 * The browser tests' world: a program with one cohort, built and served by wrangler dev, and
 * Debian Chromium driven by playwright-core. Without /usr/bin/chromium the tests are skipped with
 * the reason (or fail, when TANDEM_REQUIRE_BROWSER is set, as in CI).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { DEMO_SLUG } from '../../cli/demo.ts';
import { addDays } from '../../worker/domain/weeks.ts';
import { Program, ROOT, ROSTER_CSV } from './program.ts';

const CHROMIUM = '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.TANDEM_REQUIRE_BROWSER) throw new Error(`${CHROMIUM} is missing, and TANDEM_REQUIRE_BROWSER is set: install it with apt-get install -y chromium`);

/** The suite's name, which says why it is skipped when it is. */
export function browserSuite(name: string): string {
  return hasBrowser ? `${name}, in Chromium with JavaScript off` : `${name} — skipped: ${CHROMIUM} is missing; install it with: sudo apt-get install -y chromium`;
}

export const SHOTS = join(ROOT, 'test-results');

export class BrowserProgram {
  readonly program = new Program();
  readonly port = 8700 + Math.floor(Math.random() * 90);
  readonly base = `http://127.0.0.1:${this.port}`;
  links: Record<string, { checkin: string; token: string }> = {};
  /** The demo cohort's participants' tokens by display name, when started with `{ demo: true }`. */
  demoTokens: Record<string, string> = {};
  browser!: Browser;
  private server?: ChildProcess;

  /**
   * A cohort that started two weeks ago (so it is week 3), its roster, links, a build and a server;
   * with `demo`, the demo program (`tandem demo`: ten weeks of data, charts, stories) as well.
   */
  async start({ demo = false } = {}): Promise<void> {
    const { program } = this;
    program.setup();
    if (demo) {
      const seeded = program.tandem('demo');
      expect(seeded.status, seeded.stderr).toBe(0);
      for (const row of parse(program.tandem('links', '--cohort', DEMO_SLUG, '--base-url', this.base).stdout, { columns: true }) as Record<string, string>[]) {
        this.demoTokens[row.name!] = new URL(row.checkin_url!).searchParams.get('t')!;
      }
    }
    const starts = addDays(new Date().toISOString().slice(0, 10), -14);
    expect(program.tandem('cohort', 'add', '--slug', 'e2e', '--name', 'Browser cohort', '--timezone', 'UTC', '--starts', starts, '--publication', 'public').status).toBe(0);
    const roster = join(program.outDir, '..', `${program.outDir.split('/').pop()}.csv`);
    writeFileSync(roster, ROSTER_CSV);
    expect(program.tandem('roster', 'import', roster, '--cohort', 'e2e').status).toBe(0);
    const rows = parse(program.tandem('links', '--cohort', 'e2e', '--base-url', this.base).stdout, { columns: true }) as Record<string, string>[];
    for (const row of rows) this.links[row.name!] = { checkin: row.checkin_url!, token: new URL(row.checkin_url!).searchParams.get('t')! };
    program.build();
    this.server = await program.serve(this.port);
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SHOTS, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.server?.kill('SIGTERM');
  }

  /** A page of a fresh browser context, JavaScript off unless asked. */
  async page({ javaScript = false, width = 390 } = {}) {
    const context = await this.browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 844 } });
    return context.newPage();
  }

  /** `path?t=token` of a participant, on this server. */
  url(path: string, name: string): string {
    return `${this.base}${path}?t=${encodeURIComponent(this.links[name]!.token)}`;
  }

  /** Rows from the program's database (read while the server runs). */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    process.env.TANDEM_STATE_DIR = this.program.stateDir;
    const conn = await openDatabase();
    try {
      return (await conn.db.prepare(sql).all()).results;
    } finally {
      await conn.close();
    }
  }
}
