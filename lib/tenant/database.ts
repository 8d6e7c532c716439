import 'server-only';
import path from 'node:path';
import { openDatabase, type Database, type DatabaseConnection } from '@/db/client';
import { env } from '@/lib/env';

/** The transaction object every tenant query is written against (Drizzle's, for either engine). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

type Holder = { connection?: Promise<DatabaseConnection> };

// Kept on globalThis so `next dev` hot reloads reuse the one PGlite instance
// (two instances on one data directory would corrupt it) and the one pool.
const holder = ((globalThis as { __tenantryDatabase?: Holder }).__tenantryDatabase ??= {});

/** This process's database, opened on first use. Local mode migrates PGlite automatically. */
export async function getDatabase(): Promise<Database> {
  return (await getDatabaseConnection()).db;
}

/** `getDatabase`, with what is under it: which engine, and on PostgreSQL the pool itself. */
export function getDatabaseConnection(): Promise<DatabaseConnection> {
  holder.connection ??= openProcessDatabase().catch((error: unknown) => {
    holder.connection = undefined; // let the next request try again
    throw error;
  });
  return holder.connection;
}

/**
 * Makes this process use an already open database (tests and scripts that
 * create their own, such as a per-file test database).
 */
export function useDatabase(connection: DatabaseConnection): void {
  holder.connection = Promise.resolve(connection);
}

function openProcessDatabase(): Promise<DatabaseConnection> {
  const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_PREPARED_STATEMENTS, LOCAL_DATA_DIR } = env();
  if (DATABASE_URL) {
    return openDatabase({ url: DATABASE_URL, maxConnections: DATABASE_POOL_SIZE, preparedStatements: DATABASE_PREPARED_STATEMENTS === 'on' });
  }
  return openDatabase({ pgliteDataDir: path.resolve(LOCAL_DATA_DIR, 'pglite'), migrate: true });
}
