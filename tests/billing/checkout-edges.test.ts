import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STRIPE_STAND_IN_WEBHOOK_SECRET } from '@/lib/local-stand-ins';
import { makeCaller, rowsAs } from '../support/callers';
import { startSlowStripeProxy, type SlowStripeProxy } from '../support/slow-stripe-proxy';
import { payCheckout, TEST_CARDS } from '../support/stripe-stand-in';
import { as, postWebhook, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

// Webhooks travel the real way: the stand-in signs each event and POSTs it to the app's route.
let env: BillingTestEnvironment;
let stripeProxy: SlowStripeProxy;
let ada: User;

const sessionIdOf = (url: string) => new URL(url).pathname.split('/').at(-1)!;

async function startCheckout(slug: string): Promise<string> {
  const response = await as(ada.token).post(`/api/v1/orgs/${slug}/billing/checkout`, { plan: 'pro', interval: 'month' });
  expect(response.status).toBe(200);
  return response.body.url;
}

async function customerOf(slug: string): Promise<string> {
  const [row] = await env.query<{ stripe_customer_id: string }>(`select stripe_customer_id from organizations where slug = '${slug}'`);
  return row!.stripe_customer_id;
}

beforeAll(async () => {
  // The app reaches the stand-in through a proxy that can add Stripe's latency where a test needs it.
  stripeProxy = await startSlowStripeProxy();
  env = await startBillingTestEnvironment({ delivery: 'stand-in', env: { STRIPE_API_BASE: stripeProxy.url } });
  stripeProxy.target = env.standIn.url;
  ada = await env.signIn('ada@example.com', 'Ada Owner');
  for (const slug of ['twice', 'deleted', 'raced', 'together']) {
    expect((await as(ada.token).post('/api/v1/orgs', { name: slug, slug })).status).toBe(201);
  }
});

afterAll(async () => {
  await env?.close();
  await stripeProxy?.close();
});

describe('Checkout sessions that could outlive their purpose', () => {
  it('a second Checkout expires the first, so two paid sessions cannot make two subscriptions', async () => {
    const first = await startCheckout('twice');
    const second = await startCheckout('twice');
    expect((await env.stripe.checkout.sessions.retrieve(sessionIdOf(first))).status).toBe('expired');
    expect((await payCheckout(first, TEST_CARDS.succeeds)).status).not.toBe(303);
    expect((await payCheckout(second, TEST_CARDS.succeeds)).status).toBe(303);
    const customer = await customerOf('twice');
    await vi.waitFor(async () => {
      const live = (await env.stripe.subscriptions.list({ customer, status: 'all' })).data.filter((s) => s.status === 'active');
      expect(live).toHaveLength(1);
    });
  });

  it('Checkouts started at the same moment leave exactly one open, so a double click cannot pay twice', async () => {
    // Each start's look for open sessions takes a while, as at Stripe, so the starts overlap there.
    stripeProxy.slowDown = { matches: (method, path) => method === 'GET' && path.startsWith('/v1/checkout/sessions?'), ms: 150 };
    const starts = await Promise.all(
      Array.from({ length: 4 }, () => as(ada.token).post('/api/v1/orgs/together/billing/checkout', { plan: 'pro', interval: 'month' })),
    ).finally(() => (stripeProxy.slowDown = null));
    expect(starts.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const customer = await customerOf('together');
    const sessions = (await env.stripe.checkout.sessions.list({ customer, limit: 100 })).data;
    expect(sessions).toHaveLength(4);
    const open = sessions.filter((session) => session.status === 'open');
    expect(open).toHaveLength(1);
    // The one left open is one of the answers; every other answer's page can no longer be paid.
    const answered = starts.map((response) => sessionIdOf(response.body.url));
    expect(answered).toContain(open[0]!.id);
  });

  it('deleting an organization expires its open Checkout, which can then not be paid', async () => {
    const url = await startCheckout('deleted');
    expect((await as(ada.token).delete('/api/v1/orgs/deleted')).status).toBe(204);
    expect((await env.stripe.checkout.sessions.retrieve(sessionIdOf(url))).status).toBe('expired');
    expect((await payCheckout(url, TEST_CARDS.succeeds)).status).not.toBe(303);
  });

  it('a subscription paid for an organization that is gone is cancelled by the sync', async () => {
    const url = await startCheckout('raced');
    const customer = await customerOf('raced');
    // The deletion and the payment cross: the row goes without reaching Stripe first.
    await env.query(`delete from organizations where slug = 'raced'`);
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect((await payCheckout(url, TEST_CARDS.succeeds)).status).toBe(303);
      await vi.waitFor(async () => {
        const subscriptions = (await env.stripe.subscriptions.list({ customer, status: 'all' })).data;
        expect(subscriptions.map((subscription) => subscription.status)).toEqual(['canceled']);
        // Committed after the log line, with the sync that cancelled.
        expect(await env.query(`select id from audit_events where organization_id is null`)).toHaveLength(1);
      });
      expect(warnings.mock.calls.flat().join('\n')).toMatch(/cancelled subscription sub_\w+ of customer cus_\w+: organization [\w-]+ no longer exists/);
    } finally {
      warnings.mockRestore();
    }
    // An operator finds it in the audit trail, under no organization…
    const [subscription] = (await env.stripe.subscriptions.list({ customer, status: 'all' })).data;
    const systemEvents = await env.query<{ action: string; target_id: string; details: Record<string, unknown> }>(
      `select action, target_id, details from audit_events where organization_id is null`,
    );
    expect(systemEvents).toEqual([
      {
        action: 'subscription.canceled_without_organization',
        target_id: subscription!.id,
        details: expect.objectContaining({ stripe_customer: customer, organization_id: expect.any(String), status_before: 'active' }),
      },
    ]);
    // …which no tenant can read, whatever organizations they own.
    const asAda = makeCaller(ada.email, ada.id);
    expect(await rowsAs(asAda, sql`select id from audit_events where organization_id is null`)).toEqual([]);
    expect(await rowsAs(asAda, sql`select id from audit_events where action = 'subscription.canceled_without_organization'`)).toEqual([]);
  });

  it('leaves alone a customer this app did not create (the Stripe account may serve other products)', async () => {
    const stranger = await env.stripe.customers.create({ email: 'someone@example.com' });
    const payload = JSON.stringify({
      id: 'evt_stranger',
      object: 'event',
      type: 'customer.subscription.updated',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'sub_elsewhere', object: 'subscription', customer: stranger.id } },
    });
    const response = await postWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_STAND_IN_WEBHOOK_SECRET }));
    expect(response.status).toBe(200);
    expect(await env.stripe.customers.retrieve(stranger.id)).toMatchObject({ id: stranger.id });
  });
});

describe('a webhook with a valid signature over a body that is not JSON', () => {
  it('is answered 400, not 500, and nothing is recorded', async () => {
    const payload = 'this is not json';
    const before = await env.query('select id from stripe_events');
    const response = await postWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_STAND_IN_WEBHOOK_SECRET }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_body');
    // The stand-in may deliver an earlier test's event meanwhile: only such real events may appear.
    const known = new Set(before.map((row) => (row as { id: string }).id));
    const added = (await env.query('select id from stripe_events')).filter((row) => !known.has((row as { id: string }).id));
    expect(added.every((row) => /^evt_[0-9A-Za-z]{24}$/.test((row as { id: string }).id))).toBe(true);
  });
});
