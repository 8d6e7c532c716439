/**
 * Applies the committed migrations (db/migrations) to the configured database:
 * PostgreSQL when DATABASE_URL is set, otherwise the local PGlite under .data/.
 * Stop `npm run dev` first in local mode: PGlite allows one process at a time.
 */
import path from 'node:path';
import nextEnv from '@next/env';
import { openDatabase } from '../db/client';
import { EnvError, parseEnv } from '../lib/env';

nextEnv.loadEnvConfig(process.cwd());

try {
  // Migrating needs only the database, so deploy pipelines need not hold the
  // other services' secrets; without DATABASE_URL it migrates the local PGlite.
  const env = parseEnv({ ...process.env, LOCAL_MODE: '1' });
  const target = env.DATABASE_URL
    ? { url: env.DATABASE_URL, label: `PostgreSQL at ${new URL(env.DATABASE_URL).host}` }
    : { pgliteDataDir: path.resolve(env.LOCAL_DATA_DIR, 'pglite'), label: `PGlite in ${path.join(env.LOCAL_DATA_DIR, 'pglite')}` };
  const connection = await openDatabase({ ...target, migrate: true, maxConnections: 1 });
  await connection.close();
  console.log(`✓ Migrations applied to ${target.label}`);
} catch (error) {
  console.error(`✖ Migration failed: ${error instanceof EnvError ? error.issues.join('; ') : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
