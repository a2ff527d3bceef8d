/**
 * The renderer of the pages made from D1: a cohort's story, report and open data, the cohorts
 * overview and the home page. They are Astro pages like the others, marked `prerender = false`, and
 * this adapter has Astro build them into a small server bundle beside the site instead of
 * rendering them during the build. cli/site-build.ts then renders them from the program it read
 * (`Astro.locals`, see site/env.d.ts) and writes the files into the site: all of them after a full
 * build, and after a new check-in only the changed cohort's and the lists, without starting Astro.
 * The bundle is never served: it lives beside the site (`<site>.renderer/`), not in it.
 */
import type { AstroIntegration } from 'astro';
import { join } from 'node:path';

/** The site's public address, for canonical links (SITE_URL; the local server's by default). */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.SITE_URL ?? 'http://localhost:8787';
}

/** The renderer's folder beside a site's: `<outDir>.renderer` (cli/site-build.ts tells Astro where, TANDEM_RENDERER_DIR). */
export const rendererBeside = (outDir: string): string => `${outDir.replace(/\/+$/, '')}.renderer`;

/** The module of a renderer in `dir` (site/integrations/renderer-entry.ts, built). */
export const rendererEntry = (dir: string): string => join(dir, 'entry.mjs');

export default function renderer(): AstroIntegration {
  return {
    name: 'tandem:renderer',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'tandem:renderer',
          entrypointResolution: 'auto',
          serverEntrypoint: new URL('./renderer-entry.ts', import.meta.url),
          // The renderer runs in Node, where Sharp would run too (the site transforms no images).
          supportedAstroFeatures: { staticOutput: 'stable', serverOutput: 'stable', hybridOutput: 'stable', sharpImageService: 'stable' },
        });
      },
      // A plain `astro build` makes everything but these pages: say so, rather than leave a site without a home page.
      'astro:build:done': ({ logger }) => {
        if (!process.env.TANDEM_PROGRAM_FILE) logger.warn('The home page and the cohorts\' pages are rendered by `npm run build` (cli/build.ts), after Astro: this site has none of them. Run `npm run build` instead.');
      },
    },
  };
}
