import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  eventObjectId,
  payCheckout,
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

async function createSession(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const price = await priceByLookupKey(harness.stripe, 'pro_monthly');
  return harness.stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: price.id, quantity: 1 }],
    client_reference_id: 'org_42',
    metadata: { org_id: 'org_42' },
    subscription_data: { metadata: { org_id: 'org_42' } },
    customer_email: 'founder@acme.test',
    success_url: 'http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/billing',
    allow_promotion_codes: true,
    ...overrides,
  });
}

describe('hosted checkout', () => {
  it('creates an open session whose page shows the plan, labelled card fields and a way back', async () => {
    const session = await createSession();
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: 'org_42',
      amount_total: 1900,
      currency: 'usd',
      allow_promotion_codes: true,
    });
    expect(session.id).toMatch(/^cs_test_/);
    const html = await (await fetch(session.url ?? '')).text();
    expect(html).toContain('Pro – $19.00 per month');
    expect(html).toMatch(/<label for="card_number">Card number<\/label>/);
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toContain('href="http://app.test/billing">Back</a>');
  });

  it('paying with 4242 creates an active subscription and a paid invoice, then redirects to success_url', async () => {
    const { stripe, webhooks } = harness;
    const session = await createSession();
    const response = await payCheckout(session.url ?? '', TEST_CARDS.succeeds, { email: 'founder@acme.test' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`http://app.test/billing/success?session_id=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription', 'invoice'] });
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription).toMatchObject({
      object: 'subscription',
      status: 'active',
      customer: completed.customer,
      metadata: { org_id: 'org_42' },
      cancel_at_period_end: false,
    });
    const item = subscription.items.data[0];
    expect(item?.price.lookup_key).toBe('pro_monthly');
    expect(item?.current_period_end).toBeGreaterThan(item?.current_period_start ?? Infinity);
    const invoice = completed.invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 1900,
      billing_reason: 'subscription_create',
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id } },
    });
    const customer = (await stripe.customers.retrieve(completed.customer as string)) as Stripe.Customer;
    expect(customer.email).toBe('founder@acme.test');

    const done = await webhooks.waitForEvent('checkout.session.completed', (event) => eventObjectId(event) === session.id);
    expect(done.data.object).toMatchObject({ client_reference_id: 'org_42', subscription: subscription.id });
    // Delivery order is not guaranteed (nor at Stripe): each of these arrives, in some order.
    for (const type of [
      'customer.created',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'customer.subscription.updated',
    ]) {
      await webhooks.waitForEvent(type);
    }
    const activated = await webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => eventObjectId(event) === subscription.id,
    );
    expect(activated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
  });

  it('a declined card shows a readable message, keeps the session open, and another card can pay', async () => {
    const session = await createSession();
    const declined = await payCheckout(session.url ?? '', TEST_CARDS.declined);
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('<p role="alert" id="payment-error">Your card was declined.</p>');
    expect((await harness.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

    const paid = await payCheckout(session.url ?? '', TEST_CARDS.succeeds);
    expect(paid.status).toBe(303);
    expect((await harness.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
  });

  it('declines 4000 0000 0000 0341 when Checkout charges it, as Stripe does, but accepts it for a trial', async () => {
    const session = await createSession();
    const declined = await payCheckout(session.url ?? '', TEST_CARDS.failsLater);
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    expect(await harness.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', subscription: null });

    // Nothing is charged at a trial's Checkout; the charge at the trial's end is the one that fails.
    const trial = await subscribeThroughCheckout(harness.stripe, { trialDays: 7, card: TEST_CARDS.failsLater });
    expect(await harness.stripe.subscriptions.retrieve(trial.subscription as string)).toMatchObject({ status: 'trialing' });
  });

  it('a completed session cannot be paid twice', async () => {
    const session = await createSession();
    await payCheckout(session.url ?? '');
    const second = await payCheckout(session.url ?? '');
    expect(second.status).toBe(409);
    const subscriptions = await harness.stripe.subscriptions.list({ customer: (await harness.stripe.checkout.sessions.retrieve(session.id)).customer as string });
    expect(subscriptions.data).toHaveLength(1);
  });

  it('a trial starts the subscription as trialing with nothing paid today', async () => {
    const completed = await subscribeThroughCheckout(harness.stripe, { trialDays: 14 });
    expect(completed.payment_status).toBe('no_payment_required');
    const subscription = await harness.stripe.subscriptions.retrieve(completed.subscription as string);
    expect(subscription.status).toBe('trialing');
    expect((subscription.trial_end ?? 0) - (subscription.trial_start ?? 0)).toBe(14 * 86_400);
    expect(subscription.items.data[0]?.current_period_end).toBe(subscription.trial_end);
  });

  it('reuses an existing customer passed as `customer`', async () => {
    const customer = await harness.stripe.customers.create({ email: 'existing@acme.test' });
    const completed = await subscribeThroughCheckout(harness.stripe, { customer: customer.id });
    expect(completed.customer).toBe(customer.id);
  });

  it('can be expired through the API', async () => {
    const session = await createSession();
    const expired = await harness.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', url: null });
    await harness.webhooks.waitForEvent('checkout.session.expired', (event) => eventObjectId(event) === session.id);
  });
});
