/**
 * Helpers for tests that need Stripe: a stand-in on a random port with state in
 * memory, a real `stripe` client pointed at it, a webhook receiver, and the
 * form posts a buyer makes on the hosted Checkout and Portal pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Stripe from 'stripe';

import {
  LOCAL_SECRET_KEY,
  LOCAL_WEBHOOK_SECRET,
  startStripeStandIn,
  type StripeStandIn,
  type StripeStandInOptions,
} from '../../scripts/stripe-stand-in/server';

export const TEST_CARDS = {
  succeeds: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  failsLater: '4000 0000 0000 0341',
} as const;

export function createStandInClient(port: number): Stripe {
  return new Stripe(LOCAL_SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http' });
}

export interface ReceivedWebhook {
  payload: string;
  signature: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Every request that reached the receiver, answered 2xx or not. */
  attempts: ReceivedWebhook[];
  /** Every delivery so far, verified with `stripe.webhooks.constructEvent` (throws on a bad signature). */
  events(): Stripe.Event[];
  /** Answer the next `count` deliveries with `status` instead of 200. */
  failNext(count: number, status?: number): void;
  waitForEvent(type: string, matches?: (event: Stripe.Event) => boolean, timeoutMs?: number): Promise<Stripe.Event>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret = LOCAL_WEBHOOK_SECRET): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const attempts: ReceivedWebhook[] = [];
  const failures: number[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { payload: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['stripe-signature'] ?? '') };
      attempts.push(delivery);
      const status = failures.shift();
      if (status !== undefined) {
        response.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {}).end();
        return;
      }
      received.push(delivery);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const events = () => received.map((delivery) => Stripe.webhooks.constructEvent(delivery.payload, delivery.signature, secret));
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    attempts,
    events,
    failNext(count, status = 500) {
      for (let index = 0; index < count; index++) failures.push(status);
    },
    waitForEvent(type, matches = () => true, timeoutMs = 5_000) {
      const find = () => events().find((event) => event.type === type && matches(event));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No ${type} webhook within ${timeoutMs} ms; got: ${events().map((event) => event.type).join(', ')}`));
        }, timeoutMs);
        const check = () => {
          const event = find();
          if (!event) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(event);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface StandInHarness {
  standIn: StripeStandIn;
  stripe: Stripe;
  webhooks: WebhookReceiver;
  close(): Promise<void>;
}

/** A stand-in on port 0, in memory, delivering to a fresh receiver with a quick retry schedule. */
export async function startStandInHarness(options: StripeStandInOptions = {}): Promise<StandInHarness> {
  const webhooks = await startWebhookReceiver(options.webhookSecret);
  const standIn = await startStripeStandIn({
    port: 0,
    dataDir: null,
    webhookUrl: webhooks.url,
    webhookRetryDelaysMs: [20, 40, 80],
    ...options,
  });
  return {
    standIn,
    stripe: createStandInClient(standIn.port),
    webhooks,
    async close() {
      await standIn.close();
      await webhooks.close();
    },
  };
}

export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Submits the hosted checkout form as a buyer would. */
export function payCheckout(
  sessionUrl: string,
  card: string = TEST_CARDS.succeeds,
  buyer: { email?: string; name?: string } = {},
): Promise<Response> {
  return postForm(sessionUrl, {
    email: buyer.email ?? 'buyer@example.com',
    name: buyer.name ?? 'Ada Buyer',
    card_number: card,
    expiry: '12 / 40',
    cvc: '123',
  });
}

/** Posts one of the portal page's forms: `cancel`, `resume`, `switch` (with price), or a new card. */
export function portalAction(
  portalUrl: string,
  action: { subscription: string; verb: 'cancel' | 'resume' } | { subscription: string; verb: 'switch'; price: string } | { card: string },
): Promise<Response> {
  if ('card' in action) return postForm(`${portalUrl}/payment-method`, { card_number: action.card, expiry: '12 / 40', cvc: '123' });
  const url = `${portalUrl}/subscriptions/${action.subscription}/${action.verb}`;
  return postForm(url, action.verb === 'switch' ? { price: action.price } : {});
}

/** Saves 4000 0000 0000 0341 in the portal, as a customer would: it attaches, and every later charge fails. */
export async function saveCardThatFailsCharges(stripe: Stripe, customer: string): Promise<void> {
  const portal = await stripe.billingPortal.sessions.create({ customer });
  const response = await portalAction(portal.url, { card: TEST_CARDS.failsLater });
  if (response.status !== 303) throw new Error(`Saving the card failed: HTTP ${response.status}`);
}

export async function priceByLookupKey(stripe: Stripe, lookupKey: string): Promise<Stripe.Price> {
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey] });
  const price = prices.data[0];
  if (!price) throw new Error(`No price with lookup key ${lookupKey}`);
  return price;
}

/** Creates a checkout session for `lookupKey` and pays it; returns the completed session. */
export async function subscribeThroughCheckout(
  stripe: Stripe,
  options: { lookupKey?: string; card?: string; trialDays?: number; customer?: string; metadata?: Record<string, string> } = {},
): Promise<Stripe.Checkout.Session> {
  const price = await priceByLookupKey(stripe, options.lookupKey ?? 'pro_monthly');
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: 'http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/billing',
    ...(options.customer ? { customer: options.customer } : { customer_email: 'buyer@example.com' }),
    ...(options.metadata ? { metadata: options.metadata } : {}),
    subscription_data: {
      ...(options.trialDays ? { trial_period_days: options.trialDays } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    },
  });
  const response = await payCheckout(session.url ?? '', options.card ?? TEST_CARDS.succeeds);
  if (response.status !== 303) throw new Error(`Checkout did not complete: HTTP ${response.status}\n${await response.text()}`);
  return stripe.checkout.sessions.retrieve(session.id);
}

/** The id of an event's object, whatever its type. */
export function eventObjectId(event: Stripe.Event): string | undefined {
  return (event.data.object as { id?: string }).id;
}

/** An event's `previous_attributes` as a plain record. */
export function previousOf(event: Stripe.Event): Record<string, unknown> | undefined {
  return event.data.previous_attributes as Record<string, unknown> | undefined;
}
