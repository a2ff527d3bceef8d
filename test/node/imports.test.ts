/**
 * The project's import graph: no cycle anywhere, and the layers point one way (DESIGN.md, "Layout").
 * Type-only imports count as edges: a cycle of types still ties the modules together.
 *
 * The graph comes from TypeScript's own `ts.preProcessFile` rather than madge: madge 8 follows
 * `.ts` specifiers and type-only imports, but it has no parser for `.astro` files, so every import
 * in a page's or component's frontmatter and <script> would be missing from the graph. The
 * pre-processor lists the imports, re-exports and dynamic imports of any TypeScript text, and an
 * .astro file's frontmatter and scripts are TypeScript.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/program.ts';

/** Where the source is, and the loose files at the top (configs) that import from it. */
const SOURCE_DIRS = ['worker', 'site', 'cli', 'bench', 'test'];
const TOP_FILES = ['astro.config.mjs', 'vitest.config.ts'];
const EXTENSIONS = /\.(ts|tsx|mts|mjs|js|astro)$/;


/** The parts of a file that hold imports: all of a module, an .astro file's frontmatter and <script> blocks. */
function importingText(path: string, text: string): string {
  if (!path.endsWith('.astro')) return text;
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontmatter, ...scripts].join('\n');
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = `${dir}/${name}`;
      if (name === 'node_modules') continue;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (EXTENSIONS.test(name)) files.push(path);
    }
  };
  SOURCE_DIRS.forEach(walk);
  return [...files, ...TOP_FILES];
}

/** Every file's imports of other project files (paths from the root); package imports are left out. */
function importGraph(files: readonly string[], read = (path: string) => readFileSync(join(ROOT, path), 'utf8')): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(importingText(file, read(file)), true, true);
    const targets = importedFiles
      .map((ref) => ref.fileName.replace(/\?.*$/, ''))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Cycles of a graph found by a depth-first walk (at least one in every knot), each as the path that closes it: a → b → a. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/** The layer a file belongs to: worker/<folder> or a top-level file of worker/, else the top folder. */
function layerOf(file: string): string {
  if (TOP_FILES.includes(file)) return file === 'vitest.config.ts' ? 'test' : 'site';
  const [top, second] = file.split('/');
  return top === 'worker' ? `worker/${second}` : top!;
}

/** What the site and the CLI may use of worker/: D1 only through worker/db, never the HTTP side. */
const SHARED = ['worker/domain', 'worker/forms', 'worker/db'];
/** The CLI also runs the scheduled work itself (`tandem reminders run`), free of HTTP. */
const CLI_ALSO = ['worker/rhythm', 'worker/views'];

/** Whether a file of layer `from` may import one of layer `to`. Layers not named are not restricted, but for test/. */
function mayImport(from: string, to: string): boolean {
  if (to === 'test') return from === 'test';
  if (from === to) return true;
  // The message catalogues are data (JSON) that anything may read, domain included.
  if (to === 'worker/messages') return true;
  switch (from) {
    case 'worker/domain':
      return false;
    case 'worker/forms':
      return to === 'worker/domain';
    case 'worker/db':
      return to === 'worker/domain' || to === 'worker/forms';
    case 'worker/middleware':
      return !['worker/views', 'worker/routes', 'worker/app.ts', 'worker/index.ts'].includes(to);
    case 'worker/views':
      return !['worker/middleware', 'worker/routes', 'worker/app.ts', 'worker/index.ts'].includes(to);
    case 'worker/routes':
      return !['worker/app.ts', 'worker/index.ts'].includes(to);
    case 'site':
      return !to.startsWith('worker/') || SHARED.includes(to);
    case 'cli':
      return !to.startsWith('worker/') || SHARED.includes(to) || CLI_ALSO.includes(to);
    case 'worker/rhythm':
      return !['worker/routes', 'worker/middleware', 'worker/app.ts'].includes(to);
    default:
      return true;
  }
}

/** Imports that break a layer rule, as "importer -> imported". */
function layerViolations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...graph].flatMap(([file, targets]) => targets.filter((target) => !mayImport(layerOf(file), layerOf(target))).map((target) => `${file} -> ${target}`));
}

const graph = importGraph(sourceFiles());

describe('the import graph', () => {
  it('reads the source, .astro frontmatter and scripts included', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('site/pages/[...locale]/library/index.astro')).toContain('site/lib/library.ts');
    // A type-only import is an edge too.
    expect(graph.get('worker/db/participants.ts')).toContain('worker/db/cohorts.ts');
  });

  it('resolves every relative import to a file of the project', () => {
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !statSync(join(ROOT, t), { throwIfNoEntry: false })?.isFile()).map((t) => `${file} -> ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('points one way: domain ← forms ← db ← middleware and views ← routes ← app; site and cli never reach the Worker’s HTTP side; only tests import test/', () => {
    const violations = layerViolations(graph);
    expect(violations).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const fake = (files: Record<string, string>) => importGraph(Object.keys(files), (path) => files[path]!);

  it('find a cycle made by a type-only import', () => {
    const g = fake({ 'worker/db/a.ts': "import { b } from './b.ts';", 'worker/db/b.ts': "import type { A } from './a.ts';" });
    expect(cycles(g)).toEqual([['worker/db/a.ts', 'worker/db/b.ts', 'worker/db/a.ts']]);
  });

  it('find a page that reaches into the Worker’s HTTP side, and a script that imports test/', () => {
    const g = fake({
      'site/pages/x.astro': "---\nimport { f } from '../../worker/http/pages.ts';\n---\n<p>import nothing from here</p>",
      'cli/x.ts': "export { ROOT } from '../test/support/program.ts';",
      'worker/domain/x.ts': "const m = await import('../db/cohorts.ts');",
    });
    expect(layerViolations(g)).toEqual(['site/pages/x.astro -> worker/http/pages.ts', 'cli/x.ts -> test/support/program.ts', 'worker/domain/x.ts -> worker/db/cohorts.ts']);
  });
});
