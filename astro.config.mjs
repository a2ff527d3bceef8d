// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { relative, resolve } from 'node:path';
import renderer, { rendererBeside, siteUrl } from './site/integrations/renderer.ts';
import searchIndex from './site/integrations/search-index.ts';

const outDir = process.env.TANDEM_OUT_DIR ?? './dist';

// The static site, built from D1 (see site/content.config.ts). TANDEM_OUT_DIR lets tests build
// into a folder of their own; SITE_URL is the public address used for canonical links.
// Full builds run with --force (cli/site-build.ts): Astro's content cache does not notice a changed
// schema module; a build without it happens only when the site's code fingerprint is unchanged.
// searchIndex runs Pagefind over the built site, so the library is searchable with no server.
// The pages made from D1 (a cohort's pages, the cohorts overview, the home page) are rendered after
// Astro, from the program the build read, by the renderer Astro builds beside the site
// (site/integrations/renderer.ts, cli/site-build.ts): so publishing a new check-in needs no Astro.
export default defineConfig({
  site: siteUrl(),
  srcDir: './site',
  publicDir: './site/public',
  outDir,
  // Astro's caches (its content store among them) live beside each served folder (dist.cache/),
  // so builds of different sites at once (the tests do that) never share one.
  ...(process.env.TANDEM_CACHE_DIR ? { cacheDir: process.env.TANDEM_CACHE_DIR } : {}),
  output: 'static',
  adapter: renderer(),
  trailingSlash: 'always',
  integrations: [mdx(), searchIndex()],
  // Styles and scripts go to files, never inline: the Content-Security-Policy allows no inline
  // <style> or <script> (worker/http/security-headers.ts).
  // The site at the top of outDir, as without an adapter; the renderer beside it, never in it.
  build: { format: 'directory', inlineStylesheets: 'never', client: './', server: `${relative(resolve(outDir), resolve(process.env.TANDEM_RENDERER_DIR ?? rendererBeside(outDir)))}/` },
  // Shiki colours code blocks with style attributes, which the policy blocks as inline style.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  // No `security.csp`: the policy stays the hand-kept site/public/_headers, the same as the Worker's.
  // Without an adapter that supports static headers, Astro can only put the policy in a <meta>, and
  // browsers ignore frame-ancestors there. A <meta> policy also applies on top of the header, so on the
  // form pages the Worker serves with Turnstile it would block Turnstile's script and frame unless
  // every page allowed that origin. And the hashes add nothing: the pages have no inline script or
  // style (test/node/csp.test.ts), yet Astro 7.3 lists the hash of every bundled script and style on
  // every page, which allows more than 'self' alone.
  vite: {
    // The renderer bundles what it imports, so it runs from a folder outside the project (tests and
    // the bench build into temporary folders) without a node_modules beside it.
    environments: { prerender: { resolve: { noExternal: true } }, ssr: { resolve: { noExternal: true } } },
    build: {
      // Astro inlines scripts under this limit; `false` for scripts keeps them files (other assets as usual).
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
      rollupOptions: {
        // Astro's MDX output starts with an Astro-internal directive that the bundler reports as
        // "may not be preserved"; Astro handles it, so the warning is noise in every build.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
