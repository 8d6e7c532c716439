import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { startAuthEmulator, type AuthEmulatorOptions } from '../../scripts/auth-emulator/server';
import { freePort, runNext } from '../../scripts/next-process';

export interface IsolatedApp {
  baseURL: string;
  stop(): Promise<void>;
}

/**
 * A second `next start` on the build the main e2e server made, with its own
 * auth emulator and data: for tests that must bend the environment (short
 * token lifetimes, a database that dies) without disturbing the shared server.
 */
export async function startIsolatedApp(options: { env?: Record<string, string>; auth?: AuthEmulatorOptions } = {}): Promise<IsolatedApp> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-isolated-'));
  const emulator = await startAuthEmulator({ port: 0, dataDir: null, siteUrl: baseURL, ...options.auth });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCAL_DATA_DIR: dataDir,
    NEXT_PUBLIC_SITE_URL: baseURL,
    NEXT_PUBLIC_SUPABASE_URL: emulator.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: LOCAL_PUBLISHABLE_KEY,
    NEXT_TELEMETRY_DISABLED: '1',
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const server = runNext(['start', '--port', String(port)], { env, quiet: true });

  const app: IsolatedApp = {
    baseURL,
    async stop() {
      server.stop();
      await emulator.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await expect.poll(() => healthStatus(baseURL), { timeout: 90_000, intervals: [250] }).toBe(200);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

export async function healthStatus(baseURL: string): Promise<number> {
  try {
    return (await fetch(`${baseURL}/api/health`)).status;
  } catch {
    return 0;
  }
}
