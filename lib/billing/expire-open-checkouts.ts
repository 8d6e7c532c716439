import 'server-only';
import Stripe from 'stripe';

/**
 * Expires the customer's Checkout Sessions that are still open. A session
 * stays payable for 24 hours, so without this an earlier session paid after a
 * later one makes a second live subscription, and one paid after the
 * organization was deleted makes a subscription for nobody.
 */
export async function expireOpenCheckouts(stripe: Stripe, customerId: string): Promise<void> {
  for await (const session of stripe.checkout.sessions.list({ customer: customerId, status: 'open', limit: 100 })) {
    try {
      await stripe.checkout.sessions.expire(session.id);
    } catch (error) {
      // Completed or expired between the list and now: nothing left to expire.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    }
  }
}
