import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';

export interface ScratchDatabase {
  /** Connection URL of the new database, for the app under test. */
  url: string;
  /**
   * A connection as the database's owner, which row-level security does not
   * hold back: for arranging what the UI cannot (time passing, a payment).
   */
  sql: postgres.Sql;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A freshly migrated database of its own on the PostgreSQL server at
 * `serverUrl`, so a spec can change rows directly without touching anything
 * another spec (or the shared e2e server) sees.
 */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `tenantry_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migration = await openDatabase({ url: url.toString(), migrate: true, maxConnections: 1 });
  await migration.close();
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    url: url.toString(),
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
