/**
 * The groups of Stripe subscription statuses the app acts on, in one place.
 * The statuses themselves are Stripe's own type (`Stripe.Subscription.Status`,
 * which also admits a status Stripe adds later).
 *
 * No `server-only` and only a type import: the billing page and the Stripe
 * stand-in read these too.
 */
import type Stripe from 'stripe';

export type SubscriptionStatus = Stripe.Subscription.Status;

/** Over for good: Stripe neither bills nor reopens these, so there is nothing to cancel and nothing to show. */
export const ENDED_STATUSES = ['canceled', 'incomplete_expired'] as const satisfies readonly SubscriptionStatus[];

/**
 * Not a subscription the customer has, for starting a new checkout: the ended
 * ones and a first payment that never went through (`incomplete`), which a
 * new checkout replaces rather than the portal fixing.
 */
export const NOT_LIVE_STATUSES = [...ENDED_STATUSES, 'incomplete'] as const satisfies readonly SubscriptionStatus[];

export function isEndedStatus(status: SubscriptionStatus): boolean {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

export function isLiveStatus(status: SubscriptionStatus): boolean {
  return !(NOT_LIVE_STATUSES as readonly string[]).includes(status);
}
