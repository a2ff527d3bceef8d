/**
 * What a cohort costs, for the capacity plan (docs/capacity.md): the footprint of one scale — the
 * database as D1 would store it (pages in use, rows per table, the indexes each insert also writes)
 * and the built site as a deployment's static assets (files and bytes, by top-level folder) — and,
 * across scales, the marginal cost of one more cohort (the difference between the smallest and the
 * largest scale, so fixed costs such as the forms, the library's own pages and the schema drop out).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface Footprint {
  d1: {
    /** (pages − free pages) × page size of the database file, WAL included: what D1 bills as storage. */
    bytes: number;
    rows: Record<string, number>;
    /** Indexes per table: D1 counts a written row for each index an insert updates. */
    indexes: Record<string, number>;
  };
  dist: {
    files: number;
    bytes: number;
    /** Files and bytes under each top-level folder of the built site ("." for files at its root). */
    folders: Record<string, { files: number; bytes: number }>;
  };
}

/** The program's SQLite file in a wrangler state folder (the D1 binding's, not Miniflare's metadata). */
function sqliteFile(stateDir: string): string {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return join(dir, file);
}

export function measureD1(stateDir: string): Footprint['d1'] {
  const db = new DatabaseSync(sqliteFile(stateDir), { readOnly: true });
  try {
    const pragma = (name: string) => Number(Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0]);
    const bytes = (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name`).all() as { name: string }[];
    const rows = Object.fromEntries(tables.map(({ name }) => [name, Number((db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n)]));
    // Automatic indexes (UNIQUE, PRIMARY KEY on a non-rowid key) are written too; they have no SQL.
    const indexes = Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).get(name) as { n: number }).n]));
    return { bytes, rows, indexes };
  } finally {
    db.close();
  }
}

export function measureDist(outDir: string): Footprint['dist'] {
  const folders: Footprint['dist']['folders'] = {};
  const walk = (dir: string, top: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, top || entry.name);
      else if (entry.isFile()) {
        const folder = (folders[top || '.'] ??= { files: 0, bytes: 0 });
        folder.files++;
        folder.bytes += statSync(path).size;
      }
    }
  };
  walk(outDir, '');
  const all = Object.values(folders);
  return { files: all.reduce((n, f) => n + f.files, 0), bytes: all.reduce((n, f) => n + f.bytes, 0), folders };
}

export function measureFootprint(stateDir: string, outDir: string): Footprint {
  return { d1: measureD1(stateDir), dist: measureDist(outDir) };
}

/** One scale as the per-cohort costs need it (a subset of bench/results.ts's ScaleResult). */
export interface ScalePoint {
  scale: number;
  size: { cohorts: number; mentees: number; weeks: number };
  read: { cohorts: number; inWorkerd: { bytes: number } };
  build: { seconds: number; cpuSeconds: number | null; peakTreeRss: number };
  footprint?: Footprint;
}

export interface PerCohort {
  /** The two scales the marginal costs are taken between. */
  between: [number, number];
  /** Participants per cohort (mentees and their mentor). */
  participants: number;
  weeks: number;
  publishedShare: number;
  d1Bytes: number;
  d1Rows: number;
  /** Rows D1 counts as written to store one cohort's rows: each row once, and once more per index of its table. */
  d1RowsWritten: number;
  distFiles: number;
  distBytes: number;
  /** Files per cohort under each top-level folder that grows with cohorts. */
  distFolders: Record<string, number>;
  buildSeconds: number;
  buildCpuSeconds: number | null;
  peakMemoryBytes: number;
  /** The published program as the build's reader sends it (JSON), per published cohort. */
  programJsonBytes: number;
  /** Fixed parts: what the smallest scale has beyond its cohorts' marginal cost. */
  fixed: { distFiles: number; d1Bytes: number; buildSeconds: number };
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

function rowsWritten(f: Footprint): number {
  return Object.entries(f.d1.rows).reduce((n, [table, rows]) => n + rows * (1 + (f.d1.indexes[table] ?? 0)), 0);
}

/** The marginal cost of one cohort, from the smallest and the largest scale that have a footprint; null with fewer than two. */
export function perCohortCosts(scales: readonly ScalePoint[]): PerCohort | null {
  const measured = scales.filter((s) => s.footprint).sort((a, b) => a.size.cohorts - b.size.cohorts);
  if (measured.length < 2) return null;
  const small = measured[0]!;
  const large = measured.at(-1)!;
  const n = large.size.cohorts - small.size.cohorts;
  const [fs, fl] = [small.footprint!, large.footprint!];
  const per = (a: number, b: number) => (b - a) / n;
  const distFolders: Record<string, number> = {};
  for (const [name, folder] of Object.entries(fl.dist.folders)) {
    const grows = per(fs.dist.folders[name]?.files ?? 0, folder.files);
    if (grows > 0.01) distFolders[name] = grows;
  }
  const distFiles = per(fs.dist.files, fl.dist.files);
  const d1Bytes = per(fs.d1.bytes, fl.d1.bytes);
  const buildSeconds = per(small.build.seconds, large.build.seconds);
  return {
    between: [small.scale, large.scale],
    participants: large.size.mentees + 1,
    weeks: large.size.weeks,
    publishedShare: large.read.cohorts / large.size.cohorts,
    d1Bytes,
    d1Rows: per(sum(fs.d1.rows), sum(fl.d1.rows)),
    d1RowsWritten: per(rowsWritten(fs), rowsWritten(fl)),
    distFiles,
    distBytes: per(fs.dist.bytes, fl.dist.bytes),
    distFolders,
    buildSeconds,
    buildCpuSeconds: small.build.cpuSeconds === null || large.build.cpuSeconds === null ? null : per(small.build.cpuSeconds, large.build.cpuSeconds),
    peakMemoryBytes: per(small.build.peakTreeRss, large.build.peakTreeRss),
    programJsonBytes: large.read.inWorkerd.bytes / Math.max(1, large.read.cohorts),
    fixed: {
      distFiles: fs.dist.files - distFiles * small.size.cohorts,
      d1Bytes: fs.d1.bytes - d1Bytes * small.size.cohorts,
      buildSeconds: small.build.seconds - buildSeconds * small.size.cohorts,
    },
  };
}
