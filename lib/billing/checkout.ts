import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { z } from 'zod';
import { memberships, profiles } from '@/db/schema';
import { recordAuditEvent } from '@/lib/tenant/audit';
import type { Caller } from '@/lib/tenant/caller';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/http/app-error';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';
import { billingSessionOperations, type startCheckoutInput } from './billing-session-schema';
import { PLANS } from './plans';
import { expireOpenCheckouts } from './expire-open-checkouts';
import { ensureStripeCustomer } from './stripe-customer';
import { callStripe } from './stripe-client';
import { isLiveSubscription, syncSubscriptionsNow } from './sync-subscriptions';
import { asSystem } from '@/lib/tenant/system';

/** Where Checkout and the portal send the buyer back: the dashboard's billing page. */
export function billingPageUrl(slug: string): string {
  return `${env().NEXT_PUBLIC_SITE_URL}/dashboard/${encodeURIComponent(slug)}/billing`;
}

/**
 * Starts a Stripe Checkout for `plan` and returns its URL. Owners and admins
 * only. The organization comes from the verified membership, never from the
 * body; the session carries its id as `client_reference_id` and metadata.
 *
 * Not one tenant transaction: Stripe is called after a short one that checks
 * the role, and the customer id and the audit event are written by the system
 * (PGlite cannot nest transactions). The last step holds a system
 * transaction open across its Stripe calls, for its lock; on PGlite (local
 * mode, one connection) other queries wait for it meanwhile.
 */
export async function startCheckout(
  caller: Caller,
  slug: string,
  input: z.infer<typeof startCheckoutInput>,
): Promise<{ url: string }> {
  const { organization, ownerEmail } = await inOrganization(caller, slug, billingSessionOperations.checkout.who, async (scope) => ({
    organization: scope.organization,
    ownerEmail: await firstOwnerEmail(scope),
  }));
  const customerId = await ensureStripeCustomer(organization, { name: organization.name, email: ownerEmail });
  // Ask Stripe, not our copy: a subscription paid a moment ago may not have arrived by webhook yet.
  const existing = (await callStripe('check the current subscription', () => syncSubscriptionsNow(customerId))) ?? [];
  if (existing.some(isLiveSubscription)) {
    throw new AppError(
      'subscription_exists',
      'This organization already has a subscription. Change or cancel it in the billing portal ("Manage billing").',
    );
  }

  const plan = PLANS[input.plan];
  const lookupKey = plan.prices?.[input.interval].lookupKey;
  if (!lookupKey) throw new Error(`plan ${plan.id} has no prices`);
  const trialDays = plan.trialDays && existing.length === 0 ? plan.trialDays : null;
  const metadata = { organization_id: organization.id };
  // Only the newest Checkout can be paid: two paid ones would make two live
  // subscriptions. "Expire the open ones, then create" runs for one start of
  // this organization at a time (a transaction-scoped advisory lock), or two
  // starts at the same moment (a double click, two admins) would each expire
  // nothing and both leave a payable session. On PostgreSQL starts for other
  // organizations and every other query go on meanwhile; the lock ends with
  // the transaction.
  return asSystem('billing-sync', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`tenantry.checkout:${organization.id}`}, 0))`);
    await callStripe('expire the earlier checkout', (stripe) => expireOpenCheckouts(stripe, customerId));
    const session = await callStripe('start checkout', async (stripe) => {
      const price = (await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
      if (!price) throw new Error(`no active Stripe price has the lookup key ${lookupKey}; run \`npm run stripe:setup\``);
      return stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customerId,
        client_reference_id: organization.id,
        metadata,
        line_items: [{ price: price.id, quantity: 1 }],
        subscription_data: { metadata, ...(trialDays ? { trial_period_days: trialDays } : {}) },
        success_url: `${billingPageUrl(organization.slug)}?checkout_session={CHECKOUT_SESSION_ID}`,
        cancel_url: billingPageUrl(organization.slug),
      });
    });
    if (!session.url) throw new Error(`checkout session ${session.id} came back without a URL`);
    await recordAuditEvent(tx, {
      organizationId: organization.id,
      actorId: caller.userId,
      action: 'billing.checkout_started',
      targetType: 'organization',
      targetId: organization.id,
      details: { plan: plan.id, interval: input.interval, checkout_session: session.id },
    });
    return { url: session.url };
  });
}

/** The email of the organization's longest-standing owner: who Stripe writes to about its bills. */
async function firstOwnerEmail(scope: TenantScope): Promise<string | null> {
  const [owner] = await scope.tx
    .select({ email: profiles.email })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.id, memberships.userId))
    .where(and(eq(memberships.organizationId, scope.organization.id), eq(memberships.role, 'owner')))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return owner?.email || null;
}

/**
 * For the billing page after Checkout's redirect (`?checkout_session=cs_…`):
 * syncs the organization's subscription from Stripe at once, so the new plan
 * shows without waiting for the webhook. Any member may trigger it; the
 * session must belong to this organization's customer, or it is "not found".
 */
export async function confirmCheckout(caller: Caller, slug: string, checkoutSessionId: string): Promise<void> {
  const organization = await inOrganization(caller, slug, 'member', async (scope) => scope.organization);
  const customerId = organization.stripeCustomerId;
  if (!customerId || !/^cs_[A-Za-z0-9_]{1,200}$/.test(checkoutSessionId)) throw notFound('Checkout session');
  const session = await callStripe('read the checkout session', async (stripe) => {
    try {
      return await stripe.checkout.sessions.retrieve(checkoutSessionId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) return null;
      throw error;
    }
  });
  const sessionCustomer = typeof session?.customer === 'string' ? session.customer : session?.customer?.id;
  if (!session || sessionCustomer !== customerId) throw notFound('Checkout session');
  await callStripe('refresh the subscription', () => syncSubscriptionsNow(customerId));
}
