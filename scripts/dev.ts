/**
 * `npm run dev`: the app plus whatever local stand-ins the environment leaves
 * unconfigured, so a fresh clone runs with no account anywhere.
 */
import { spawn } from 'node:child_process';
import nextEnv from '@next/env';
import { assertEnvOrExit, parseEnv } from '../lib/env';

nextEnv.loadEnvConfig(process.cwd(), true);
assertEnvOrExit();
const env = parseEnv(process.env);

const lines = [
  'Tenantry dev server: http://localhost:3000',
  env.DATABASE_URL
    ? `  database  PostgreSQL (${new URL(env.DATABASE_URL).host})`
    : `  database  embedded PGlite in ${env.LOCAL_DATA_DIR}/pglite (set DATABASE_URL to use PostgreSQL)`,
];
console.log(`\n${lines.join('\n')}\n`);

const next = spawn('npx', ['next', 'dev', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
next.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => next.kill(signal));
