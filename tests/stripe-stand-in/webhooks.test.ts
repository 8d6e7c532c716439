import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

import { LOCAL_WEBHOOK_SECRET, startStripeStandIn } from '../../scripts/stripe-stand-in/server';
import { signWebhookPayload } from '../../scripts/stripe-stand-in/webhooks';
import {
  createStandInClient,
  eventObjectId,
  startStandInHarness,
  subscribeThroughCheckout,
  type StandInHarness,
} from '../support/stripe-stand-in';

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
    await expect.poll(() => harness?.webhooks.attempts.length).toBe(3);
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

/** Event ids at the stand-in, in the order they happened. */
async function eventIdsInOrder(stripe: Stripe): Promise<string[]> {
  const ids: string[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) ids.push(event.id);
  return ids.reverse();
}

const receivedIds = () => harness?.webhooks.events().map((event) => event.id) ?? [];

describe('delivery order', () => {
  it('by default a burst of events arrives out of the order it happened in, as from Stripe', async () => {
    harness = await startStandInHarness({ webhookDelivery: { maxJitterMs: 1_000 } });
    await subscribeThroughCheckout(harness.stripe);
    const happened = await eventIdsInOrder(harness.stripe);
    expect(happened.length).toBeGreaterThanOrEqual(8);
    await expect.poll(() => receivedIds().length, { timeout: 5_000 }).toBe(happened.length);
    expect(new Set(receivedIds())).toEqual(new Set(happened));
    expect(receivedIds()).not.toEqual(happened);
  });

  it('sends concurrently: an endpoint still busy with one event already receives the next', async () => {
    const arrivals: string[] = [];
    let secondArrived: () => void = () => {};
    const second = new Promise<void>((resolve) => (secondArrived = resolve));
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        arrivals.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id);
        // The first delivery is only answered once another one has come in.
        if (arrivals.length === 1) void second.then(() => response.writeHead(200).end());
        else {
          secondArrived();
          response.writeHead(200).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const standIn = await startStripeStandIn({
      port: 0,
      dataDir: null,
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    });
    try {
      const stripe = createStandInClient(standIn.port);
      await stripe.customers.create({ email: 'one@acme.test' });
      await stripe.customers.create({ email: 'two@acme.test' });
      await second;
      expect(arrivals).toHaveLength(2);
      await expect.poll(async () => (await stripe.events.list()).data.map((event) => event.pending_webhooks)).toEqual([0, 0]);
    } finally {
      await standIn.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('in strict order, events arrive one at a time in the order they happened', async () => {
    harness = await startStandInHarness({ webhookDelivery: { order: 'strict' } });
    await subscribeThroughCheckout(harness.stripe);
    const happened = await eventIdsInOrder(harness.stripe);
    await expect.poll(() => receivedIds().length).toBe(happened.length);
    expect(receivedIds()).toEqual(happened);
  });

  it('holds back a chosen event type until released, so it arrives after everything else', async () => {
    harness = await startStandInHarness();
    const control = (path: string, body: unknown) =>
      fetch(`${harness?.standIn.url}/_stand-in/webhooks${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await control('/hold', { types: ['checkout.session.completed'] })).status).toBe(200);

    const session = await subscribeThroughCheckout(harness.stripe);
    const happened = await eventIdsInOrder(harness.stripe);
    await expect.poll(() => receivedIds().length).toBe(happened.length - 1);
    expect(harness.webhooks.events().map((event) => event.type)).not.toContain('checkout.session.completed');
    const settings = (await (await fetch(`${harness.standIn.url}/_stand-in/webhooks`)).json()) as { held: { type: string }[] };
    expect(settings.held).toEqual([expect.objectContaining({ type: 'checkout.session.completed' })]);

    const released = (await (await control('/release', {})).json()) as { released: string[]; hold_types: string[] };
    expect(released.released).toHaveLength(1);
    expect(released.hold_types).toEqual([]);
    const completed = await harness.webhooks.waitForEvent('checkout.session.completed');
    expect(eventObjectId(completed)).toBe(session.id);
    expect(receivedIds().at(-1)).toBe(completed.id);
  });

  it('switches order at run time and refuses settings it does not know', async () => {
    harness = await startStandInHarness();
    const configure = (body: unknown) =>
      fetch(`${harness?.standIn.url}/_stand-in/webhooks`, { method: 'POST', body: JSON.stringify(body) });
    const strict = await configure({ order: 'strict' });
    expect(await strict.json()).toMatchObject({ order: 'strict', enabled: true });
    expect((await configure({ order: 'sorted' })).status).toBe(400);
    expect((await configure({ max_jitter_ms: -1 })).status).toBe(400);
  });
});
