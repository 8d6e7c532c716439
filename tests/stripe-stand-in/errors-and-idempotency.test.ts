import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startStandInHarness, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;

beforeAll(async () => {
  harness = await startStandInHarness({ webhookUrl: null });
});
afterAll(async () => {
  await harness.close();
});

const clientWithKey = (key: string) => new Stripe(key, { host: '127.0.0.1', port: harness.standIn.port, protocol: 'http' });

describe('authentication', () => {
  it('rejects a live key with a 401 the client reports as an authentication error', async () => {
    await expect(clientWithKey('sk_live_not_allowed_here').customers.list()).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('rejects a request without an API key', async () => {
    const response = await fetch(`${harness.standIn.url}/v1/customers`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/did not provide an API key/);
  });
});

describe('invalid requests', () => {
  it('answers a missing object with 404 resource_missing', async () => {
    const error = await harness.stripe.customers.retrieve('cus_missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    expect((error as Stripe.errors.StripeError).requestId).toMatch(/^req_/);
  });

  it('names the missing parameter', async () => {
    await expect(
      harness.stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'http://app.test/ok' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'parameter_missing', param: 'line_items' });
  });

  it('rejects an unknown parameter, as Stripe does', async () => {
    await expect(
      harness.stripe.customers.create({ emial: 'typo@acme.test' } as unknown as Stripe.CustomerCreateParams),
    ).rejects.toMatchObject({ code: 'parameter_unknown', param: 'emial' });
  });

  it('points at the nested parameter that names a missing price', async () => {
    await expect(
      harness.stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: 'price_missing', quantity: 1 }],
        success_url: 'http://app.test/ok',
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'line_items[0][price]' });
  });

  it('answers a path with a malformed percent-escape with a Stripe-shaped 400, not a crash', async () => {
    for (const path of ['/v1/customers/cus_%zz', '/v1/customers/%E0%A4%A', '/checkout/%']) {
      const raw = await fetch(`${harness.standIn.url}${path}`, { headers: { authorization: 'Bearer sk_test_x' } });
      expect(raw.status, path).toBe(400);
      const body = (await raw.json()) as { error: { type: string; message: string } };
      expect(body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/malformed percent-escape/) });
    }
    // The client escapes ids itself, so a "%" in an id is just an id that does not exist.
    await expect(harness.stripe.customers.retrieve('cus_%zz')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('answers an unknown URL with a Stripe-shaped 404', async () => {
    const response = await fetch(`${harness.standIn.url}/v1/nothing_here`, {
      headers: { authorization: 'Bearer sk_test_local_stand_in' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});

describe('idempotency', () => {
  it('replays the first response for a repeated key instead of creating twice', async () => {
    const { stripe } = harness;
    const first = await stripe.customers.create({ email: 'once@acme.test' }, { idempotencyKey: 'create-once' });
    const again = await stripe.customers.create({ email: 'once@acme.test' }, { idempotencyKey: 'create-once' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    const listed = await stripe.customers.list({ email: 'once@acme.test' });
    expect(listed.data).toHaveLength(1);
  });

  it('rejects a repeated key with other parameters as an idempotency error', async () => {
    const { stripe } = harness;
    await stripe.customers.create({ email: 'a@acme.test' }, { idempotencyKey: 'reused-key' });
    const error = await stripe.customers.create({ email: 'b@acme.test' }, { idempotencyKey: 'reused-key' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400 });
  });

  it('rejects a key reused on another endpoint', async () => {
    const { stripe } = harness;
    await stripe.customers.create({ email: 'c@acme.test' }, { idempotencyKey: 'endpoint-key' });
    await expect(stripe.products.create({ name: 'X' }, { idempotencyKey: 'endpoint-key' })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
  });

  it('does not remember a request that failed validation', async () => {
    const { stripe } = harness;
    await expect(stripe.products.create({ name: '' }, { idempotencyKey: 'fix-and-retry' })).rejects.toMatchObject({
      param: 'name',
    });
    const product = await stripe.products.create({ name: 'Fixed' }, { idempotencyKey: 'fix-and-retry' });
    expect(product.name).toBe('Fixed');
  });
});
