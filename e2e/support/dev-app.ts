import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { startAuthEmulator } from '../../scripts/auth-emulator/server';
import { runNext } from '../../scripts/next-process';
import { startStripeStandIn } from '../../scripts/stripe-stand-in/server';
import { DEV_BASE_URL, DEV_PORT } from './dev-port';
import { healthStatus } from './isolated-app';

export interface DevApp {
  stop(): Promise<void>;
}

/**
 * `next dev` as `npm run dev` runs it, in local mode with a throw-away data
 * directory: React's development mode (effects run twice, Strict Mode) breaks
 * things a production build never shows, so one short story runs here too.
 */
export async function startDevApp(): Promise<DevApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-dev-'));
  const emulator = await startAuthEmulator({
    port: Number(process.env.E2E_DEV_AUTH_PORT ?? 0),
    dataDir: null,
    siteUrl: DEV_BASE_URL,
  });
  const stripe = await startStripeStandIn({
    port: Number(process.env.E2E_DEV_STRIPE_PORT ?? 0),
    dataDir: null,
    webhookUrl: `${DEV_BASE_URL}/api/webhooks/stripe`,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Local mode is explicit (lib/env.ts): as `npm run dev` turns it on.
    LOCAL_MODE: '1',
    LOCAL_DATA_DIR: dataDir,
    NEXT_PUBLIC_SITE_URL: DEV_BASE_URL,
    NEXT_PUBLIC_SUPABASE_URL: emulator.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: LOCAL_PUBLISHABLE_KEY,
    STRIPE_API_BASE: stripe.url,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // Local mode, like a fresh clone; Next sets NODE_ENV itself.
  delete env.DATABASE_URL;
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_WEBHOOK_SECRET;
  delete (env as Record<string, string | undefined>).NODE_ENV;
  const server = runNext(['dev', '--port', String(DEV_PORT)], { env, quiet: !process.env.E2E_DEV_VERBOSE });

  const app: DevApp = {
    async stop() {
      server.stop();
      await Promise.all([emulator.close().catch(() => {}), stripe.close().catch(() => {})]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    // The first request compiles the route, which takes a while on a busy machine.
    await expect.poll(() => healthStatus(DEV_BASE_URL), { timeout: 180_000, intervals: [500] }).toBe(200);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}
