/**
 * What a build renders of the cohorts. The content loader (site/loaders/program.ts) decides it
 * from the cohorts' digests and the last build's, and writes it to the file TANDEM_BUILD_PLAN
 * names (cli/site-build.ts sets it); the cohort pages' getStaticPaths read it, and so does
 * cli/site-build.ts, to copy the other cohorts' files from the last build and write the manifest.
 * Without TANDEM_BUILD_PLAN (a plain `astro build`, `astro dev`) every cohort is rendered.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface BuildPlan {
  /** Every published cohort, in the order the build lists them. */
  cohorts: { slug: string; digest: string; path: string }[];
  /** The slugs whose pages are rendered; null renders every cohort (a full build). */
  render: string[] | null;
}

/** The last build's digests, slug → digest, from the file TANDEM_BUILD_PREVIOUS names; null for a full build. */
export function previousDigests(env: NodeJS.ProcessEnv = process.env): Record<string, string> | null {
  return env.TANDEM_BUILD_PREVIOUS ? (JSON.parse(readFileSync(env.TANDEM_BUILD_PREVIOUS, 'utf8')) as Record<string, string>) : null;
}

export function writeBuildPlan(plan: BuildPlan, env: NodeJS.ProcessEnv = process.env): void {
  if (env.TANDEM_BUILD_PLAN) writeFileSync(env.TANDEM_BUILD_PLAN, JSON.stringify(plan));
}

/** The plan of the build under way; null when this build renders every cohort. */
export function readBuildPlan(env: NodeJS.ProcessEnv = process.env): BuildPlan | null {
  return env.TANDEM_BUILD_PLAN ? (JSON.parse(readFileSync(env.TANDEM_BUILD_PLAN, 'utf8')) as BuildPlan) : null;
}
