import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { organizations, subscriptions, type Subscription } from '@/db/schema';
import { recordAuditEvent } from '@/lib/tenant/audit';
import type { Transaction } from '@/lib/tenant/transaction';
import { planForLookupKey } from './plans';
import { getStripe } from './stripe-client';
import { asSystem } from '@/lib/tenant/system';
import { isEndedStatus, isLiveStatus } from './subscription-status';

/** The audit trail's actor for changes Stripe made (a renewal, a cancellation at period end, a portal action). */
export const STRIPE_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** Subscriptions that still need the customer's attention in the portal rather than a new checkout. */
export function isLiveSubscription(subscription: Pick<Subscription, 'status'>): boolean {
  return isLiveStatus(subscription.status);
}

export interface SyncCause {
  eventId?: string;
  eventType?: string;
}

/**
 * The one sync: reads the customer's subscriptions from Stripe *now* and
 * writes them, whatever event (or page load) asked for it. Because the state
 * comes from Stripe and not from an event's payload, events that arrive late,
 * twice or out of order all end in what Stripe holds.
 *
 * Locks the organization row first, so two syncs of one customer run one after
 * the other and the later one also read Stripe later. Returns the synced rows,
 * or null when no organization has this customer (say, it was deleted); then
 * the subscriptions still live under that customer are cancelled.
 */
export async function syncSubscriptions(tx: Transaction, customerId: string, cause: SyncCause = {}): Promise<Subscription[] | null> {
  const [organization] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.stripeCustomerId, customerId))
    .for('update');
  if (!organization) {
    await cancelOrphanedSubscriptions(tx, customerId, cause);
    return null;
  }

  const listed = await getStripe().subscriptions.list({ customer: customerId, status: 'all', limit: 100 });
  const before = new Map(
    (await tx.select().from(subscriptions).where(eq(subscriptions.organizationId, organization.id))).map((row) => [row.id, row]),
  );
  const synced: Subscription[] = [];
  for (const subscription of listed.data) {
    const values = toRow(subscription, organization.id);
    const [row] = await tx
      .insert(subscriptions)
      .values(values)
      .onConflictDoUpdate({ target: subscriptions.id, set: { ...values, updatedAt: new Date() } })
      .returning();
    if (!row) throw new Error(`the upsert of subscription ${subscription.id} returned nothing`);
    synced.push(row);
    await auditChange(tx, before.get(row.id), row, cause);
  }
  return synced;
}

/**
 * A live subscription whose organization is gone (a Checkout paid after the
 * deletion, say) would be charged for nothing: it is cancelled, and a system
 * audit event (no organization: its trail went with it) and the server log
 * say so, for an operator answering "why was I charged, then refunded?".
 * Only customers this app created (metadata.organization_id) are touched: the
 * Stripe account may serve other products too.
 */
async function cancelOrphanedSubscriptions(systemTx: Transaction, customerId: string, cause: SyncCause): Promise<void> {
  const stripe = getStripe();
  const customer = await stripe.customers.retrieve(customerId);
  const organizationId = customer.deleted ? undefined : customer.metadata?.organization_id;
  if (!organizationId) return;
  // No organization row to lock: syncs of this customer (one per event) take turns here instead,
  // so each subscription is cancelled, and audited, once.
  await systemTx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`tenantry.orphaned-customer:${customerId}`}, 0))`);
  const listed = await stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 });
  for (const subscription of listed.data) {
    if (isEndedStatus(subscription.status)) continue;
    // Written before the cancel, in the sync's transaction: a cancel that fails rolls the line back, and the retry writes it again.
    await recordAuditEvent(systemTx, {
      organizationId: null,
      actorId: STRIPE_ACTOR_ID,
      action: 'subscription.canceled_without_organization',
      targetType: 'subscription',
      targetId: subscription.id,
      details: {
        stripe_customer: customerId,
        organization_id: organizationId,
        status_before: subscription.status,
        ...(cause.eventId ? { stripe_event: cause.eventId, stripe_event_type: cause.eventType } : {}),
      },
    });
    await stripe.subscriptions.cancel(subscription.id);
    console.warn(
      `[billing] cancelled subscription ${subscription.id} of customer ${customerId}: organization ${organizationId} no longer exists`,
    );
  }
}

/** `syncSubscriptions` in a transaction of its own: after Checkout's success redirect, before a new checkout. */
export function syncSubscriptionsNow(customerId: string): Promise<Subscription[] | null> {
  return asSystem('billing-sync', (tx) => syncSubscriptions(tx, customerId));
}

function toRow(subscription: Stripe.Subscription, organizationId: string): typeof subscriptions.$inferInsert {
  const item = subscription.items.data[0];
  const lookupKey = item?.price.lookup_key ?? null;
  const plan = planForLookupKey(lookupKey);
  return {
    id: subscription.id,
    organizationId,
    stripeCustomerId: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
    // Stripe may add statuses; stored as text, any unknown one counts as not paid.
    status: subscription.status,
    plan: plan?.plan ?? null,
    interval: plan?.interval ?? (item?.price.recurring?.interval === 'year' ? 'year' : item ? 'month' : null),
    priceLookupKey: lookupKey,
    // Since API 2025-03-31.basil the period lives on the items.
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    cancelAt: fromUnix(subscription.cancel_at),
    trialEnd: fromUnix(subscription.trial_end),
    stripeCreatedAt: new Date(subscription.created * 1000),
  };
}

function fromUnix(seconds: number | null | undefined): Date | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000);
}

const AUDITED_FIELDS = ['status', 'plan', 'interval', 'cancelAtPeriodEnd', 'cancelAt'] as const;

/** One audit event per change a person would care about; renewals (a new period end) are not one. */
async function auditChange(tx: Transaction, before: Subscription | undefined, after: Subscription, cause: SyncCause) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    const from = before ? normalize(before[field]) : null;
    const to = normalize(after[field]);
    if (from !== to) changes[field] = { from, to };
  }
  if (before && Object.keys(changes).length === 0) return;
  const action = !before
    ? 'subscription.created'
    : changes.status && after.status === 'canceled'
      ? 'subscription.canceled'
      : 'subscription.updated';
  await recordAuditEvent(tx, {
    organizationId: after.organizationId,
    actorId: STRIPE_ACTOR_ID,
    action,
    targetType: 'subscription',
    targetId: after.id,
    details: {
      plan: after.plan,
      status: after.status,
      changes,
      ...(cause.eventId ? { stripe_event: cause.eventId, stripe_event_type: cause.eventType } : {}),
    },
  });
}

function normalize(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
