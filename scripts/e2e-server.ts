/**
 * The server Playwright tests run against: a fresh production build served by
 * `next start` in local mode, with a throw-away data directory and its own
 * auth emulator, so every run starts empty and leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUTH_EMULATOR_PUBLISHABLE_KEY, AUTH_EMULATOR_SECRET_KEY, E2E_STRIPE_STAND_IN_PORT } from '../lib/local-stand-ins';
import { E2E_INBOX_PORT } from './mail-catcher/ports';
import { startAuthEmulator } from './auth-emulator/server';
import { startMailCatcher } from './mail-catcher/server';
import { runNext } from './next-process';
import { startStripeStandIn } from './stripe-stand-in/server';

const port = process.env.E2E_PORT ?? '3100';
const siteUrl = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-'));

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  // Local mode on purpose: the e2e suite proves a clone with no services works.
  LOCAL_MODE: '1',
  LOCAL_DATA_DIR: dataDir,
  NEXT_PUBLIC_SITE_URL: siteUrl,
  NEXT_TELEMETRY_DISABLED: '1',
};
delete serverEnv.DATABASE_URL;
delete serverEnv.STRIPE_SECRET_KEY;
delete serverEnv.STRIPE_WEBHOOK_SECRET;

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
const stripe = await startStripeStandIn({
  port: Number(process.env.E2E_STRIPE_PORT ?? E2E_STRIPE_STAND_IN_PORT),
  dataDir: null,
  webhookUrl: `${siteUrl}/api/webhooks/stripe`,
  webhookRetryDelaysMs: [500, 2_000, 5_000],
});
// Billing tests reach it (to move its clock) on this fixed port.
console.log(`[e2e] Stripe stand-in on ${stripe.url}`);
// The stories read the emails the app sent from its inbox (e2e/support/inbox.ts).
const mail = await startMailCatcher({ smtpPort: Number(process.env.E2E_SMTP_PORT ?? 0), inboxPort: Number(process.env.E2E_INBOX_PORT ?? E2E_INBOX_PORT) });
console.log(`[e2e] mail catcher inbox on ${mail.inboxUrl}`);
const next = runNext(['start', '--port', port], {
  env: {
    ...serverEnv,
    NEXT_PUBLIC_SUPABASE_URL: emulator.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: AUTH_EMULATOR_PUBLISHABLE_KEY,
    SUPABASE_SECRET_KEY: AUTH_EMULATOR_SECRET_KEY,
    STRIPE_API_BASE: stripe.url,
    SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}`,
  },
  ownProcessGroup: false,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.stop();
  await Promise.all([emulator.close().catch(() => {}), stripe.close().catch(() => {}), mail.close().catch(() => {})]);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

next.child.on('exit', (code) => void shutdown(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
