import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Suites that open a database. They run on PGlite always, and again on
// PostgreSQL when DATABASE_URL is set (CI), so both backends are proven by
// the one `npm test`.
const databaseSuites = ['tests/{db,api,auth,tenancy,billing,email,google}/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside a React Server Components bundle; tests run lib code directly.
      'server-only': fileURLToPath(new URL('./tests/support/server-only.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    // The tests run the app against the auth emulator, the Stripe stand-in and
    // their own databases: local mode, as `npm run dev` and the e2e server run it.
    // A fixed outbox key, so no test writes one under .data/.
    env: { LOCAL_MODE: '1', OUTBOX_SECRET: 'outbox-secret-used-only-by-the-tests-000' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // .ci/run asks for a JSON report to print one pass/fail total across runners.
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: databaseSuites } },
      { extends: true, test: { name: 'pglite', include: databaseSuites, env: { DATABASE_URL: '' } } },
      ...(process.env.DATABASE_URL
        ? [{ extends: true, test: { name: 'postgres', include: databaseSuites } }]
        : []),
    ],
  },
});
