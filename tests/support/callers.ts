import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';

/** A caller as a verified token would make one (the claims RLS reads included). */
export function makeCaller(email: string, userId: string = randomUUID()): Caller {
  return { userId, email, claims: { sub: userId, email, role: 'authenticated', aud: 'authenticated' } };
}

/** Rows `query` returns inside the caller's tenant transaction, with row level security on. */
export async function rowsAs<Row = Record<string, unknown>>(caller: Caller, query: SQL): Promise<Row[]> {
  const { asUser, resultRows } = await import('@/lib/tenancy/tenant-transaction');
  return asUser(caller, async (tx) => resultRows<Row>(await tx.execute(query)));
}

/** Rows `query` returns as the tables' owner, whom row level security does not restrict. */
export async function ownerRows<Row = Record<string, unknown>>(database: DatabaseConnection, query: SQL): Promise<Row[]> {
  const { resultRows } = await import('@/lib/tenancy/tenant-transaction');
  return resultRows<Row>(await database.db.execute(query));
}
