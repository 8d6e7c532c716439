/**
 * The server Playwright tests run against: a fresh production build served by
 * `next start` in local mode, with a throw-away data directory and its own
 * auth emulator, so every run starts empty and leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_PUBLISHABLE_KEY } from './auth-emulator/constants';
import { startAuthEmulator } from './auth-emulator/server';
import { runNext } from './next-process';

const port = process.env.E2E_PORT ?? '3100';
const siteUrl = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-'));

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  LOCAL_DATA_DIR: dataDir,
  NEXT_PUBLIC_SITE_URL: siteUrl,
  NEXT_TELEMETRY_DISABLED: '1',
};
// Local mode on purpose: the e2e suite proves a clone with no services works.
delete serverEnv.DATABASE_URL;

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...serverEnv, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const emulator = await startAuthEmulator({
  port: Number(process.env.E2E_AUTH_PORT ?? 0),
  dataDir: path.join(dataDir, 'auth-emulator'),
  siteUrl,
});
const next = runNext(['start', '--port', port], {
  env: { ...serverEnv, NEXT_PUBLIC_SUPABASE_URL: emulator.url, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: LOCAL_PUBLISHABLE_KEY },
  ownProcessGroup: false,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.stop();
  await emulator.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

next.child.on('exit', (code) => void shutdown(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
