import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

import { API_VERSION, PRE_BASIL_API_VERSION } from '../../scripts/stripe-stand-in/api-version';
import { LOCAL_SECRET_KEY, startStripeStandIn } from '../../scripts/stripe-stand-in/server';
import { startStandInHarness, subscribeThroughCheckout, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

function clientAt(port: number, apiVersion: string): Stripe {
  // The client's types accept only its own pinned version; older code pins others.
  return new Stripe(LOCAL_SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http', apiVersion: apiVersion as Stripe.LatestApiVersion });
}

describe('Stripe-Version', () => {
  it('answers in the version the stripe package pins, and says so in the Stripe-Version header', async () => {
    harness = await startStandInHarness();
    const customer = await harness.stripe.customers.create({ email: 'pinned@acme.test' });
    expect(customer.lastResponse.headers['stripe-version']).toBe(API_VERSION);
  });

  it('refuses a version Stripe never had, as Stripe does (400 "Invalid Stripe API version")', async () => {
    harness = await startStandInHarness();
    for (const version of ['2099-01-01', 'banana', '2025-02-30.acacia', '2019-02-19.basil', '2025-03-31']) {
      const error = await clientAt(harness.standIn.port, version).customers.list().catch((caught: unknown) => caught);
      expect(error, version).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
      expect((error as Stripe.errors.StripeError).message).toBe(`Invalid Stripe API version: ${version}`);
    }
  });

  it('refuses a real version it cannot render with a message naming the versions it serves', async () => {
    harness = await startStandInHarness();
    const error = await clientAt(harness.standIn.port, '2024-06-20').customers.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Error).message).toContain('does not reproduce API version 2024-06-20');
    expect((error as Error).message).toContain(API_VERSION);
    expect((error as Error).message).toContain(PRE_BASIL_API_VERSION);
  });

  it(`answers ${PRE_BASIL_API_VERSION} in its shapes: the period on the subscription, the subscription on the invoice`, async () => {
    harness = await startStandInHarness();
    const session = await subscribeThroughCheckout(harness.stripe);
    const subscriptionId = session.subscription as string;
    const current = await harness.stripe.subscriptions.retrieve(subscriptionId);
    const item = current.items.data[0]!;

    const older = clientAt(harness.standIn.port, PRE_BASIL_API_VERSION);
    const subscription = (await older.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] })) as unknown as Record<string, unknown> & {
      items: { data: Record<string, unknown>[] };
      latest_invoice: Record<string, unknown> & { lines: { data: Record<string, unknown>[] } };
      lastResponse: { headers: Record<string, string> };
    };
    expect(subscription.lastResponse.headers['stripe-version']).toBe(PRE_BASIL_API_VERSION);
    expect(subscription).toMatchObject({ current_period_start: item.current_period_start, current_period_end: item.current_period_end });
    expect(subscription.items.data[0]).not.toHaveProperty('current_period_end');
    expect(subscription.latest_invoice).toMatchObject({ subscription: subscriptionId, subscription_details: { metadata: {} } });
    expect(subscription.latest_invoice).not.toHaveProperty('parent');
    expect(subscription.latest_invoice.lines.data[0]).toMatchObject({
      type: 'subscription',
      subscription: subscriptionId,
      subscription_item: item.id,
      proration: false,
    });
    // The same invoice through the list endpoint, in the same shape.
    const [invoice] = (await older.invoices.list({ subscription: subscriptionId })).data as unknown as Record<string, unknown>[];
    expect(invoice).toMatchObject({ subscription: subscriptionId });
  });

  it('delivers webhooks in the endpoint’s version, with a period change as a change of the subscription’s own period', async () => {
    harness = await startStandInHarness({ webhookApiVersion: PRE_BASIL_API_VERSION });
    const session = await subscribeThroughCheckout(harness.stripe);
    await harness.standIn.advanceClock(32 * 86_400);
    const renewed = await harness.webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => (event.data.previous_attributes as Record<string, unknown> | undefined)?.['current_period_end'] !== undefined,
    );
    expect(renewed.api_version).toBe(PRE_BASIL_API_VERSION);
    expect(renewed.data.object).toMatchObject({ id: session.subscription, current_period_end: expect.any(Number) });
    const paid = await harness.webhooks.waitForEvent('invoice.paid');
    expect(paid.data.object).toMatchObject({ subscription: session.subscription });
    // Read through the API, the event keeps the version it was created in.
    expect((await harness.stripe.events.retrieve(renewed.id)).api_version).toBe(API_VERSION);
  });

  it('will not start with a webhook endpoint version it cannot render', async () => {
    await expect(startStripeStandIn({ port: 0, dataDir: null, webhookUrl: null, webhookApiVersion: '2024-06-20' })).rejects.toThrow(
      /does not reproduce API version 2024-06-20/,
    );
  });
});
