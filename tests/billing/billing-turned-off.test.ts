import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_STAND_IN_WEBHOOK_SECRET } from '@/lib/local-stand-ins';
import { as, deliver, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

// BILLING=off: a founder who does not want billing yet. The stand-in runs
// anyway, to prove that nothing reaches for it.
let env: BillingTestEnvironment;
let ada: User;

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'manual', env: { BILLING: 'off' } });
  ada = await env.signIn('ada@example.com', 'Ada Owner');
  expect((await as(ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
});

afterAll(async () => {
  await env?.close();
});

describe('with billing turned off', () => {
  it('checkout and the customer portal answer 501 billing_disabled, and nothing is created at Stripe', async () => {
    const checkout = await as(ada.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' });
    const portal = await as(ada.token).post('/api/v1/orgs/acme/billing/portal');
    for (const response of [checkout, portal]) {
      expect(response.status).toBe(501);
      expect(response.body.error).toEqual({ code: 'billing_disabled', message: 'Billing is not enabled on this site.' });
    }
    expect((await env.stripe.customers.list()).data).toEqual([]);
  });

  it('a webhook signed with the stand-in\'s published secret is refused and nothing is recorded', async () => {
    const customer = await env.stripe.customers.create({ email: 'mallory@example.com' });
    const [event] = await env.events({ type: 'customer.created' });
    expect(event?.data.object).toMatchObject({ id: customer.id });
    const response = await deliver(event!, STRIPE_STAND_IN_WEBHOOK_SECRET);
    expect(response.status).toBe(501);
    expect(response.body.error.code).toBe('billing_disabled');
    expect(await env.query('select id from stripe_events')).toEqual([]);
  });

  it('the plan is still shown, and an organization can still be deleted', async () => {
    const overview = await as(ada.token).get('/api/v1/orgs/acme/billing');
    expect(overview.status).toBe(200);
    expect(overview.body.plan).toEqual({ id: 'free', name: 'Free' });
    expect((await as(ada.token).delete('/api/v1/orgs/acme')).status).toBe(204);
  });
});
