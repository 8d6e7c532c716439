import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { pgliteForDrizzle } from './pglite-client';
import * as schema from './schema';

/**
 * The one way to reach the database: PostgreSQL through postgres.js when a URL
 * is given, otherwise an embedded PGlite on disk so a fresh clone runs with no
 * server at all. Both return the same Drizzle type, so nothing above this file
 * knows which one it talks to.
 *
 * Not marked `server-only`: scripts (migrate, seed, bench) and tests open the
 * database with the same code the app uses.
 */

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConnection {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The postgres.js pool under `db` (PostgreSQL only), for the tenant kernel's pipelined transactions. */
  pool?: Sql;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; `null` keeps it in memory (tests). */
  pgliteDataDir?: string | null;
  /** Apply pending migrations after opening. */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
  /**
   * Prepare statements on each connection (postgres.js's default). Off for a
   * transaction pooler, which hands each transaction a different server connection.
   */
  preparedStatements?: boolean;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseConnection> {
  const connection = options.url
    ? await openPostgres(options.url, options.maxConnections ?? 10, options.preparedStatements ?? true)
    : await openPglite(options.pgliteDataDir ?? null);
  if (options.migrate) await migrateDatabase(connection);
  return connection;
}

async function openPostgres(url: string, maxConnections: number, prepare: boolean): Promise<DatabaseConnection> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
  ]);
  const client = postgres(url, {
    max: maxConnections,
    prepare,
    // Fail fast when the server is gone, so /api/health answers 503 promptly;
    // postgres.js reconnects by itself on the next query once it is back.
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: 'postgres',
    pool: client,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | null): Promise<DatabaseConnection> {
  const [{ PGlite }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  return {
    db: drizzle(pgliteForDrizzle(client), { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
  };
}

export async function migrateDatabase(connection: DatabaseConnection): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (connection.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(connection.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(connection.db as never, config);
  }
  const { syncPlanLimits } = await import('./plan-limits');
  await syncPlanLimits(connection.db);
}
