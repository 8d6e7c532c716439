import 'server-only';
import { getDatabaseConnection } from '@/lib/tenant/database';
import { pipelinedTransaction } from './pipelined-transaction';
import type { Transaction } from '@/lib/tenant/transaction';

/**
 * Every reason the app has to work outside row level security, each one
 * named here so a reader sees the whole list in one place. Adding a reason is
 * a decision a reviewer should see: it widens what runs unchecked.
 */
export const SYSTEM_REASONS = {
  /** Subscription rows and Stripe customer ids: no user may write them; Stripe (proven by the signature, or re-read after a member's request was authorized) does. */
  'billing-sync': 'copy Stripe state into the database',
  /** Audit events for what happened at Stripe after the caller's role was checked; tenants cannot write audit events. */
  'billing-audit': 'record what was done at Stripe',
  /** An invitation is read by someone not yet a member, knowing only the token or their verified email. */
  'invitation-lookup': 'read an invitation for its addressee',
  /** A profile is written from the verified token before its owner has any membership. */
  'profile-upsert': 'create or refresh the caller’s profile',
  /** Rate limit counters belong to no tenant and are counted before the caller is known. */
  'rate-limit': 'count requests',
  /** The outbox is read and written by the sender, which acts for no one: rows are claimed, sent and marked across all tenants. */
  'email-delivery': 'send the emails the outbox holds',
  /**
   * Google token rows are written only by the server, which holds
   * TOKEN_ENCRYPTION_KEY: at the sign-in callback (the user id comes from the
   * code exchange) and when a refresh or Google's invalid_grant changes a row.
   * Users may read and delete their own rows under RLS, never write one.
   */
  'google-tokens': 'store or refresh a user’s Google tokens',
  /** An API key is looked up by its public id before anyone is known; its secret is then checked against the stored hash. */
  'api-key-verify': 'find and check an API key, and note when it was last used',
  /** The health check asks nothing of any tenant. */
  'health-check': 'check the database answers',
} as const;

export type SystemReason = keyof typeof SYSTEM_REASONS;

/**
 * The one door that skips row level security: `work` runs in one transaction
 * as the database owner, with no user claims and no `authenticated` role.
 * Every caller names its reason from SYSTEM_REASONS. Never pass it anything a
 * client sent without checking it first (against Stripe, a token hash, the
 * verified token).
 *
 * Do not call it inside a tenant transaction: PGlite has one connection, so
 * the inner transaction would wait for the outer one forever.
 */
export async function asSystem<Result>(reason: SystemReason, work: (tx: Transaction) => Promise<Result>): Promise<Result> {
  void reason; // named for the reader and for grep; the database sees the same owner either way
  const { db, pool } = await getDatabaseConnection();
  return pool ? pipelinedTransaction(pool, db, [], work, { readOnly: false }) : db.transaction(work);
}
