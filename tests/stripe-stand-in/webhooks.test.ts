import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

import { LOCAL_WEBHOOK_SECRET } from '../../scripts/stripe-stand-in/server';
import { signWebhookPayload } from '../../scripts/stripe-stand-in/webhooks';
import { eventObjectId, startStandInHarness, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('webhook delivery', () => {
  it('signs each delivery so stripe.webhooks.constructEvent accepts it with the same secret', async () => {
    harness = await startStandInHarness();
    const customer = await harness.stripe.customers.create({ email: 'signed@acme.test' });
    const event = await harness.webhooks.waitForEvent('customer.created');
    expect(eventObjectId(event)).toBe(customer.id);
    const delivery = harness.webhooks.received[0];
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() =>
      Stripe.webhooks.constructEvent(delivery?.payload ?? '', delivery?.signature ?? '', 'whsec_some_other_secret'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('uses the configured secret', async () => {
    harness = await startStandInHarness({ webhookSecret: 'whsec_custom_for_this_test' });
    await harness.stripe.customers.create({ email: 'custom@acme.test' });
    await harness.webhooks.waitForEvent('customer.created');
  });

  it('signs like Stripe: hex HMAC-SHA256 of "t.payload"', () => {
    const header = signWebhookPayload('{"id":"evt_1"}', LOCAL_WEBHOOK_SECRET, 1_700_000_000);
    const expected = Stripe.webhooks.generateTestHeaderString({
      payload: '{"id":"evt_1"}',
      secret: LOCAL_WEBHOOK_SECRET,
      timestamp: 1_700_000_000,
    });
    expect(header).toBe(expected);
  });

  it('retries a failing endpoint with backoff until it answers 2xx, then marks the event delivered', async () => {
    harness = await startStandInHarness({ webhookRetryDelaysMs: [20, 40, 80] });
    harness.webhooks.failNext(2, 500);
    const customer = await harness.stripe.customers.create({ email: 'retry@acme.test' });
    const event = await harness.webhooks.waitForEvent('customer.created');
    expect(eventObjectId(event)).toBe(customer.id);
    const stored = await harness.stripe.events.retrieve(event.id);
    expect(stored.pending_webhooks).toBe(0);
  });

  it('counts a redirect as a failure and retries', async () => {
    harness = await startStandInHarness({ webhookRetryDelaysMs: [20] });
    harness.webhooks.failNext(1, 302);
    await harness.stripe.customers.create({ email: 'redirect@acme.test' });
    await harness.webhooks.waitForEvent('customer.created');
    expect(harness.webhooks.received).toHaveLength(1);
  });

  it('gives up after the last retry and leaves the event pending', async () => {
    harness = await startStandInHarness({ webhookRetryDelaysMs: [10, 10] });
    harness.webhooks.failNext(3, 503);
    await harness.stripe.customers.create({ email: 'never@acme.test' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.webhooks.received).toHaveLength(0);
    const [event] = (await harness.stripe.events.list({ type: 'customer.created', limit: 1 })).data;
    expect(event?.pending_webhooks).toBe(1);
  });

  it('resends one event on request, so the app can be tested against duplicates', async () => {
    harness = await startStandInHarness();
    await harness.stripe.customers.create({ email: 'dup@acme.test' });
    const event = await harness.webhooks.waitForEvent('customer.created');
    const response = await fetch(`${harness.standIn.url}/_stand-in/events/${event.id}/resend`, { method: 'POST' });
    expect(response.status).toBe(200);
    await expect
      .poll(() => harness?.webhooks.events().filter((delivered) => delivered.id === event.id).length)
      .toBe(2);
  });

  it('answers resend of an unknown event with 404', async () => {
    harness = await startStandInHarness();
    const response = await fetch(`${harness.standIn.url}/_stand-in/events/evt_missing/resend`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});
