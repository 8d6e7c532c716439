import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@/lib/auth/verify-access-token';
import { callerFromClaims } from '@/lib/auth/caller';
import { confirmCheckout } from '@/lib/billing/checkout';
import { LOCAL_WEBHOOK_SECRET } from '@/scripts/stripe-stand-in/server';
import { payCheckout, portalAction } from '../support/stripe-stand-in';
import { as, deliver, postWebhook, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

// Nothing is delivered by itself here: each test picks events from the
// stand-in and delivers them, in the order (and as often) it wants.
let env: BillingTestEnvironment;
let ada: User;
let bob: User;
let acmeId: string;
let subscriptionId: string;

type Row = Record<string, unknown>;

async function billingTables() {
  return {
    subscriptions: await env.query<Row>('select * from subscriptions order by id'),
    stripe_events: await env.query<Row>('select * from stripe_events order by id'),
    audit_events: await env.query<Row>(`select * from audit_events where target_type = 'subscription' order by id`),
  };
}

async function subscriptionRow() {
  const [row] = await env.query<{ status: string; plan: string | null; cancel_at_period_end: boolean }>(
    `select status, plan, cancel_at_period_end from subscriptions where id = '${subscriptionId}'`,
  );
  return row;
}

/** The newest event of `type` for the subscription, as the stand-in recorded it. */
async function latestEvent(type: string, matches: (object: Stripe.Subscription) => boolean = () => true) {
  const events = await env.events({ type });
  const event = events.reverse().find((candidate) => {
    const object = candidate.data.object as Stripe.Subscription;
    return object.id === subscriptionId && matches(object);
  });
  if (!event) throw new Error(`no ${type} event for ${subscriptionId}`);
  return event;
}

async function subscribe(owner: User, slug: string) {
  const checkout = await as(owner.token).post(`/api/v1/orgs/${slug}/billing/checkout`, { plan: 'pro', interval: 'month' });
  expect(checkout.status).toBe(200);
  const paid = await payCheckout(checkout.body.url);
  expect(paid.status).toBe(303);
  return new URL(paid.headers.get('location')!).searchParams.get('checkout_session')!;
}

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'manual' });
  ada = await env.signIn('ada@example.com', 'Ada Owner');
  bob = await env.signIn('bob@example.com', 'Bob Other');
  acmeId = (await as(ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).body.id;
  await as(bob.token).post('/api/v1/orgs', { name: 'Bobco', slug: 'bobco' });
  await subscribe(ada, 'acme');
  const completed = (await env.events({ type: 'checkout.session.completed' }))[0]!;
  subscriptionId = (completed.data.object as Stripe.Checkout.Session).subscription as string;
});

afterAll(async () => {
  await env?.close();
});

describe('the Stripe webhook endpoint refuses what Stripe did not sign', () => {
  it('answers 400 to a missing, forged, wrong-secret, altered or replayed-old signature, and stores nothing', async () => {
    const event = (await env.events({ type: 'customer.subscription.created' }))[0]!;
    const payload = JSON.stringify(event);
    const { default: Stripe } = await import('stripe');
    const sign = (body: string, options: { secret?: string; timestamp?: number } = {}) =>
      Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? LOCAL_WEBHOOK_SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      postWebhook(payload, null),
      postWebhook(payload, `t=${now},v1=${'0'.repeat(64)}`),
      postWebhook(payload, 'not a signature'),
      postWebhook(payload, sign(payload, { secret: 'whsec_someone_elses_secret' })),
      postWebhook(payload.replace(subscriptionId, 'sub_attacker'), sign(payload)),
      postWebhook(payload, sign(payload, { timestamp: now - 600 })),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_signature');
    }
    expect(await billingTables()).toEqual({ subscriptions: [], stripe_events: [], audit_events: [] });
  });
});

