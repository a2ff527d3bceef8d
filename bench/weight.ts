/**
 * Page weight of built pages: the HTML, and every stylesheet and script it loads — linked files,
 * inline <style>/<script>, and the JS modules those scripts import, followed transitively —
 * each gzipped on its own as a server would send it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  page: string;
  html: Bytes;
  css: Bytes;
  js: Bytes;
  /** The JS files counted (site paths). */
  scripts: string[];
}

export interface Budget {
  name: string;
  page: string | null;
  /** Gzipped JS the page may ship, in bytes. */
  jsLimit: number;
  jsGzip: number | null;
  pass: boolean | null;
  note?: string;
}

const KB = 1024;
/** JS budgets (gzipped): forms and library entries work without JS; chart pages may use Chart.js. */
export const BUDGETS = { form: 15 * KB, library: 15 * KB, chart: 60 * KB };

function measure(text: string | Buffer): Bytes {
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
}

function add(a: Bytes, b: Bytes): Bytes {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip };
}

const NONE: Bytes = { raw: 0, gzip: 0 };

/** Site path of a local asset (`/x.css`, `./x.js` relative to `from`), or null for another origin. */
function sitePath(href: string, from: string): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(href) || href.startsWith('data:')) return null;
  return href.startsWith('/') ? href.split(/[?#]/)[0]! : posix.join(posix.dirname(from), href.split(/[?#]/)[0]!);
}

/** Weight of the page at `page` (a site path such as `/checkin/`). */
export function pageWeight(outDir: string, page: string): PageWeight {
  const html = readFileSync(join(outDir, page, 'index.html'), 'utf8');
  const file = (path: string) => readFileSync(join(outDir, path));
  let css = NONE;
  let js = NONE;
  for (const [, href] of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)) {
    const path = sitePath(href!, page);
    if (path) css = add(css, measure(file(path)));
  }
  for (const [, body] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) css = add(css, measure(body!));

  const seen = new Set<string>();
  const follow = (path: string) => {
    if (seen.has(path) || !existsSync(join(outDir, path))) return;
    seen.add(path);
    const code = file(path);
    js = add(js, measure(code));
    for (const [, spec] of code.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`]([^"'`]+\.m?js)["'`]/g)) {
      const next = sitePath(spec!, path);
      if (next) follow(next);
    }
  };
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\btype="application\/(?:ld\+)?json"/.test(attributes!)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
    if (src) {
      const path = sitePath(src, page);
      if (path) follow(path);
    } else if (body!.trim()) {
      js = add(js, measure(body!));
      for (const [, spec] of body!.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`]([^"'`]+\.m?js)["'`]/g)) {
        const next = sitePath(spec!, page);
        if (next) follow(next);
      }
    }
  }
  return { page, html: measure(html), css, js, scripts: [...seen] };
}

/** Site paths of the pages directly under `dir` (e.g. every `/cohorts/<slug>/`). */
export function pagesUnder(outDir: string, dir: string, deeper = ''): string[] {
  const base = join(outDir, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((name) => statSync(join(base, name)).isDirectory() && existsSync(join(base, name, deeper, 'index.html')))
    .map((name) => posix.join(dir, name, deeper, '/'));
}

/** The heaviest page (most gzipped bytes in all) among `pages`. */
export function heaviest(outDir: string, pages: string[]): PageWeight | null {
  let top: PageWeight | null = null;
  for (const page of pages) {
    const weight = pageWeight(outDir, page);
    const total = (w: PageWeight) => w.html.gzip + w.css.gzip + w.js.gzip;
    if (!top || total(weight) > total(top)) top = weight;
  }
  return top;
}

export interface WeightReport {
  pages: Record<string, PageWeight | null>;
  budgets: Budget[];
}

/** The four kinds of page with a budget (story, report, form, library entry), each the heaviest of its kind, and their JS budgets. */
export function weighSite(outDir: string): WeightReport {
  const library = pagesUnder(outDir, '/library/').filter((p) => !/^\/library\/(?:tags|kinds|stages|community)\/$/.test(p));
  const pages = {
    story: heaviest(outDir, pagesUnder(outDir, '/cohorts/')),
    report: heaviest(outDir, pagesUnder(outDir, '/cohorts/', 'report')),
    form: heaviest(outDir, existsSync(join(outDir, 'checkin', 'index.html')) ? ['/checkin/'] : []),
    library: heaviest(outDir, library),
  };
  const budget = (name: keyof typeof pages, jsLimit: number): Budget => {
    const page = pages[name];
    if (!page) return { name, page: null, jsLimit, jsGzip: null, pass: null, note: 'no such page in this build' };
    return { name, page: page.page, jsLimit, jsGzip: page.js.gzip, pass: page.js.gzip <= jsLimit };
  };
  return {
    pages,
    budgets: [budget('story', BUDGETS.chart), budget('report', BUDGETS.chart), budget('form', BUDGETS.form), budget('library', BUDGETS.library)],
  };
}
