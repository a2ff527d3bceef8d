/** The bench's capacity tables: what each scale holds, and what one more cohort costs (docs/capacity.md reads them). */
import { cronTable } from './cron.ts';
import type { BenchResult } from './results.ts';
import { kb, mb, ms, s, table } from './table.ts';

const n = (value: number, digits = 0) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** D1's queries per Worker invocation on Workers Paid (developers.cloudflare.com/d1/platform/limits/). */
export const D1_QUERIES_PER_INVOCATION = 1000;

export function printPerCohort(result: BenchResult): void {
  const out = (text = '') => console.log(text);
  if (result.cron) {
    out(`\nThe hourly cron on the ${result.scales.at(-1)?.scale ?? '?'}× program, per Worker invocation (a D1 batch is one query; D1 allows ${D1_QUERIES_PER_INVOCATION} per invocation)`);
    out(cronTable(result.cron));
  }
  const measured = result.scales.filter((r) => r.footprint);
  if (!measured.length) return;
  out('\nWhat each scale holds: the database (pages in use, WAL included) and the built site (every file a deployment uploads)');
  out(
    table(
      ['scale', 'cohorts', 'D1 size', 'D1 rows', 'site files', 'cohorts/', 'library/', 'pagefind/', 'site size'],
      measured.map((r) => {
        const f = r.footprint!;
        const files = (name: string) => f.dist.folders[name]?.files ?? 0;
        return [`${r.scale}×`, r.size.cohorts, mb(f.d1.bytes), n(Object.values(f.d1.rows).reduce((a, b) => a + b, 0)), n(f.dist.files), n(files('cohorts')), n(files('library')), n(files('pagefind')), mb(f.dist.bytes)];
      }),
    ),
  );
  const c = result.perCohort;
  if (!c) return;
  out(`\nOne more cohort (${c.participants} participants, ${c.weeks} weeks of activity; marginal cost between ${c.between[0]}× and ${c.between[1]}×)`);
  const rows: [string, string][] = [
    ['D1 storage', kb(c.d1Bytes)],
    ['D1 rows', n(c.d1Rows)],
    ['D1 rows written to store them (each row + one per index of its table)', n(c.d1RowsWritten)],
    ['site files (all)', n(c.distFiles, 1)],
    ...Object.entries(c.distFolders).map(([folder, files]): [string, string] => [`  of which under ${folder}/`, n(files, 1)]),
    ['site bytes', kb(c.distBytes)],
    ['build wall time', s(c.buildSeconds * 1000).replace(' s', ' ms')],
    ['build CPU time', c.buildCpuSeconds === null ? '–' : s(c.buildCpuSeconds * 1000).replace(' s', ' ms')],
    ['build peak memory', kb(c.peakMemoryBytes)],
    ['published program as JSON (per published cohort)', kb(c.programJsonBytes)],
    ['fixed: site files, D1, build', `${n(c.fixed.distFiles)} files, ${mb(c.fixed.d1Bytes)}, ${s(c.fixed.buildSeconds)}`],
  ];
  if (result.route) rows.push(['check-in post, route mean (p99)', `${ms(result.route.route.mean)} (${ms(result.route.route.p99)})`]);
  out(table(['cost', 'per cohort'], rows));
}
