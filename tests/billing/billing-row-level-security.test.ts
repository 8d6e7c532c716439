import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaller, ownerRows, rowsAs } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * Billing rows are written only by the system, from Stripe's state. A user
 * holding a valid token (say, through Supabase's Data API) must not be able to
 * give their organization a plan, point it at another customer, or read
 * another organization's subscription.
 */

let database: TestDatabase;
const ada = makeCaller('ada@example.com', '00000000-0000-4000-8000-0000000000a1');
const bob = makeCaller('bob@example.com', '00000000-0000-4000-8000-0000000000b2');
const organizationIds: Record<'acme' | 'bobco', string> = { acme: '', bobco: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  const { createOrganization } = await import('@/lib/tenancy/organizations');
  for (const caller of [ada, bob]) await upsertProfile({ id: caller.userId, email: caller.email! });
  organizationIds.acme = (await createOrganization(ada, { name: 'Acme', slug: 'acme' })).id;
  organizationIds.bobco = (await createOrganization(bob, { name: 'Bobco', slug: 'bobco' })).id;
  await ownerRows(database, sql`update organizations set stripe_customer_id = 'cus_bobco' where id = ${organizationIds.bobco}`);
  await ownerRows(database, sql`
    insert into subscriptions (id, organization_id, stripe_customer_id, status, plan, interval, stripe_created_at)
    values ('sub_bobco', ${organizationIds.bobco}, 'cus_bobco', 'active', 'business', 'month', now())`);
  await ownerRows(database, sql`insert into stripe_events (id, type, stripe_created_at) values ('evt_1', 'invoice.paid', now())`);
});

afterAll(async () => {
  await database?.dispose();
});

describe('billing tables under row level security', () => {
  it('a member reads their own organization’s subscription and nobody else’s', async () => {
    expect(await rowsAs(bob, sql`select id from subscriptions`)).toEqual([{ id: 'sub_bobco' }]);
    expect(await rowsAs(ada, sql`select id from subscriptions`)).toEqual([]);
  });

  it('an owner cannot give their organization a plan, or change or delete a subscription', async () => {
    await expect(
      rowsAs(ada, sql`
        insert into subscriptions (id, organization_id, stripe_customer_id, status, plan, interval, stripe_created_at)
        values ('sub_free_lunch', ${organizationIds.acme}, 'cus_x', 'active', 'business', 'month', now())`),
    ).rejects.toThrow();
    await expect(rowsAs(bob, sql`update subscriptions set plan = 'business', status = 'active'`)).rejects.toThrow();
    await expect(rowsAs(bob, sql`delete from subscriptions`)).rejects.toThrow();
    expect(await ownerRows(database, sql`select id, status from subscriptions`)).toEqual([{ id: 'sub_bobco', status: 'active' }]);
  });

  it('an owner cannot point their organization at another organization’s Stripe customer', async () => {
    await expect(
      rowsAs(ada, sql`update organizations set stripe_customer_id = 'cus_bobco' where id = ${organizationIds.acme}`),
    ).rejects.toThrow();
    expect(await ownerRows(database, sql`select stripe_customer_id from organizations where id = ${organizationIds.acme}`)).toEqual([
      { stripe_customer_id: null },
    ]);
  });

  it('processed Stripe events are invisible and unwritable to users', async () => {
    await expect(rowsAs(ada, sql`select * from stripe_events`)).rejects.toThrow();
    await expect(rowsAs(ada, sql`insert into stripe_events (id, type, stripe_created_at) values ('evt_2', 'x', now())`)).rejects.toThrow();
  });

  it('seats_used answers only for an organization the caller belongs to', async () => {
    expect(await rowsAs(ada, sql`select tenantry.seats_used(${organizationIds.acme}) as seats`)).toEqual([{ seats: 1 }]);
    expect(await rowsAs(ada, sql`select tenantry.seats_used(${organizationIds.bobco}) as seats`)).toEqual([{ seats: null }]);
  });
});
