import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STRIPE_ACTOR_ID } from '@/lib/billing/sync-subscriptions';
import { payCheckout, portalAction, TEST_CARDS } from '../support/stripe-stand-in';
import { addMember, as, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

// Webhooks here travel the real way: the stand-in signs each event and POSTs it to the app's route.
let env: BillingTestEnvironment;
const users = {} as Record<'ada' | 'dan' | 'cara' | 'bob', User>;
let acmeId: string;
let checkoutUrl: string;

const DAY = 86_400;

async function subscriptionRows() {
  return env.query<{ id: string; status: string; plan: string | null; interval: string | null; cancel_at_period_end: boolean }>(
    `select id, status, plan, interval, cancel_at_period_end from subscriptions where organization_id = '${acmeId}'`,
  );
}

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'stand-in' });
  users.ada = await env.signIn('ada@example.com', 'Ada Owner');
  users.dan = await env.signIn('dan@example.com', 'Dan Admin');
  users.cara = await env.signIn('cara@example.com', 'Cara Member');
  users.bob = await env.signIn('bob@example.com', 'Bob Outsider');
  const acme = await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' });
  acmeId = acme.body.id;
  await as(users.bob.token).post('/api/v1/orgs', { name: 'Bobco', slug: 'bobco' });
  await addMember(users.ada, 'acme', users.dan, 'admin');
  await addMember(users.ada, 'acme', users.cara);
});

afterAll(async () => {
  await env?.close();
});

