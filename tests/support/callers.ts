import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { databaseClaims, type Caller } from '@/lib/tenant/caller';

/** A caller as a verified token would make one (the claims RLS reads included). */
export function makeCaller(email: string, userId: string = randomUUID()): Caller {
  return { kind: 'person', userId, email, claims: { sub: userId, email, role: 'authenticated', aud: 'authenticated' } };
}

/** Rows `query` returns inside the caller's tenant transaction, with row level security on. */
export async function rowsAs<Row = Record<string, unknown>>(caller: Caller, query: SQL): Promise<Row[]> {
  const { asUser, resultRows } = await import('@/lib/tenant/transaction');
  return asUser(caller, async (tx) => resultRows<Row>(await tx.execute(query)));
}

/** Rows `query` returns as the tables' owner, whom row level security does not restrict. */
export async function ownerRows<Row = Record<string, unknown>>(database: DatabaseConnection, query: SQL): Promise<Row[]> {
  const { resultRows } = await import('@/lib/tenant/transaction');
  return resultRows<Row>(await database.db.execute(query));
}

/** What the database made of one attempted statement: refused with an error, or the rows it returned or touched. */
export type Outcome = { refused: true; code: string; message: string } | { refused: false; rows: Record<string, unknown>[] };

/**
 * Runs `query` the way Supabase's Data API runs a signed-in user's request,
 * without any of the app's code in between: one transaction, role
 * `authenticated` (or `anon`), the caller's claims in `request.jwt.claims`.
 * The error, if any, is the database's own (a tenant rule answers SQLSTATE
 * TNT01 with the API's error code as its message).
 */
export async function attemptAs(database: DatabaseConnection, caller: Caller | 'anon', query: SQL): Promise<Outcome> {
  const { resultRows } = await import('@/lib/tenant/transaction');
  return outcomeOf(
    database.db.transaction(async (tx) => {
      if (caller === 'anon') {
        await tx.execute(sql`select set_config('role', 'anon', true)`);
      } else {
        await tx.execute(
          sql`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(caller))}, true), set_config('role', 'authenticated', true)`,
        );
      }
      return resultRows<Record<string, unknown>>(await tx.execute(query));
    }),
  );
}

/** The outcome of a statement already under way, with the database's own error code and message when it was refused. */
export async function outcomeOf(rows: Promise<Record<string, unknown>[]>): Promise<Outcome> {
  try {
    return { refused: false, rows: await rows };
  } catch (error) {
    let cause = error as { code?: unknown; message?: unknown; cause?: unknown };
    while (cause?.cause && typeof cause.code !== 'string') cause = cause.cause as typeof cause;
    return { refused: true, code: String(cause?.code ?? ''), message: String(cause?.message ?? error) };
  }
}
