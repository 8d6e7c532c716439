import 'server-only';
import { sql } from 'drizzle-orm';
import { databaseClaims, type Caller } from '@/lib/tenant/caller';
import { getDatabase } from '@/lib/tenant/database';
import { fromDatabaseRule } from './database-rule-error';

type Database = Awaited<ReturnType<typeof getDatabase>>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Runs `work` in one transaction as the caller, the way Supabase's Data API
 * runs a request: the verified claims in `request.jwt.claims` and the
 * `authenticated` role. Row level security then applies to every query, so
 * even a query that forgets its `where organization_id = …` cannot read or
 * change another organization's rows. The app checks membership as well; RLS
 * is the second wall, not the only one. A tenant rule the database refuses
 * (last owner, plan limit, used invitation…) comes out as its AppError.
 */
export async function asUser<Result>(caller: Caller, work: (tx: Transaction) => Promise<Result>): Promise<Result> {
  const db = await getDatabase();
  try {
    return await db.transaction(async (tx) => {
      // set_config(..., true) is SET LOCAL: both end with this transaction, so a
      // pooled connection never carries one caller's identity into the next.
      await tx.execute(
        sql`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(caller))}, true), set_config('role', 'authenticated', true)`,
      );
      return work(tx);
    });
  } catch (error) {
    throw fromDatabaseRule(error);
  }
}

/** Rows of a raw `tx.execute`, which postgres.js returns as an array and PGlite as `{ rows }`. */
export function resultRows<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** True when `error` (or the driver error Drizzle wraps) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current instanceof Error || typeof current === 'object'; ) {
    if (current === null) return false;
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (candidate.code === '23505' && (candidate.constraint ?? candidate.constraint_name) === constraint) return true;
    current = candidate.cause;
    if (current === undefined) return false;
  }
  return false;
}
