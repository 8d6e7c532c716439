import 'server-only';
import Stripe from 'stripe';
import { stripeEvents } from '@/db/schema';
import { AppError } from '@/lib/http/app-error';
import { getStripe, getWebhookSecret } from './stripe-client';
import { SIGNATURE_TOLERANCE_SECONDS } from './stripe-signature-header';
import type { WebhookOutcome } from './stripe-webhook-schema';
import { syncSubscriptions } from './sync-subscriptions';
import { asSystem } from '@/lib/tenant/system';

/**
 * Events that may change an organization's subscription. Each one only says
 * "look again": the handler re-reads the customer's subscriptions from Stripe.
 * Configure the same list on the Stripe webhook endpoint.
 */
export const SYNCED_EVENT_TYPES: ReadonlySet<string> = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'customer.subscription.pending_update_applied',
  'customer.subscription.pending_update_expired',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_action_required',
]);

/**
 * Stripe sends one object per event, with its lists cut to a few items: real
 * events weigh a few KiB to a few tens of KiB. A body above this did not come
 * from Stripe, and is not read past this point.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * Handles one delivery of `POST /api/webhooks/stripe`.
 *
 * - The signature is checked over the raw bytes with the endpoint secret
 *   (Stripe's 5-minute tolerance): missing, forged, stale, or a body changed
 *   after signing → 400 `invalid_signature`, and nothing is read or written.
 * - The event id is recorded in the same transaction as the sync it causes:
 *   a redelivery (or a concurrent duplicate, which waits on the id's key) does
 *   nothing more; if the sync fails, neither is kept and Stripe retries.
 * - Unknown event types are acknowledged and ignored.
 */
export async function handleStripeWebhook(rawBody: Buffer, signature: string | null): Promise<WebhookOutcome> {
  const event = verifyStripeEvent(rawBody, signature);
  if (!SYNCED_EVENT_TYPES.has(event.type)) return 'ignored';
  const customerId = customerIdOf(event);
  return asSystem('billing-sync', async (tx) => {
    const [recorded] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, stripeCreatedAt: new Date(event.created * 1000) })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!recorded) return 'duplicate';
    if (customerId) await syncSubscriptions(tx, customerId, { eventId: event.id, eventType: event.type });
    return 'applied';
  });
}

function verifyStripeEvent(rawBody: Buffer, signature: string | null): Stripe.Event {
  if (!signature) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing.');
  try {
    return getStripe().webhooks.constructEvent(rawBody, signature, getWebhookSecret(), SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError('invalid_signature', 'The Stripe-Signature header does not match this body, this endpoint’s secret and the current time.');
    }
    // Signed, but not an event: Stripe never sends that, and retrying it would not help.
    if (error instanceof SyntaxError) throw new AppError('malformed_body', 'The webhook body is not JSON.');
    throw error;
  }
}

function customerIdOf(event: Stripe.Event): string | null {
  const customer = (event.data.object as { customer?: string | { id: string } | null }).customer;
  if (!customer) return null;
  return typeof customer === 'string' ? customer : customer.id;
}