describe('an organization on the free plan', () => {
  it('shows every member its plan, limits and usage, and who may manage billing', async () => {
    const asMember = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(asMember.status).toBe(200);
    expect(asMember.body).toEqual({
      plan: { id: 'free', name: 'Free' },
      subscription: null,
      limits: { projects: 3, members: 3, api_keys: 2 },
      usage: { projects: 0, members: 3, api_keys: 0 },
      features: { audit_log: false },
      can_manage_billing: false,
    });
    expect((await as(users.dan.token).get('/api/v1/orgs/acme/billing')).body.can_manage_billing).toBe(true);
  });

  it('a member cannot start checkout or open the portal (403), and nothing is created at Stripe', async () => {
    const checkout = await as(users.cara.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' });
    const portal = await as(users.cara.token).post('/api/v1/orgs/acme/billing/portal');
    expect(checkout.status).toBe(403);
    expect(checkout.body.error.code).toBe('forbidden');
    expect(portal.status).toBe(403);
    expect((await env.stripe.customers.list()).data).toEqual([]);
    expect(await env.query(`select stripe_customer_id from organizations where id = '${acmeId}'`)).toEqual([{ stripe_customer_id: null }]);
  });

  it('another organization’s member gets 404 for its billing, checkout and portal', async () => {
    const bob = as(users.bob.token);
    const responses = await Promise.all([
      bob.get('/api/v1/orgs/acme/billing'),
      bob.post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' }),
      bob.post('/api/v1/orgs/acme/billing/portal'),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect((await env.stripe.customers.list()).data).toEqual([]);
  });

  it('refuses an unknown plan or a client-sent organization id (422)', async () => {
    const ada = as(users.ada.token);
    expect((await ada.post('/api/v1/orgs/acme/billing/checkout', { plan: 'free', interval: 'month' })).status).toBe(422);
    const forged = await ada.post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month', organization_id: 'other' });
    expect(forged.status).toBe(422);
    expect(forged.body.error.fields).toEqual([{ field: 'organization_id', message: 'Unknown field' }]);
  });

  it('an owner has no portal before the first checkout (409 billing_not_set_up)', async () => {
    const response = await as(users.ada.token).post('/api/v1/orgs/acme/billing/portal');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('billing_not_set_up');
  });
});

describe('upgrading through Checkout', () => {
  it('creates the Stripe customer once even when owner and admin click “Upgrade” at the same moment', async () => {
    const [first, second] = await Promise.all([
      as(users.ada.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' }),
      as(users.dan.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' }),
    ]);
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(200);
    const customers = await env.stripe.customers.search({ query: `metadata['organization_id']:'${acmeId}'` });
    expect(customers.data).toHaveLength(1);
    const customerId = customers.data[0]!.id;
    expect(await env.query(`select stripe_customer_id from organizations where id = '${acmeId}'`)).toEqual([{ stripe_customer_id: customerId }]);
    // Checkout is prefilled: the customer is the organization by name, reached at its owner's email (even when an admin clicked).
    expect(customers.data[0]).toMatchObject({ name: 'Acme', email: 'ada@example.com' });

    const sessionId = new URL(first!.body.url).pathname.split('/').at(-1)!;
    const session = await env.stripe.checkout.sessions.retrieve(sessionId);
    expect(session).toMatchObject({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: acmeId,
      metadata: { organization_id: acmeId },
      success_url: 'http://localhost:3000/dashboard/acme/billing?checkout_session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://localhost:3000/dashboard/acme/billing',
    });
    const started = await env.query(`select actor_id from audit_events where action = 'billing.checkout_started' order by actor_id`);
    expect(started.map((row) => (row as { actor_id: string }).actor_id).sort()).toEqual([users.ada.id, users.dan.id].sort());
    // Each start expires the sessions open before it (tests/billing/checkout-edges.test.ts): at the
    // same moment, at least one of the two stays payable.
    const open = [];
    for (const response of [first!, second!]) {
      const session = await env.stripe.checkout.sessions.retrieve(new URL(response.body.url).pathname.split('/').at(-1)!);
      if (session.status === 'open') open.push(response.body.url as string);
    }
    expect(open.length).toBeGreaterThanOrEqual(1);
    checkoutUrl = open[0]!;
  });

  it('paying on the hosted page makes the organization Pro once Stripe’s webhooks arrive', async () => {
    const paid = await payCheckout(checkoutUrl, TEST_CARDS.succeeds, { email: 'ada@example.com' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toMatch(/^http:\/\/localhost:3000\/dashboard\/acme\/billing\?checkout_session=cs_test_/);

    await vi.waitFor(async () => expect(await subscriptionRows()).toEqual([expect.objectContaining({ status: 'active', plan: 'pro', interval: 'month' })]), {
      timeout: 10_000,
    });
    const billing = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(billing.body).toMatchObject({
      plan: { id: 'pro', name: 'Pro' },
      subscription: { status: 'active', plan: 'pro', interval: 'month', cancel_at_period_end: false, trial_end: null },
      limits: { projects: 25, members: 10 },
      features: { audit_log: true },
    });
    expect(new Date(billing.body.subscription.current_period_end).getTime()).toBeGreaterThan(Date.now() + 25 * DAY * 1000);

    const audit = await as(users.ada.token).get('/api/v1/orgs/acme/audit?limit=100');
    expect(audit.status).toBe(200);
    expect(audit.body.data).toContainEqual(
      expect.objectContaining({ action: 'subscription.created', actor_id: STRIPE_ACTOR_ID, target_type: 'subscription' }),
    );
  });

  it('refuses a second checkout while the subscription is live (409), pointing to the portal', async () => {
    const response = await as(users.ada.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'business', interval: 'year' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('subscription_exists');
    expect(response.body.error.message).toMatch(/portal/);
  });
});

describe('the customer portal', () => {
  it('user B cannot open A’s portal, and a member of A cannot either', async () => {
    expect((await as(users.bob.token).post('/api/v1/orgs/acme/billing/portal')).status).toBe(404);
    expect((await as(users.cara.token).post('/api/v1/orgs/acme/billing/portal')).status).toBe(403);
  });

  it('cancel at period end keeps Pro until the period ends, then the organization is back on free', async () => {
    const portal = await as(users.dan.token).post('/api/v1/orgs/acme/billing/portal');
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(/\/billing-portal\/bps_/);
    const [row] = await subscriptionRows();

    const cancelled = await portalAction(portal.body.url, { subscription: row!.id, verb: 'cancel' });
    expect(cancelled.status).toBe(303);
    await vi.waitFor(async () => expect((await subscriptionRows())[0]?.cancel_at_period_end).toBe(true), { timeout: 10_000 });
    const pending = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(pending.body).toMatchObject({ plan: { id: 'pro' }, subscription: { status: 'active', cancel_at_period_end: true } });
    expect(pending.body.subscription.cancel_at).toBe(pending.body.subscription.current_period_end);

    await env.standIn.advanceClock(32 * DAY);
    await vi.waitFor(async () => expect((await subscriptionRows())[0]?.status).toBe('canceled'), { timeout: 10_000 });
    const after = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(after.body).toMatchObject({ plan: { id: 'free' }, subscription: null, limits: { projects: 3, members: 3 } });

    const audit = await env.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_events where organization_id = '${acmeId}' and target_type = 'subscription' order by created_at`,
    );
    expect(audit.map((event) => event.action)).toEqual(['subscription.created', 'subscription.updated', 'subscription.canceled']);
    expect(new Set(audit.map((event) => event.actor_id))).toEqual(new Set([STRIPE_ACTOR_ID]));
    expect(await env.query(`select action from audit_events where action = 'billing.portal_opened'`)).toHaveLength(1);
  });
});
