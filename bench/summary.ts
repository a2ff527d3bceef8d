/** The bench's tables on stdout, and its targets with PASS/FAIL. */
import type { BenchResult } from './results.ts';
import { D1_QUERIES_PER_INVOCATION, printPerCohort } from './capacity-report.ts';
import { kb, mb, ms, s, table, x, yes } from './table.ts';

/** Issue 17: the full build at 16× (800 cohorts) under 60 s and 2 GB, each doubling of the program at most 1.9× the time. */
const TARGETS = { scale: 16, buildSeconds: 60, peakBytes: 2 * 1024 ** 3, growth: 1.9, routeRatio: 1.5 };

/** Prints every table; returns true when a target failed. */
export function printReport(result: BenchResult): boolean {
  const out = (text = '') => console.log(text);
  out(`\nTandem benchmarks — ${result.date}, commit ${result.commit}, ${result.machine.cpus} CPUs, ${result.machine.memory} RAM, Node ${result.machine.node}\n`);

  out('Build of the whole site (astro build --force: wall time, CPU time of the process tree, memory; load average of the machine at the start)');
  out(
    table(
      ['scale', 'cohorts (published)', 'check-ins', 'pages', 'build', 'growth', 'CPU time', 'peak RSS (tree)', 'peak RSS (1 process)', 'load avg'],
      result.scales.map((r) => [
        `${r.scale}×`, `${r.size.cohorts} (${r.read.cohorts})`, r.rows.checkins ?? 0, r.build.pages, s(r.build.seconds), r.growth === null ? '–' : x(r.growth),
        r.build.cpuSeconds === null ? '–' : s(r.build.cpuSeconds), mb(r.build.peakTreeRss), mb(r.build.peakProcessRss), r.build.loadAverage[0]!.toFixed(1),
      ]),
    ),
  );
  for (const r of result.scales.filter((r) => r.failedBuilds.length)) out(`(${r.scale}×: ${r.failedBuilds.length} build(s) failed first: ${r.failedBuilds.join('; ')})`);
  out('\nThe build in parts, seconds (D1 read is the build\'s: inside workerd, with the reader\'s start and the JSON to Node; content sync includes it)');
  out(
    table(
      ['scale', 'D1 read', 'content sync', 'bundling', 'rendering', 'search index', 'other', 'process start/exit'],
      result.scales.map((r) => [`${r.scale}×`, s(r.read.inWorkerd.withTransfer), s(r.parts.contentSync), s(r.parts.bundling), s(r.parts.rendering), s(r.parts.searchIndex), s(r.parts.other), s(r.parts.startup)]),
    ),
  );

  out('\nThe build’s D1 read (loadPublishedProgram): over getPlatformProxy as the build does it, and the same function inside workerd');
  out(
    table(
      ['scale', 'statements', 'over the proxy', 'inside workerd', 'inside workerd + JSON to Node', 'JSON size'],
      result.scales.map((r) => [`${r.scale}×`, r.read.statements, s(r.read.seconds), s(r.read.inWorkerd.seconds), s(r.read.inWorkerd.withTransfer), mb(r.read.inWorkerd.bytes)]),
    ),
  );

  const route = result.route;
  if (route) {
    out(`\nCheck-in post in-process (workerd), ${route.iterations} of each, alternating blocks, ${route.participants} participants`);
    out(
      table(
        ['what', 'mean', 'p50', 'p99'],
        [
          ['full route (POST /api/checkins)', ms(route.route.mean), ms(route.route.p50), ms(route.route.p99)],
          ['bare insert (same row, plain upsert, same binding)', ms(route.bare.mean), ms(route.bare.p50), ms(route.bare.p99)],
          ['ratio route ÷ bare (means)', x(route.ratio), '', ''],
        ],
      ),
    );
    const a = route.attribution;
    out(`\nWhere a post's time goes (instrumented run of ${a.posts} posts, mean per post; waits that overlap count once in "waiting")`);
    out(
      table(
        ['D1 reads', 'D1 writes', 'waiting on either', 'the Worker’s own work', 'total'],
        [[ms(a.d1Read), ms(a.d1Write), ms(a.waiting), ms(a.total - a.waiting), ms(a.total)]],
      ),
    );
  }

  const largest = result.scales.at(-1);
  if (largest) {
    out(`\nPage weight at ${largest.scale}× (heaviest page of each kind; gzipped, each file on its own)`);
    out(
      table(
        ['page', 'path', 'HTML', 'CSS', 'JS', 'JS budget', 'budget'],
        largest.weight.budgets.map((b) => {
          const page = largest.weight.pages[b.name as keyof typeof largest.weight.pages];
          return [b.name, b.page ?? '(none in this build)', page ? kb(page.html.gzip) : '–', page ? kb(page.css.gzip) : '–', page ? kb(page.js.gzip) : '–', kb(b.jsLimit), yes(b.pass)];
        }),
      ),
    );
  }

  if (result.rhythm) {
    out(`\nOne cron run of the rhythm on the ${largest?.scale ?? '?'}× program (inside workerd; at 20:17 UTC on each of seven days)`);
    out(table(['at', 'due', 'recorded and queued', 'time'], [...result.rhythm.runs, result.rhythm.repeat].map((r, i) => [i === result.rhythm!.runs.length ? `${r.at} again` : r.at, String(r.due), String(r.recorded), s(r.seconds)])));
  }

  printPerCohort(result);

  const checks: [string, string, boolean | null][] = [];
  const full = result.scales.find((r) => r.scale === TARGETS.scale);
  checks.push([`${TARGETS.scale}× build < 60 s`, full ? s(full.build.seconds) : 'not run', full ? full.build.seconds < TARGETS.buildSeconds : null]);
  const failed = result.scales.reduce((n, r) => n + r.failedBuilds.length, 0);
  checks.push(['every build succeeds', failed ? `${failed} failed` : 'all did', failed === 0]);
  checks.push([`${TARGETS.scale}× peak memory < 2 GB`, full ? mb(full.build.peakTreeRss) : 'not run', full ? full.build.peakTreeRss < TARGETS.peakBytes : null]);
  for (const r of result.scales.filter((r) => r.growth !== null)) checks.push([`growth ${r.scale}× ÷ previous ≤ ${TARGETS.growth}×`, x(r.growth!), r.growth! <= TARGETS.growth]);
  checks.push([`route mean ≤ ${TARGETS.routeRatio}× bare insert`, route ? x(route.ratio) : 'not run', route ? route.ratio <= TARGETS.routeRatio : null]);
  const rhythm = result.rhythm;
  checks.push(['rhythm: a second run at the same instant sends nothing', rhythm ? `${rhythm.repeat.recorded} recorded` : 'not run', rhythm ? rhythm.repeat.recorded === 0 && rhythm.busiest.recorded > 0 : null]);
  const cron = result.cron;
  // The busiest invocation of seven days: as deployed (in slices, worker/sliced-cron.ts), the target; as one
  // invocation, as it runs locally (CRON_SLICE = "0"), for comparison: it is what production would make without slices.
  checks.push([`cron as deployed, in slices: D1 queries per invocation ≤ ${D1_QUERIES_PER_INVOCATION}`, cron ? String(cron.maxQueries.sliced) : 'not run', cron ? cron.maxQueries.sliced <= D1_QUERIES_PER_INVOCATION : null]);
  checks.push([`cron as one invocation (local; not deployed): D1 queries`, cron ? String(cron.maxQueries.single) : 'not run', null]);
  for (const b of largest?.weight.budgets ?? []) checks.push([`${b.name} page JS ≤ ${kb(b.jsLimit)}`, b.jsGzip === null ? (b.note ?? '–') : kb(b.jsGzip), b.pass]);
  out('\nTargets');
  out(table(['target', 'measured', 'result'], checks.map(([name, measured, pass]) => [name, measured, yes(pass)])));
  return checks.some(([, , pass]) => pass === false);
}
