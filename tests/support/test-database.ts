import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseConnection } from '@/db/client';

export interface TestDatabase extends DatabaseConnection {
  /** The connection URL when running on PostgreSQL; undefined on PGlite. */
  url?: string;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/**
 * A freshly migrated database of its own for one test file: an in-memory PGlite
 * when DATABASE_URL is unset, otherwise a new database created on that server.
 * Files never see each other's rows, so Vitest can run them in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const connection = await openDatabase({ pgliteDataDir: null, migrate: true });
    return { ...connection, dispose: () => connection.close() };
  }

  const name = `tenantry_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ url: url.toString(), migrate: true, maxConnections: 4 });
  return {
    ...connection,
    url: url.toString(),
    async dispose() {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
