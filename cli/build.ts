/**
 * `npm run build` (and `build:production`, which sets TANDEM_REMOTE=1): the static site from D1,
 * built beside the served folder and swapped in only when it succeeded (cli/site-build.ts).
 * Arguments are passed to `astro build`, e.g. `npm run build -- --silent`.
 */
import { buildSite } from './site-build.ts';

const outcome = await buildSite(process.argv.slice(2));
(outcome.ok ? console.log : console.error)(outcome.message);
process.exitCode = outcome.ok ? 0 : 1;
