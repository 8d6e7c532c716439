import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requiredKeysOf } from '../support/stripe-required-keys';
import { startStandInHarness, subscribeThroughCheckout, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;
let objects: Record<string, object>;

beforeAll(async () => {
  harness = await startStandInHarness({ webhookUrl: null });
  const { stripe } = harness;
  const session = await subscribeThroughCheckout(harness.stripe);
  const subscription = await stripe.subscriptions.retrieve(session.subscription as string);
  const invoice = await stripe.invoices.retrieve(session.invoice as string);
  objects = {
    'Checkout.Session (complete)': session,
    'Checkout.Session (open)': await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: subscription.items.data[0]!.price.id, quantity: 1 }],
      success_url: 'http://app.test/done',
    }),
    Subscription: subscription,
    SubscriptionItem: subscription.items.data[0]!,
    Invoice: invoice,
    InvoiceLineItem: invoice.lines.data[0]!,
    'LineItem (Checkout)': (await stripe.checkout.sessions.listLineItems(session.id)).data[0]!,
  };
});
afterAll(async () => {
  await harness.close();
});

const DECLARATIONS: [string, string, string][] = [
  ['Checkout.Session (complete)', 'Checkout/Sessions.d.ts', 'Session'],
  ['Checkout.Session (open)', 'Checkout/Sessions.d.ts', 'Session'],
  ['Subscription', 'Subscriptions.d.ts', 'Subscription'],
  ['SubscriptionItem', 'SubscriptionItems.d.ts', 'SubscriptionItem'],
  ['Invoice', 'Invoices.d.ts', 'Invoice'],
  ['InvoiceLineItem', 'InvoiceLineItems.d.ts', 'InvoiceLineItem'],
  ['LineItem (Checkout)', 'LineItems.d.ts', 'LineItem'],
];

describe('object shapes', () => {
  // Code typed against the client may read any of these without a check; Stripe sends null where unset.
  it.each(DECLARATIONS)('%s carries every key the stripe client types as always present', (name, declarations, interfaceName) => {
    const object = objects[name] as Record<string, unknown>;
    const missing = requiredKeysOf(declarations, interfaceName).filter((key) => !(key in object));
    expect(missing).toEqual([]);
  });
});