describe('applying events', () => {
  it('an event only says “look again”: the row is what Stripe holds now, not what the payload says', async () => {
    // Paying made the subscription `created` (incomplete at that instant) then `updated` to active.
    const created = (await env.events({ type: 'customer.subscription.created' }))[0]!;
    expect((created.data.object as Stripe.Subscription).status).toBe('incomplete');
    const response = await deliver(created);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, outcome: 'applied' });
    expect(await subscriptionRow()).toEqual({ status: 'active', plan: 'pro', cancel_at_period_end: false });
    expect((await as(ada.token).get('/api/v1/orgs/acme/billing')).body.plan.id).toBe('pro');
  });

  it('the same event delivered twice changes nothing the second time', async () => {
    const created = (await env.events({ type: 'customer.subscription.created' }))[0]!;
    const before = await billingTables();
    const again = await deliver(created);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('duplicate');
    expect(await billingTables()).toEqual(before);
  });

  it('a burst of concurrent deliveries of one event applies it exactly once', async () => {
    const paid = (await env.events({ type: 'invoice.paid' }))[0]!;
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(paid)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.map((response) => response.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await env.query(`select id from stripe_events where id = '${paid.id}'`)).toHaveLength(1);
  });

  it('an older subscription.updated delivered after a newer one still ends in Stripe’s current state', async () => {
    const portal = await as(ada.token).post('/api/v1/orgs/acme/billing/portal');
    await portalAction(portal.body.url, { subscription: subscriptionId, verb: 'cancel' });
    const cancelled = await latestEvent('customer.subscription.updated', (object) => object.cancel_at_period_end);
    await portalAction(portal.body.url, { subscription: subscriptionId, verb: 'resume' });
    const resumed = await latestEvent('customer.subscription.updated', (object) => !object.cancel_at_period_end);
    expect(resumed.created).toBeGreaterThanOrEqual(cancelled.created);

    expect((await deliver(resumed)).body.outcome).toBe('applied');
    expect((await deliver(cancelled)).body.outcome).toBe('applied');
    expect(await subscriptionRow()).toMatchObject({ status: 'active', cancel_at_period_end: false });
  });

  it('subscription.deleted delivered before the updated that preceded it leaves the subscription canceled', async () => {
    const portal = await as(ada.token).post('/api/v1/orgs/acme/billing/portal');
    await portalAction(portal.body.url, { subscription: subscriptionId, verb: 'cancel' });
    const updated = await latestEvent('customer.subscription.updated', (object) => object.cancel_at_period_end);
    await env.standIn.advanceClock(32 * 86_400);
    const deleted = await latestEvent('customer.subscription.deleted');

    expect((await deliver(deleted)).body.outcome).toBe('applied');
    expect((await deliver(updated)).body.outcome).toBe('applied');
    expect(await subscriptionRow()).toMatchObject({ status: 'canceled', plan: 'pro' });
    expect((await as(ada.token).get('/api/v1/orgs/acme/billing')).body).toMatchObject({ plan: { id: 'free' }, subscription: null });
  });

  it('acknowledges event types it does not handle (200) and records nothing for them', async () => {
    const customerCreated = (await env.events({ type: 'customer.created' }))[0]!;
    const response = await deliver(customerCreated);
    expect(response.status).toBe(200);
    expect(response.body.outcome).toBe('ignored');
    expect(await env.query(`select id from stripe_events where id = '${customerCreated.id}'`)).toEqual([]);
  });

  it('an event for a customer no organization has is recorded and changes nothing else', async () => {
    const stranger = await env.stripe.customers.create({ email: 'stranger@example.com' });
    const before = await env.query('select * from subscriptions order by id');
    const event = { ...(await env.events({ type: 'customer.subscription.created' }))[0]!, id: 'evt_made_up_for_a_stranger' };
    (event.data.object as { customer: string }).customer = stranger.id;
    expect((await deliver(event)).body.outcome).toBe('applied');
    expect(await env.query('select * from subscriptions order by id')).toEqual(before);
  });
});

describe('the success page after Checkout', () => {
  it('shows the new plan at once by syncing from Stripe, before any webhook arrives', async () => {
    const sessionId = await subscribe(bob, 'bobco');
    const caller = callerFromClaims(await verifyAccessToken(bob.token));
    expect((await as(bob.token).get('/api/v1/orgs/bobco/billing')).body.plan.id).toBe('free');
    await confirmCheckout(caller, 'bobco', sessionId);
    expect((await as(bob.token).get('/api/v1/orgs/bobco/billing')).body).toMatchObject({
      plan: { id: 'pro' },
      subscription: { status: 'active' },
    });
  });

  it('will not confirm another organization’s checkout session (404)', async () => {
    const [bobcoSession] = (await env.events({ type: 'checkout.session.completed' })).reverse();
    const caller = callerFromClaims(await verifyAccessToken(ada.token));
    await expect(confirmCheckout(caller, 'acme', (bobcoSession!.data.object as Stripe.Checkout.Session).id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('when Stripe cannot be reached', () => {
  it('a webhook is answered 500 so Stripe retries, and nothing is kept; checkout answers 503', async () => {
    const paid = (await env.events({ type: 'invoice.paid' })).reverse()[0]!;
    const before = await billingTables();
    await env.standIn.close();
    const quiet = console.error;
    console.error = () => {};
    try {
      const webhook = await deliver(paid);
      expect(webhook.status).toBe(500);
      expect(await billingTables()).toEqual(before);
      const checkout = await as(bob.token).post('/api/v1/orgs/bobco/billing/portal');
      expect(checkout.status).toBe(503);
      expect(checkout.body.error.code).toBe('billing_unavailable');
      const deleted = await as(ada.token).delete('/api/v1/orgs/acme');
      expect(deleted.status).toBe(503);
      expect(await env.query(`select id from organizations where id = '${acmeId}'`)).toHaveLength(1);
    } finally {
      console.error = quiet;
    }
  });
});
