import 'server-only';
import { getDatabase } from '@/lib/db';
import type { Transaction } from '@/lib/tenancy/tenant-transaction';

/**
 * Runs `work` in one transaction as the database owner: no user claims, no
 * `authenticated` role, so row level security does not apply.
 *
 * Only billing uses it, for what no user may write: the subscription rows
 * copied from Stripe and the organization's Stripe customer id. The callers
 * are Stripe's webhook (whose "user" is Stripe, proven by the signature) and
 * re-reads of Stripe's state after a member's request was already authorized.
 * Never pass it anything a client sent without checking it against Stripe.
 *
 * Do not call it inside a tenant transaction: PGlite has one connection, so
 * the inner transaction would wait for the outer one forever.
 */
export async function asSystem<Result>(work: (tx: Transaction) => Promise<Result>): Promise<Result> {
  const db = await getDatabase();
  return db.transaction(work);
}
