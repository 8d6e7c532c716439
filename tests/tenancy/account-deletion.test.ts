import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_SECRET_KEY } from '@/scripts/auth-emulator/constants';
import { snapshotTenantTables } from '../api/harness';
import { addMember, as, startBillingTestEnvironment, type BillingTestEnvironment, type User } from '../billing/billing-harness';
import { payCheckout } from '../support/stripe-stand-in';

/*
 * Deleting an account from /account (DELETE /api/v1/me): the person leaves
 * every organization, those where they were alone go with them (their
 * subscription cancelled at Stripe first), and their sign-in is deleted at
 * Supabase Auth through the admin API, which the emulator serves.
 */

let env: BillingTestEnvironment;

async function signIn(label: string): Promise<User> {
  return env.signIn(`${label}-${Math.random().toString(36).slice(2, 8)}@example.com`, label);
}

async function createOrganization(owner: User, slug: string): Promise<string> {
  const response = await as(owner.token).post('/api/v1/orgs', { name: slug, slug });
  expect(response.status).toBe(201);
  return response.body.id;
}

function admin(key = LOCAL_SECRET_KEY) {
  return createClient(env.emulator.url, key, { auth: { persistSession: false, autoRefreshToken: false } }).auth.admin;
}

beforeAll(async () => {
  env = await startBillingTestEnvironment({ delivery: 'stand-in' });
});

afterAll(async () => {
  await env?.close();
});

describe('deleting an account', () => {
  it('is refused while the person is the last owner of an organization with other members, naming it, and changes nothing', async () => {
    const olga = await signIn('olga');
    const max = await signIn('max');
    await createOrganization(olga, `shared-${olga.id.slice(0, 6)}`);
    await addMember(olga, `shared-${olga.id.slice(0, 6)}`, max);
    const before = await snapshotTenantTables(env.database);

    const refused = await as(olga.token).delete('/api/v1/me', { confirm: olga.email });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last_owner');
    expect(refused.body.error.message).toContain(`shared-${olga.id.slice(0, 6)}`);
    expect(await snapshotTenantTables(env.database)).toEqual(before);
    expect((await admin().getUserById(olga.id)).data.user?.id).toBe(olga.id);
  });

  it('needs the email typed again', async () => {
    const pat = await signIn('pat');
    const before = await snapshotTenantTables(env.database);
    const response = await as(pat.token).delete('/api/v1/me', { confirm: 'someone@example.com' });
    expect(response.status).toBe(422);
    expect(await snapshotTenantTables(env.database)).toEqual(before);
  });

  it('leaves shared organizations, deletes the ones the person was alone in after cancelling at Stripe, then the profile and the sign-in', async () => {
    const ruth = await signIn('ruth');
    const sam = await signIn('sam');
    const solo = `solo-${ruth.id.slice(0, 6)}`;
    const shared = `team-${sam.id.slice(0, 6)}`;
    const soloId = await createOrganization(ruth, solo);
    const sharedId = await createOrganization(sam, shared);
    await addMember(sam, shared, ruth, 'admin');

    // The solo organization pays for Pro.
    const checkout = await as(ruth.token).post(`/api/v1/orgs/${solo}/billing/checkout`, { plan: 'pro', interval: 'month' });
    expect((await payCheckout(checkout.body.url)).status).toBe(303);
    await vi.waitFor(
      async () => expect(await env.query(`select status from subscriptions where organization_id = '${soloId}'`)).toEqual([{ status: 'active' }]),
      { timeout: 10_000 },
    );
    const [organization] = await env.query<{ stripe_customer_id: string }>(
      `select stripe_customer_id from organizations where id = '${soloId}'`,
    );
    const customer = organization!.stripe_customer_id;

    expect((await as(ruth.token).delete('/api/v1/me', { confirm: ruth.email.toUpperCase() })).status).toBe(204);

    expect(await env.query(`select id from organizations where id = '${soloId}'`)).toEqual([]);
    expect(await env.query(`select user_id from memberships where organization_id = '${sharedId}'`)).toEqual([{ user_id: sam.id }]);
    expect(await env.query(`select id from profiles where id = '${ruth.id}'`)).toEqual([]);
    expect(
      await env.query(`select action, actor_id, details from audit_events where organization_id = '${sharedId}' and action = 'member.left'`),
    ).toEqual([{ action: 'member.left', actor_id: ruth.id, details: { role: 'admin', account_deleted: true } }]);
    const subscriptions = await env.stripe.subscriptions.list({ customer, status: 'all' });
    expect(subscriptions.data.map((subscription) => subscription.status)).toEqual(['canceled']);
    const gone = await admin().getUserById(ruth.id);
    expect(gone.error?.status).toBe(404);
  });
});

describe('the emulator’s admin API', () => {
  it('opens only with the secret key, as Supabase’s does', async () => {
    const someone = await signIn('someone');
    const denied = await admin('sb_publishable_local_emulator_key').getUserById(someone.id);
    expect(denied.error).toMatchObject({ status: 403, code: 'not_admin' });
    const withToken = await admin(someone.token).deleteUser(someone.id);
    expect(withToken.error).toMatchObject({ status: 403 });
    expect((await admin().getUserById(someone.id)).data.user?.email).toBe(someone.email);
  });
});
