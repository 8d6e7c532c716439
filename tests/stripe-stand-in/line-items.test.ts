import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { priceByLookupKey, startStandInHarness, subscribeThroughCheckout, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;

beforeAll(async () => {
  harness = await startStandInHarness({ webhookUrl: null });
});
afterAll(async () => {
  await harness.close();
});

describe('Checkout line items', () => {
  it('lists what the buyer pays for, with the price, through listLineItems and expand[]=line_items', async () => {
    const { stripe } = harness;
    const pro = await priceByLookupKey(stripe, 'pro_monthly');
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: pro.id, quantity: 3 }],
      success_url: 'http://app.test/done',
    });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items).toMatchObject({ object: 'list', has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` });
    expect(items.data).toEqual([
      expect.objectContaining({
        object: 'item',
        quantity: 3,
        amount_subtotal: 5700,
        amount_total: 5700,
        currency: 'usd',
        description: 'Pro',
        price: expect.objectContaining({ id: pro.id, lookup_key: 'pro_monthly' }),
      }),
    ]);
    expect(items.data[0]?.id).toMatch(/^li_/);

    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items', 'line_items.data.price.product'] });
    expect(expanded.line_items?.data.map((item) => item.id)).toEqual(items.data.map((item) => item.id));
    expect((expanded.line_items?.data[0]?.price?.product as Stripe.Product).name).toBe('Pro');
    // Not included unless asked for, as at Stripe.
    expect(await stripe.checkout.sessions.retrieve(session.id)).not.toHaveProperty('line_items');
    const listed = await stripe.checkout.sessions.list({ limit: 1, expand: ['data.line_items'] });
    expect(listed.data[0]?.line_items?.data).toHaveLength(1);
  });

  it('answers line items of an unknown session with 404', async () => {
    await expect(harness.stripe.checkout.sessions.listLineItems('cs_test_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('invoice lines', () => {
  it('pages an invoice’s lines with listLineItems, the same lines the invoice carries', async () => {
    const { stripe } = harness;
    const session = await subscribeThroughCheckout(stripe);
    const invoice = await stripe.invoices.retrieve(session.invoice as string);
    const lines = await stripe.invoices.listLineItems(invoice.id);
    expect(lines).toMatchObject({ object: 'list', url: `/v1/invoices/${invoice.id}/lines` });
    expect(lines.data).toEqual(invoice.lines.data);
    expect(lines.data[0]).toMatchObject({ object: 'line_item', amount: 1900, quantity: 1 });
    await expect(stripe.invoices.listLineItems('in_nope')).rejects.toMatchObject({ statusCode: 404 });
  });
});
