/** What a bench run measures: written to bench/results.json and printed by bench/summary.ts. */
import type { BuildRun } from './build.ts';
import type { Footprint, PerCohort } from './capacity.ts';
import type { CronResult } from './cron.ts';
import type { Counts, ProgramSize } from './generate.ts';
import type { ReadTiming } from './read.ts';
import type { RhythmResult } from './rhythm.ts';
import type { RouteResult } from './route.ts';
import type { WeightReport } from './weight.ts';

export interface ScaleResult {
  scale: number;
  size: ProgramSize;
  rows: Counts;
  generateSeconds: number;
  /** loadPublishedProgram timed directly, over getPlatformProxy as the build does and inside workerd. */
  read: ReadTiming;
  build: BuildRun & { loadAverage: number[] };
  /** Builds of this scale that failed before one succeeded (their error lines). */
  failedBuilds: string[];
  /** The build's parts, seconds: Astro's timers, the search index re-run, and what is left. */
  parts: { contentSync: number; bundling: number; rendering: number; searchIndex: number; other: number; startup: number };
  /** This scale's build time ÷ the previous scale's. */
  growth: number | null;
  weight: WeightReport;
  /** The database and the built site, as the capacity plan counts them (absent in results from before it was measured). */
  footprint?: Footprint;
}

export interface BenchResult {
  date: string;
  commit: string;
  machine: { cpus: number; memory: string; node: string };
  scales: ScaleResult[];
  route: RouteResult | null;
  /** One cron run of the rhythm on the largest program (absent in results from before it was measured). */
  rhythm?: RhythmResult | null;
  /** The marginal cost of one cohort, between the smallest and the largest scale (bench/capacity.ts). */
  perCohort?: PerCohort | null;
  /** The hourly cron's D1 queries per invocation on the largest program, as one invocation and in slices. */
  cron?: CronResult;
}
