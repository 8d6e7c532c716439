import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { STRIPE_STAND_IN_WEBHOOK_SECRET } from '../lib/local-stand-ins';
import { freePort } from '../scripts/next-process';

// `next start` on the build the e2e server made, as a deploy would run it:
// NODE_ENV=production and no local mode. Only PATH and HOME come from the
// shell, so nothing this machine happens to have configured leaks in.
function startProductionServer(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test('a production start with nothing configured stops with one line naming every missing variable', async () => {
  const server = startProductionServer(await freePort(), {});
  expect(await server.exited).toBe(1);
  const errorLines = server.output().split('\n').filter((line) => line.includes('cannot start'));
  expect(errorLines).toEqual([
    '✖ Tenantry cannot start: missing DATABASE_URL, NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, ' +
      'STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, API_KEY_PEPPER, SMTP_URL, EMAIL_FROM, OUTBOX_SECRET, CRON_SECRET (outside ' +
      'local mode every service must be configured; BILLING=off runs without Stripe; EMAIL=off runs without email); missing ' +
      'GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, TOKEN_ENCRYPTION_KEY (Google API access needs them outside local mode; ' +
      'GOOGLE_ACCESS=off runs without). See .env.example.',
  ]);
});

test('a production start with the Stripe stand-in\'s published webhook secret stops', async () => {
  const server = startProductionServer(await freePort(), {
    DATABASE_URL: 'postgres://app@127.0.0.1:1/app',
    NEXT_PUBLIC_SUPABASE_URL: 'https://project.supabase.co',
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_project',
    STRIPE_SECRET_KEY: 'sk_live_project',
    STRIPE_WEBHOOK_SECRET: STRIPE_STAND_IN_WEBHOOK_SECRET,
    EMAIL: 'off',
    GOOGLE_ACCESS: 'off',
    API_KEY_PEPPER: 'a-random-secret-of-at-least-32-characters',
  });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain("STRIPE_WEBHOOK_SECRET must not be the local Stripe stand-in's published value");
});

test('with BILLING=off a production server starts, and refuses a webhook signed with the stand-in\'s secret', async () => {
  const port = await freePort();
  const server = startProductionServer(port, {
    // Nothing listens there: this test needs the server up, not a database.
    DATABASE_URL: 'postgres://app@127.0.0.1:1/app',
    NEXT_PUBLIC_SUPABASE_URL: 'https://project.supabase.co',
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_project',
    BILLING: 'off',
    EMAIL: 'off',
    GOOGLE_ACCESS: 'off',
    API_KEY_PEPPER: 'a-random-secret-of-at-least-32-characters',
  });
  try {
    const baseURL = `http://localhost:${port}`;
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] })
      .toBe(503);
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'customer.subscription.updated', created: 1, data: { object: { customer: 'cus_x' } } });
    const response = await fetch(`${baseURL}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_STAND_IN_WEBHOOK_SECRET }),
      },
      body: payload,
    });
    expect(response.status).toBe(501);
    expect((await response.json()).error.code).toBe('billing_disabled');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
