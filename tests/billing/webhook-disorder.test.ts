import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payCheckout } from '../support/stripe-stand-in';
import { as, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

// Stripe does not deliver in order. Here the stand-in holds back every subscription and
// invoice event, so Checkout's completion reaches the app first and alone.
const HELD = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_succeeded',
];

let env: BillingTestEnvironment;
let ada: User;

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'stand-in', webhookDelivery: { holdTypes: HELD } });
  ada = await env.signIn('ada@example.com', 'Ada Owner');
  await as(ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' });
});

afterAll(async () => {
  await env?.close();
});

async function recordedEventTypes() {
  const rows = await env.query<{ type: string }>('select type from stripe_events order by type');
  return rows.map((row) => row.type);
}

describe('webhooks out of order', () => {
  it('checkout.session.completed arriving before any subscription event already makes the organization Pro', async () => {
    const checkout = await as(ada.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' });
    expect((await payCheckout(checkout.body.url)).status).toBe(303);

    await expect.poll(async () => (await as(ada.token).get('/api/v1/orgs/acme/billing')).body.plan.id).toBe('pro');
    expect(await recordedEventTypes()).toEqual(['checkout.session.completed']);
    expect((await as(ada.token).get('/api/v1/orgs/acme/billing')).body.subscription).toMatchObject({ status: 'active' });
  });

  it('the held-back events, arriving late, change nothing and add no audit entries', async () => {
    const auditBefore = await env.query('select id, action from audit_events order by id');
    const released = (await (await fetch(`${env.standIn.url}/_stand-in/webhooks/release`, { method: 'POST' })).json()) as { released: string[] };
    expect(released.released.length).toBeGreaterThanOrEqual(5);

    const synced = ['checkout.session.completed', 'customer.subscription.created', 'customer.subscription.updated', 'invoice.paid'];
    await expect.poll(recordedEventTypes).toEqual(synced.sort());
    expect((await as(ada.token).get('/api/v1/orgs/acme/billing')).body).toMatchObject({ plan: { id: 'pro' }, subscription: { status: 'active' } });
    expect(await env.query('select id, action from audit_events order by id')).toEqual(auditBefore);
  });
});
