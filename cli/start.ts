/**
 * `npm start`: the demo program on http://localhost:8787 — migrations applied, the demo seeded
 * into an empty database, the site built from it, and site + API served by wrangler dev.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { signToken } from '../worker/domain/links.ts';
import { countCohorts, getCohortBySlug } from '../worker/db/cohorts.ts';
import { listLinkRecipients } from '../worker/db/participants.ts';
import { openDatabase, PROJECT_ROOT, stateDir } from '../worker/db/connection.ts';
import { DEMO_SLUG, seedDemo } from './demo.ts';
import { ensureDevVars, migrateLocal } from './setup.ts';
import { buildSite } from './site-build.ts';

const PORT = Number(process.env.PORT ?? 8787);
const ORIGIN = `http://localhost:${PORT}`;

function binOf(pkg: string, bin: string): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), bin);
}

async function prepareData(): Promise<string[]> {
  const conn = await openDatabase();
  try {
    if ((await countCohorts(conn.db)) === 0) {
      console.log('The local database is empty: seeding the demo program.');
      await seedDemo(conn);
    }
    const demo = await getCohortBySlug(conn.db, DEMO_SLUG);
    if (!demo) return [];
    const everyone = await listLinkRecipients(conn.db, demo.id);
    const people = everyone.filter((p) => p.role === 'mentee').slice(0, 3);
    const lines = demo.path ? [`  Story page:  ${ORIGIN}${demo.path}`, `  Report:      ${ORIGIN}${demo.path}report/`, `  All cohorts: ${ORIGIN}/cohorts/`] : [];
    for (const m of everyone.filter((p) => p.role === 'mentor')) {
      const token = await signToken(conn.env.LINK_SECRET, { participantId: m.id, cohortId: m.cohortId, linkVersion: m.linkVersion });
      lines.push(`  Mentor's dashboard (${m.displayName}): ${ORIGIN}/mentor/${demo.slug}?t=${token}`);
    }
    for (const p of people) {
      const token = await signToken(conn.env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion });
      lines.push(`  ${p.displayName.padEnd(8)} their page: ${ORIGIN}/me/?t=${token}`, `  ${' '.repeat(8)} check-in:   ${ORIGIN}/checkin/?t=${token}`);
    }
    return lines;
  } finally {
    await conn.close();
  }
}

ensureDevVars();
migrateLocal();
const links = await prepareData();
console.log('Building the site from the local database…');
const build = await buildSite(['--silent']);
if (!build.ok) {
  console.error(build.message);
  process.exit(1);
}

const banner = [
  `\nTandem demo program — site and API on ${ORIGIN}\n`,
  links.length ? `${links.join('\n')}\n` : '  (no demo cohort in this database)\n',
  'Open a check-in link and send it, sharing its win publicly. Then run `npm run build` in another terminal',
  'and reload the story page: the win is on the timeline (this week’s figures join the charts once',
  'the week is over). Ctrl-C stops the server.\n',
].join('\n');

const server = spawn(process.execPath, [binOf('wrangler', 'bin/wrangler.js'), 'dev', '--port', String(PORT), '--ip', '127.0.0.1', '--persist-to', stateDir(), '--show-interactive-dev-session=false'], {
  cwd: PROJECT_ROOT,
  // No network here for the Request.cf lookup or telemetry: skip both rather than log failures.
  env: { ...process.env, WRANGLER_LOG: 'log', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  stdio: ['inherit', 'pipe', 'pipe'],
});
// Pass wrangler's output through, and show the links once the server is ready to answer them.
let ready = false;
for (const [from, to] of [[server.stdout!, process.stdout], [server.stderr!, process.stderr]] as const) {
  from.on('data', (chunk: Buffer) => {
    to.write(chunk);
    if (!ready && chunk.toString().includes('Ready on')) {
      ready = true;
      console.log(banner);
    }
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
