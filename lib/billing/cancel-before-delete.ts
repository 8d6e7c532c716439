import 'server-only';
import type { Organization } from '@/db/schema';
import { expireOpenCheckouts } from './expire-open-checkouts';
import { callStripe } from './stripe-client';
import { isEndedStatus } from './subscription-status';

/**
 * Expires the organization's open Checkout Sessions and cancels its
 * subscriptions at Stripe, immediately, before the organization is deleted: otherwise Stripe would keep charging for something
 * that no longer exists. If Stripe cannot be reached this throws a 503 and the
 * deletion (in the same transaction) does not happen.
 */
export async function cancelSubscriptionsBeforeDelete(organization: Organization): Promise<void> {
  const customerId = organization.stripeCustomerId;
  if (!customerId) return;
  await callStripe('cancel the subscription, so the organization was not deleted', async (stripe) => {
    // First, so that no Checkout still open can be paid for an organization that is gone.
    await expireOpenCheckouts(stripe, customerId);
    const listed = await stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 });
    for (const subscription of listed.data) {
      if (!isEndedStatus(subscription.status)) await stripe.subscriptions.cancel(subscription.id);
    }
  });
}
