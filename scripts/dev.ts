/**
 * `npm run dev`: the app plus a local stand-in for every service the
 * environment leaves unconfigured, so a fresh clone runs with no account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import nextEnv from '@next/env';
import { assertEnvOrExit, parseEnv } from '../lib/env';
import { AUTH_EMULATOR_URL, STRIPE_STAND_IN_URL } from '../lib/local-stand-ins';

nextEnv.loadEnvConfig(process.cwd(), true);
// `npm run dev` is one of the three places local mode is turned on (with the
// e2e server and the bench): whatever is not configured gets a stand-in.
// Everything started below inherits it.
process.env.LOCAL_MODE = '1';
assertEnvOrExit();
const env = parseEnv(process.env);
const siteUrl = env.NEXT_PUBLIC_SITE_URL;

const children: ChildProcess[] = [];
function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  child.on('exit', (code, signal) => {
    if (signal || shuttingDown) return;
    console.error(`\n✖ ${label} stopped (exit code ${code}); stopping the dev server.`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

const tsx = path.join('node_modules', '.bin', 'tsx');
const lines = [`Tenantry is starting on ${siteUrl}`];

if (env.DATABASE_URL) {
  lines.push(`  database   PostgreSQL at ${new URL(env.DATABASE_URL).host}`);
} else {
  lines.push(`  database   local: embedded PGlite in ${path.join(env.LOCAL_DATA_DIR, 'pglite')}  (set DATABASE_URL for PostgreSQL)`);
}

if (env.isLocalAuth) {
  lines.push(`  auth       local: Supabase Auth emulator on ${AUTH_EMULATOR_URL}  (set NEXT_PUBLIC_SUPABASE_URL for your project)`);
  run('The auth emulator', tsx, ['scripts/auth-emulator/main.ts'], {
    AUTH_EMULATOR_DATA_DIR: path.join(env.LOCAL_DATA_DIR, 'auth-emulator'),
    NEXT_PUBLIC_SITE_URL: siteUrl,
  });
} else {
  lines.push(`  auth       Supabase at ${env.supabaseUrl}`);
}

if (env.billingMode === 'off') {
  lines.push('  billing    off (BILLING=off)');
} else if (env.billingMode === 'stand-in') {
  lines.push(`  billing    local: Stripe stand-in on ${env.STRIPE_API_BASE ?? STRIPE_STAND_IN_URL}  (set STRIPE_SECRET_KEY for Stripe test mode)`);
  run('The Stripe stand-in', tsx, ['scripts/stripe-stand-in/main.ts'], {
    STRIPE_STAND_IN_DATA_DIR: path.join(env.LOCAL_DATA_DIR, 'stripe'),
    STRIPE_WEBHOOK_URL: process.env.STRIPE_WEBHOOK_URL ?? `${siteUrl}/api/webhooks/stripe`,
  });
} else {
  lines.push('  billing    Stripe');
}

if (env.EMAIL === 'off') {
  lines.push('  email      off (EMAIL=off): copy invitation links by hand');
} else if (env.SMTP_URL) {
  lines.push(`  email      SMTP at ${new URL(env.SMTP_URL).host}  (previews at ${siteUrl}/dev/emails)`);
} else {
  lines.push(`  email      local: mail catcher, inbox at http://127.0.0.1:${env.MAIL_CATCHER_INBOX_PORT}  (previews at ${siteUrl}/dev/emails; set SMTP_URL to send for real)`);
  run('The mail catcher', tsx, ['scripts/mail-catcher/main.ts']);
}

console.log(`\n${lines.join('\n')}\n`);

const port = new URL(siteUrl).port || '3000';
run('next dev', process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '--port', port, ...process.argv.slice(2)]);

let shuttingDown = false;
function shutdown(code: number) {
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(0));
