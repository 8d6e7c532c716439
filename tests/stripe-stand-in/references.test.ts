import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { priceByLookupKey, startStandInHarness, subscribeThroughCheckout, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;
let subscriptionId: string;
let customerId: string;

beforeAll(async () => {
  harness = await startStandInHarness();
  const session = await subscribeThroughCheckout(harness.stripe);
  subscriptionId = session.subscription as string;
  customerId = session.customer as string;
});
afterAll(async () => {
  await harness.close();
});

/** The error Stripe answers for an id that names nothing: 400 resource_missing on that parameter. */
async function expectMissing(request: Promise<unknown>, param: string, message: RegExp) {
  const error = await request.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(error).toMatchObject({ statusCode: 400, code: 'resource_missing', param });
  expect((error as Error).message).toMatch(message);
}

describe('ids named in parameters', () => {
  it('a product’s default_price must be an existing price of that product, and a refused update changes nothing', async () => {
    const { stripe } = harness;
    const pro = await priceByLookupKey(stripe, 'pro_monthly');
    const business = await priceByLookupKey(stripe, 'business_monthly');
    await expectMissing(stripe.products.update(pro.product as string, { default_price: 'price_nope' }), 'default_price', /No such price: 'price_nope'/);
    await expect(stripe.products.update(pro.product as string, { default_price: business.id })).rejects.toMatchObject({
      statusCode: 400,
      param: 'default_price',
    });
    const product = await stripe.products.retrieve(pro.product as string);
    expect(product.default_price).not.toBe('price_nope');
    expect(product.default_price).not.toBe(business.id);
  });

  it('checkout refuses coupons, promotion codes and tax rates the account does not have', async () => {
    const { stripe } = harness;
    const price = await priceByLookupKey(stripe, 'pro_monthly');
    const base = {
      mode: 'subscription' as const,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://app.test/done',
    };
    await expectMissing(stripe.checkout.sessions.create({ ...base, discounts: [{ coupon: 'SPRING' }] }), 'discounts[0][coupon]', /No such coupon: 'SPRING'/);
    await expectMissing(
      stripe.checkout.sessions.create({ ...base, discounts: [{ promotion_code: 'promo_x' }] }),
      'discounts[0][promotion_code]',
      /No such promotion code/,
    );
    await expectMissing(
      stripe.checkout.sessions.create({ ...base, subscription_data: { default_tax_rates: ['txr_missing'] } }),
      'subscription_data[default_tax_rates][0]',
      /No such tax rate/,
    );
    await expectMissing(
      stripe.checkout.sessions.create({ ...base, line_items: [{ price: 'price_missing', quantity: 1 }] }),
      'line_items[0][price]',
      /No such price/,
    );
  });

  it('subscription updates refuse unknown prices, payment methods and tax rates, and leave the subscription as it was', async () => {
    const { stripe } = harness;
    const before = await stripe.subscriptions.retrieve(subscriptionId);
    const item = before.items.data[0]!;
    await expectMissing(stripe.subscriptions.update(subscriptionId, { items: [{ id: item.id, price: 'price_gone' }] }), 'items[0][price]', /No such price/);
    await expectMissing(stripe.subscriptions.update(subscriptionId, { default_payment_method: 'pm_unknown' }), 'default_payment_method', /No such PaymentMethod/);
    await expectMissing(stripe.subscriptions.update(subscriptionId, { default_tax_rates: ['txr_1'], metadata: { a: 'b' } }), 'default_tax_rates[0]', /No such tax rate/);
    await expectMissing(
      stripe.subscriptions.update(subscriptionId, { add_invoice_items: [{ price: 'price_setup_fee' }] }),
      'add_invoice_items[0][price]',
      /No such price/,
    );
    const withoutResponse = (subscription: Stripe.Response<Stripe.Subscription>) => ({ ...subscription, lastResponse: null });
    expect(withoutResponse(await stripe.subscriptions.retrieve(subscriptionId))).toEqual(withoutResponse(before));
  });

  it('customers and the portal refuse sources, payment methods and configurations that do not exist', async () => {
    const { stripe } = harness;
    await expectMissing(stripe.customers.update(customerId, { default_source: 'card_missing' }), 'default_source', /No such source/);
    await expectMissing(
      stripe.customers.update(customerId, { invoice_settings: { default_payment_method: 'pm_missing' } }),
      'invoice_settings[default_payment_method]',
      /No such PaymentMethod/,
    );
    await expectMissing(stripe.customers.create({ test_clock: 'clock_1' }), 'test_clock', /No such test clock/);
    await expectMissing(stripe.billingPortal.sessions.create({ customer: customerId, configuration: 'bpc_other' }), 'configuration', /No such billing portal configuration/);
    await expectMissing(stripe.billingPortal.sessions.create({ customer: 'cus_nobody' }), 'customer', /No such customer/);
  });

  it('lists filtered by a customer that never existed are refused', async () => {
    const { stripe } = harness;
    await expectMissing(stripe.subscriptions.list({ customer: 'cus_never' }), 'customer', /No such customer: 'cus_never'/);
    await expectMissing(stripe.invoices.list({ customer: 'cus_never' }), 'customer', /No such customer/);
    expect((await stripe.subscriptions.list({ customer: customerId })).data.map((subscription) => subscription.id)).toEqual([subscriptionId]);
  });
});
