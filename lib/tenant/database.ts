import 'server-only';
import path from 'node:path';
import { openDatabase, type Database, type DatabaseConnection } from '@/db/client';
import { env } from '@/lib/env';

type Holder = { connection?: Promise<DatabaseConnection> };

// Kept on globalThis so `next dev` hot reloads reuse the one PGlite instance
// (two instances on one data directory would corrupt it) and the one pool.
const holder = ((globalThis as { __tenantryDatabase?: Holder }).__tenantryDatabase ??= {});

/** This process's database, opened on first use. Local mode migrates PGlite automatically. */
export async function getDatabase(): Promise<Database> {
  holder.connection ??= openProcessDatabase().catch((error: unknown) => {
    holder.connection = undefined; // let the next request try again
    throw error;
  });
  return (await holder.connection).db;
}

/**
 * Makes this process use an already open database (tests and scripts that
 * create their own, such as a per-file test database).
 */
export function useDatabase(connection: DatabaseConnection): void {
  holder.connection = Promise.resolve(connection);
}

function openProcessDatabase(): Promise<DatabaseConnection> {
  const { DATABASE_URL, LOCAL_DATA_DIR } = env();
  if (DATABASE_URL) return openDatabase({ url: DATABASE_URL });
  return openDatabase({ pgliteDataDir: path.resolve(LOCAL_DATA_DIR, 'pglite'), migrate: true });
}
