/**
 * The server Playwright tests run against: a fresh production build, served by
 * `next start` in local mode with a throw-away data directory, so every run
 * starts from an empty database and leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runNext } from './next-process';

const port = process.env.E2E_PORT ?? '3100';
const dataDir = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-'));

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  LOCAL_DATA_DIR: dataDir,
  NEXT_PUBLIC_SITE_URL: `http://localhost:${port}`,
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

const next = runNext(['start', '--port', port], { env: serverEnv, ownProcessGroup: false });

function shutdown(code: number) {
  next.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

next.child.on('exit', (code) => shutdown(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(0));
