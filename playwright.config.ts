import { chromium, defineConfig, devices } from '@playwright/test';
import { chooseChromium } from './e2e/support/chromium';
import { DEV_BASE_URL } from './e2e/support/dev-port';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const POSTGRES_SPECS = /(database-outage|dashboard-database)\.spec\.ts/;
// Runs its own `next dev` (e2e/support/dev-app.ts) on E2E_DEV_PORT.
const DEV_SERVER_SPECS = /dev-server\.spec\.ts/;

const browser = chooseChromium({ chromiumPath: process.env.CHROMIUM_PATH || undefined, playwrightPath: chromium.executablePath() });
if (browser.kind === 'missing') {
  console.error(`\n✖ ${browser.message}\n`);
  process.exit(1);
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [
    ['list'],
    ...(process.env.CI ? ([['html', { open: 'never' }]] as const) : []),
    // .ci/run reads this file to print one pass/fail total across runners.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? ([['json']] as const) : []),
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Playwright's own Chromium when installed, else Debian's (CI) or CHROMIUM_PATH: e2e/support/chromium.ts.
      ...(browser.kind === 'executable' ? { executablePath: browser.path } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: [POSTGRES_SPECS, DEV_SERVER_SPECS] },
    // `next dev` compiles each route on its first request, so its waits are longer.
    { name: 'next-dev', testMatch: DEV_SERVER_SPECS, use: { ...devices['Desktop Chrome'], baseURL: DEV_BASE_URL }, expect: { timeout: 60_000 } },
    // Specs that run their own app on a PostgreSQL server, to cut it or to
    // arrange rows directly; CI sets DATABASE_URL.
    ...(process.env.DATABASE_URL ? [{ name: 'postgres', testMatch: POSTGRES_SPECS, use: { ...devices['Desktop Chrome'] } }] : []),
  ],
  webServer: {
    command: `npx tsx scripts/e2e-server.ts`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
