import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startStandInHarness, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;

beforeAll(async () => {
  harness = await startStandInHarness({ webhookUrl: null });
});
afterAll(async () => {
  await harness.close();
});

describe('catalog', () => {
  it('seeds Pro and Business with monthly and yearly prices found by lookup key', async () => {
    const { stripe } = harness;
    const prices = await stripe.prices.list({
      lookup_keys: ['pro_monthly', 'pro_yearly', 'business_monthly', 'business_yearly'],
      expand: ['data.product'],
    });
    expect(prices.object).toBe('list');
    expect(prices.url).toBe('/v1/prices');
    const byKey = Object.fromEntries(prices.data.map((price) => [price.lookup_key, price]));
    expect(byKey['pro_monthly']).toMatchObject({
      object: 'price',
      unit_amount: 1900,
      currency: 'usd',
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1 },
    });
    expect(byKey['business_yearly']?.unit_amount).toBe(49000);
    expect((byKey['pro_yearly']?.product as { name: string }).name).toBe('Pro');
  });

  it('creates, retrieves, updates and lists products and prices', async () => {
    const { stripe } = harness;
    const product = await stripe.products.create({ name: 'Enterprise', metadata: { tier: '3' } });
    expect(product.id).toMatch(/^prod_/);
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 9900,
      recurring: { interval: 'month' },
      lookup_key: 'enterprise_monthly',
    });
    expect(price).toMatchObject({ object: 'price', product: product.id, lookup_key: 'enterprise_monthly', active: true });
    const updated = await stripe.products.update(product.id, { name: 'Enterprise+', metadata: { tier: '' } });
    expect(updated.name).toBe('Enterprise+');
    expect(updated.metadata).toEqual({});
    const fetched = await stripe.prices.retrieve(price.id, { expand: ['product'] });
    expect((fetched.product as { name: string }).name).toBe('Enterprise+');
    const productPrices = await stripe.prices.list({ product: product.id });
    expect(productPrices.data.map((entry) => entry.id)).toEqual([price.id]);
  });

  it('refuses a lookup key already in use unless it is transferred', async () => {
    const { stripe } = harness;
    const product = await stripe.products.create({ name: 'Lookup' });
    const first = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, lookup_key: 'moving_key' });
    await expect(
      stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 200, lookup_key: 'moving_key' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'lookup_key' });
    const second = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 200,
      lookup_key: 'moving_key',
      transfer_lookup_key: true,
    });
    const holders = await stripe.prices.list({ lookup_keys: ['moving_key'] });
    expect(holders.data.map((price) => price.id)).toEqual([second.id]);
    expect((await stripe.prices.retrieve(first.id)).lookup_key).toBeNull();
  });
});

describe('customers', () => {
  it('creates, retrieves, updates and deletes a customer', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'owner@acme.test', name: 'Acme', metadata: { org_id: 'org_1' } });
    expect(customer).toMatchObject({ object: 'customer', email: 'owner@acme.test', metadata: { org_id: 'org_1' }, livemode: false });
    expect(customer.invoice_settings.default_payment_method).toBeNull();
    const updated = await stripe.customers.update(customer.id, { name: 'Acme Inc', metadata: { plan: 'pro' } });
    expect(updated.metadata).toEqual({ org_id: 'org_1', plan: 'pro' });
    const deleted = await stripe.customers.del(customer.id);
    expect(deleted).toMatchObject({ id: customer.id, object: 'customer', deleted: true });
    const afterDelete = await stripe.customers.retrieve(customer.id);
    expect(afterDelete.deleted).toBe(true);
  });

  it('finds customers by email through list and by metadata through search', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'find-me@acme.test', metadata: { org_id: 'org_find' } });
    await stripe.customers.create({ email: 'other@acme.test', metadata: { org_id: 'org_other' } });
    const listed = await stripe.customers.list({ email: 'find-me@acme.test' });
    expect(listed.data.map((entry) => entry.id)).toEqual([customer.id]);
    const searched = await stripe.customers.search({ query: "metadata['org_id']:'org_find'" });
    expect(searched.object).toBe('search_result');
    expect(searched.data.map((entry) => entry.id)).toEqual([customer.id]);
    const both = await stripe.customers.search({ query: "email:'find-me@acme.test' AND metadata['org_id']:'org_find'" });
    expect(both.data).toHaveLength(1);
  });
});

describe('lists', () => {
  it('pages newest first with limit and starting_after, and auto-pagination sees every object once', async () => {
    const { stripe } = harness;
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      created.push((await stripe.customers.create({ email: 'page@acme.test', name: `Page ${index}` })).id);
    }
    const first = await stripe.customers.list({ email: 'page@acme.test', limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((customer) => customer.id)).toEqual([created[4], created[3]]);
    const second = await stripe.customers.list({ email: 'page@acme.test', limit: 2, starting_after: first.data[1]?.id });
    expect(second.data.map((customer) => customer.id)).toEqual([created[2], created[1]]);
    const all = await stripe.customers.list({ email: 'page@acme.test', limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((customer) => customer.id)).toEqual([...created].reverse());
  });

  it('rejects a limit above 100', async () => {
    await expect(harness.stripe.customers.list({ limit: 101 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'limit',
    });
  });

  it('rejects expanding a property that is not an object id', async () => {
    const price = (await harness.stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data[0];
    await expect(harness.stripe.prices.retrieve(price?.id ?? '', { expand: ['currency'] })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'expand',
    });
  });
});

describe('events', () => {
  it('records an event per change, listed newest first and filterable by type', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'events@acme.test' });
    await stripe.customers.update(customer.id, { name: 'Renamed' });
    const updates = await stripe.events.list({ type: 'customer.updated', limit: 1 });
    const event = updates.data[0];
    expect(event).toMatchObject({
      object: 'event',
      type: 'customer.updated',
      livemode: false,
      pending_webhooks: 0,
      data: { object: { id: customer.id, name: 'Renamed' }, previous_attributes: { name: null } },
    });
    expect(event?.api_version).toBe((await import('stripe')).default.API_VERSION);
    expect(event?.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    const retrieved = await stripe.events.retrieve(event?.id ?? '');
    expect(retrieved.id).toBe(event?.id);
    const wildcard = await stripe.events.list({ type: 'customer.*', limit: 100 });
    expect(wildcard.data.every((entry) => entry.type.startsWith('customer.'))).toBe(true);
  });

  it('previous_attributes names only the keys of a hash that changed, a new key as null', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'hash@acme.test', metadata: { plan: 'free', org: 'acme', region: 'eu' } });
    await stripe.customers.update(customer.id, { metadata: { plan: 'pro', seats: '5', region: '' } });
    const [event] = (await stripe.events.list({ type: 'customer.updated', limit: 1 })).data;
    expect(event?.data.object).toMatchObject({ metadata: { plan: 'pro', org: 'acme', seats: '5' } });
    expect(event?.data.previous_attributes).toEqual({ metadata: { plan: 'free', seats: null, region: 'eu' } });
  });
});
