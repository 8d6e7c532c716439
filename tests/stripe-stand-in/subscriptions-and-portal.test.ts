import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  eventObjectId,
  portalAction,
  previousOf,
  priceByLookupKey,
  type StandInHarness,
  startStandInHarness,
  subscribeThroughCheckout,
  TEST_CARDS,
} from '../support/stripe-stand-in';

let harness: StandInHarness;

beforeAll(async () => {
  harness = await startStandInHarness();
});
afterAll(async () => {
  await harness.close();
});

async function subscribedCustomer(lookupKey = 'pro_monthly') {
  const session = await subscribeThroughCheckout(harness.stripe, { lookupKey });
  const portal = await harness.stripe.billingPortal.sessions.create({
    customer: session.customer as string,
    return_url: 'http://app.test/dashboard/acme/billing',
  });
  return { customer: session.customer as string, subscription: session.subscription as string, portal };
}

describe('billing portal', () => {
  it('creates a session whose page shows the plan and leads back to return_url', async () => {
    const { portal } = await subscribedCustomer();
    expect(portal).toMatchObject({ object: 'billing_portal.session', return_url: 'http://app.test/dashboard/acme/billing' });
    expect(portal.id).toMatch(/^bps_/);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('Pro – $19.00 per month');
    expect(html).toContain('visa ending in 4242');
    expect(html).toContain('href="http://app.test/dashboard/acme/billing"');
    expect(html).toMatch(/<button type="submit">Cancel subscription<\/button>/);
  });

  it('cancel sets cancel_at_period_end and resume clears it, each announced with previous_attributes', async () => {
    const { stripe, webhooks } = harness;
    const { subscription, portal } = await subscribedCustomer();
    const cancel = await portalAction(portal.url, { subscription, verb: 'cancel' });
    expect(cancel.status).toBe(303);
    const canceled = await stripe.subscriptions.retrieve(subscription);
    expect(canceled).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(canceled.cancel_at).toBe(canceled.items.data[0]?.current_period_end);
    const cancelEvent = await webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => eventObjectId(event) === subscription && (event.data.object as Stripe.Subscription).cancel_at_period_end,
    );
    expect(cancelEvent.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
    expect(await (await fetch(portal.url)).text()).toContain('Resume subscription');

    await portalAction(portal.url, { subscription, verb: 'resume' });
    const resumed = await stripe.subscriptions.retrieve(subscription);
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });
  });

  it('switching plan changes the item price; switching interval bills the new price now', async () => {
    const { stripe, webhooks } = harness;
    const { subscription, portal } = await subscribedCustomer();
    const business = await priceByLookupKey(stripe, 'business_monthly');
    await portalAction(portal.url, { subscription, verb: 'switch', price: business.id });
    const switched = await stripe.subscriptions.retrieve(subscription);
    expect(switched.items.data[0]?.price.id).toBe(business.id);
    const planEvent = await webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => eventObjectId(event) === subscription && previousOf(event)?.items !== undefined,
    );
    expect(JSON.stringify(previousOf(planEvent)?.items)).toContain('pro_monthly');

    const yearly = await priceByLookupKey(stripe, 'business_yearly');
    await portalAction(portal.url, { subscription, verb: 'switch', price: yearly.id });
    const annual = await stripe.subscriptions.retrieve(subscription, { expand: ['latest_invoice'] });
    const item = annual.items.data[0];
    expect(item?.price.recurring?.interval).toBe('year');
    expect((item?.current_period_end ?? 0) - (item?.current_period_start ?? 0)).toBeGreaterThan(364 * 86_400);
    expect(annual.latest_invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_paid: 49000 });
  });

  it('refuses actions on a subscription of another customer', async () => {
    const mine = await subscribedCustomer();
    const theirs = await subscribedCustomer();
    const response = await portalAction(mine.portal.url, { subscription: theirs.subscription, verb: 'cancel' });
    expect(response.status).toBe(404);
    expect((await harness.stripe.subscriptions.retrieve(theirs.subscription)).cancel_at_period_end).toBe(false);
  });

  it('a declined card is not saved', async () => {
    const { portal, subscription } = await subscribedCustomer();
    const response = await portalAction(portal.url, { card: TEST_CARDS.declined });
    expect(response.status).toBe(402);
    expect(await response.text()).toContain('Your card was declined.');
    const current = await harness.stripe.subscriptions.retrieve(subscription, { expand: ['default_payment_method'] });
    expect((current.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242');
  });
});

describe('subscriptions API', () => {
  it('lists a customer\'s subscriptions by status', async () => {
    const { stripe } = harness;
    const { customer, subscription } = await subscribedCustomer();
    const active = await stripe.subscriptions.list({ customer, status: 'active' });
    expect(active.data.map((entry) => entry.id)).toEqual([subscription]);
    expect((await stripe.subscriptions.list({ customer, status: 'canceled' })).data).toHaveLength(0);
  });

  it('updates price and cancel_at_period_end, and cancels immediately', async () => {
    const { stripe, webhooks } = harness;
    const { subscription } = await subscribedCustomer();
    const current = await stripe.subscriptions.retrieve(subscription);
    const business = await priceByLookupKey(stripe, 'business_monthly');
    const updated = await stripe.subscriptions.update(subscription, {
      items: [{ id: current.items.data[0]?.id, price: business.id }],
      proration_behavior: 'none',
      cancel_at_period_end: true,
      metadata: { changed: 'yes' },
    });
    expect(updated.items.data[0]?.price.id).toBe(business.id);
    expect(updated).toMatchObject({ cancel_at_period_end: true, metadata: { changed: 'yes' } });

    const canceled = await stripe.subscriptions.cancel(subscription);
    expect(canceled).toMatchObject({ status: 'canceled' });
    expect(canceled.ended_at).not.toBeNull();
    await webhooks.waitForEvent('customer.subscription.deleted', (event) => eventObjectId(event) === subscription);
    await expect(stripe.subscriptions.update(subscription, { cancel_at_period_end: false })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });
  });

  it('lists invoices of a subscription', async () => {
    const { subscription, customer } = await subscribedCustomer();
    const invoices = await harness.stripe.invoices.list({ subscription });
    expect(invoices.data).toHaveLength(1);
    expect(invoices.data[0]).toMatchObject({ customer, status: 'paid', object: 'invoice' });
    const retrieved = await harness.stripe.invoices.retrieve(invoices.data[0]?.id ?? '');
    expect(retrieved.lines.data[0]?.period.end).toBeGreaterThan(retrieved.lines.data[0]?.period.start ?? Infinity);
  });
});
