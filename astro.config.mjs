// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// The static site, built from D1 (see site/content.config.ts). TANDEM_OUT_DIR lets tests build
// into a folder of their own; SITE_URL is the public address used for canonical links.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:8787',
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.TANDEM_OUT_DIR ?? './dist',
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
