import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { databaseClaims, type Caller } from '@/lib/tenant/caller';
import { getDatabaseConnection, type Transaction } from '@/lib/tenant/database';
import { pipelinedTransaction } from './pipelined-transaction';
import { fromDatabaseRule } from './database-rule-error';

export type { Transaction } from './database';

/**
 * Who is asking, as Supabase's Data API tells Postgres: the verified claims in
 * `request.jwt.claims` and the `authenticated` role. set_config(..., true) is
 * SET LOCAL: both end with the transaction, so a pooled connection never
 * carries one caller's identity into the next.
 */
function actAsCaller(caller: Caller): SQL {
  return sql`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(caller))}, true), set_config('role', 'authenticated', true)`;
}

export interface TransactionOptions {
  /**
   * The transaction only reads: it is opened READ ONLY, so Postgres itself
   * refuses a write, and its first queries may run ahead of the membership check.
   */
  readOnly?: boolean;
}

/**
 * Runs `work` in one transaction as the caller, the way Supabase's Data API
 * runs a request. Row level security then applies to every query, so even a
 * query that forgets its `where organization_id = …` cannot read or change
 * another organization's rows. The app checks membership as well; RLS is the
 * second wall, not the only one. A tenant rule the database refuses (last
 * owner, plan limit, used invitation…) comes out as its AppError.
 *
 * On PostgreSQL, BEGIN, the caller's identity and the first queries of `work`
 * travel together (./pipelined-transaction.ts); PGlite runs in this process,
 * where a round trip costs nothing, so it takes Drizzle's own transaction.
 */
export async function asUser<Result>(
  caller: Caller,
  work: (tx: Transaction) => Promise<Result>,
  { readOnly = false }: TransactionOptions = {},
): Promise<Result> {
  const { db, pool } = await getDatabaseConnection();
  try {
    if (pool) return await pipelinedTransaction(pool, db, [actAsCaller(caller)], work, { readOnly });
    return await db.transaction(
      async (tx) => {
        await tx.execute(actAsCaller(caller));
        return work(tx);
      },
      readOnly ? { accessMode: 'read only' } : undefined,
    );
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
