import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { writeSiteFixture } from './test/support/site-fixture.ts';

const migrations = await readD1Migrations('./worker/migrations');
/** The form pages the Worker tests serve, written from the form registry (test/support/site-fixture.ts). */
const siteFixture = writeSiteFixture();

/** A fixed secret for the Worker tests (the real one is generated into .dev.vars). */
export const TEST_LINK_SECRET = 'test-link-secret-with-at-least-32-characters';

export default defineConfig({
  test: {
    reporters: process.env.TANDEM_JSON_REPORT ? ['default', ['json', { outputFile: process.env.TANDEM_JSON_REPORT }]] : ['default'],
    projects: [
      {
        // The Worker inside workerd with a real (per-file) D1, migrations applied in the setup file.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations, LINK_SECRET: TEST_LINK_SECRET },
              assets: { directory: siteFixture, binding: 'ASSETS' },
            },
          }),
        ],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], setupFiles: ['./test/worker/apply-migrations.ts'] },
      },
      {
        // Pure logic, the CLI, the real Astro build against a local D1.
        test: { name: 'node', include: ['test/node/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
      },
      {
        // Debian Chromium through playwright-core against wrangler dev.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 240_000 },
      },
    ],
  },
});
