import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payCheckout, portalAction } from '../support/stripe-stand-in';
import { addMember, as, startBillingTestEnvironment, type BillingTestEnvironment, type User } from './billing-harness';

let env: BillingTestEnvironment;
const users = {} as Record<'ada' | 'cara' | 'dan' | 'eve', User>;
let acmeId: string;

async function projectCount(organizationId: string) {
  const [row] = await env.query<{ count: number | string }>(`select count(*) as count from projects where organization_id = '${organizationId}'`);
  return Number(row?.count);
}

async function upgrade(owner: User, slug: string, organizationId: string) {
  const checkout = await as(owner.token).post(`/api/v1/orgs/${slug}/billing/checkout`, { plan: 'pro', interval: 'month' });
  expect(checkout.status).toBe(200);
  expect((await payCheckout(checkout.body.url)).status).toBe(303);
  await vi.waitFor(
    async () =>
      expect(await env.query(`select status from subscriptions where organization_id = '${organizationId}'`)).toEqual([{ status: 'active' }]),
    { timeout: 10_000 },
  );
}

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'stand-in' });
  users.ada = await env.signIn('ada@example.com', 'Ada Owner');
  users.cara = await env.signIn('cara@example.com', 'Cara Member');
  users.dan = await env.signIn('dan@example.com', 'Dan Admin');
  users.eve = await env.signIn('eve@example.com', 'Eve Newcomer');
  acmeId = (await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).body.id;
});

afterAll(async () => {
  await env?.close();
});

describe('on the free plan', () => {
  it('the fourth project is refused with 402 plan_limit, naming the limit and the plan that lifts it', async () => {
    for (const name of ['One', 'Two', 'Three']) {
      expect((await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name })).status).toBe(201);
    }
    const fourth = await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Four' });
    expect(fourth.status).toBe(402);
    expect(fourth.body.error).toEqual({
      code: 'plan_limit',
      message: 'The Free plan allows 3 projects per organization. Upgrade to Pro for up to 25 projects.',
    });
    expect(await projectCount(acmeId)).toBe(3);
  });

  it('concurrent creations cannot pass the limit together', async () => {
    await as(users.eve.token).post('/api/v1/orgs', { name: 'Racers', slug: 'racers' });
    const racersId = (await env.query<{ id: string }>(`select id from organizations where slug = 'racers'`))[0]!.id;
    await as(users.eve.token).post('/api/v1/orgs/racers/projects', { name: 'First' });
    const responses = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => as(users.eve.token).post('/api/v1/orgs/racers/projects', { name })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 402, 402]);
    expect(await projectCount(racersId)).toBe(3);
  });

  it('pending invitations hold seats: the invitation for a fourth member is refused with 402', async () => {
    await addMember(users.ada, 'acme', users.cara);
    const pending = await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: users.dan.email, role: 'admin' });
    expect(pending.status).toBe(201);
    const fourth = await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: users.eve.email });
    expect(fourth.status).toBe(402);
    expect(fourth.body.error.code).toBe('plan_limit');
    expect(fourth.body.error.message).toMatch(/allows 3 members/);
    expect(await env.query(`select 1 from invitations where email = '${users.eve.email}'`)).toEqual([]);
    const usage = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(usage.body.usage).toEqual({ projects: 3, members: 3, api_keys: 0 });
  });

  it('the audit log is a paid feature (402 plan_upgrade_required), though events are still recorded', async () => {
    const response = await as(users.ada.token).get('/api/v1/orgs/acme/audit');
    expect(response.status).toBe(402);
    expect(response.body.error).toEqual({
      code: 'plan_upgrade_required',
      message: 'The audit log is not part of the Free plan. Upgrade to Pro to use it.',
    });
    expect((await env.query(`select 1 from audit_events where organization_id = '${acmeId}'`)).length).toBeGreaterThan(0);
  });
});

describe('after upgrading to Pro', () => {
  it('the fourth project, the fourth member and the audit log are allowed', async () => {
    await upgrade(users.ada, 'acme', acmeId);
    expect((await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Four' })).status).toBe(201);
    expect((await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: users.eve.email })).status).toBe(201);
    expect((await as(users.ada.token).get('/api/v1/orgs/acme/audit')).status).toBe(200);
  });

  it('after cancelling and the period ending, the organization is back on free, keeps its data, and cannot add more', async () => {
    const [subscription] = await env.query<{ id: string }>(`select id from subscriptions where organization_id = '${acmeId}'`);
    const portal = await as(users.ada.token).post('/api/v1/orgs/acme/billing/portal');
    expect((await portalAction(portal.body.url, { subscription: subscription!.id, verb: 'cancel' })).status).toBe(303);
    await env.standIn.advanceClock(32 * 86_400);
    await vi.waitFor(
      async () => expect(await env.query(`select status from subscriptions where organization_id = '${acmeId}'`)).toEqual([{ status: 'canceled' }]),
      { timeout: 10_000 },
    );

    const billing = await as(users.cara.token).get('/api/v1/orgs/acme/billing');
    expect(billing.body).toMatchObject({ plan: { id: 'free' }, usage: { projects: 4, members: 4 }, limits: { projects: 3, members: 3 } });
    expect((await as(users.cara.token).get('/api/v1/orgs/acme/projects')).body.data).toHaveLength(4);
    expect((await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Five' })).status).toBe(402);
    expect((await as(users.ada.token).get('/api/v1/orgs/acme/audit')).status).toBe(402);
  });
});

describe('deleting an organization', () => {
  it('cancels its subscription at Stripe first, then deletes it', async () => {
    const doomed = await as(users.dan.token).post('/api/v1/orgs', { name: 'Doomed', slug: 'doomed' });
    await upgrade(users.dan, 'doomed', doomed.body.id);
    const [subscription] = await env.query<{ id: string }>(`select id from subscriptions where organization_id = '${doomed.body.id}'`);
    expect((await as(users.dan.token).delete('/api/v1/orgs/doomed')).status).toBe(204);
    expect((await env.stripe.subscriptions.retrieve(subscription!.id)).status).toBe('canceled');
    expect(await env.query(`select 1 from subscriptions where organization_id = '${doomed.body.id}'`)).toEqual([]);
  });
});
