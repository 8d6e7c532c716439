import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/lib/tenant/transaction';
import { makeCaller, ownerRows, rowsAs } from '../support/callers';
import { giveOrganizationPlan } from '../support/plans';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * The second wall, tested on its own: queries that skip every app-level check
 * (no `where organization_id = …`, writes aimed at another organization) run
 * through the same tenant transaction the API uses, and Postgres still admits
 * only the caller's organizations.
 */

let database: TestDatabase;
const organizationIds: Record<string, string> = {};

const ada = makeCaller('ada@example.com'); // owner of acme
const cara = makeCaller('cara@example.com'); // member of acme
const dan = makeCaller('dan@example.com'); // admin of acme
const bob = makeCaller('bob@example.com'); // owner of bobco, outsider to acme

beforeAll(async () => {
  database = await createTestDatabase();
  // Not a React hook, despite the name: it points lib/tenant/database at this file's database.
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  const { createOrganization } = await import('@/lib/tenancy/organizations');
  const { inOrganization } = await import('@/lib/tenant/membership');
  const { inviteMember, acceptInvitation } = await import('@/lib/tenancy/invitations');
  const { createProject } = await import('@/lib/projects/service');

  for (const caller of [ada, cara, dan, bob]) await upsertProfile({ id: caller.userId, email: caller.email! });
  organizationIds.acme = (await createOrganization(ada, { name: 'Acme', slug: 'acme' })).id;
  organizationIds.bobco = (await createOrganization(bob, { name: 'Bobco', slug: 'bobco' })).id;
  // Acme gets a fourth invitation below, more than the free plan's members: it is on Business.
  await giveOrganizationPlan(database, organizationIds.acme, 'business');
  for (const [caller, role] of [
    [cara, 'member'],
    [dan, 'admin'],
  ] as const) {
    const { accept_url } = await inOrganization(ada, 'acme', 'admin', (scope) =>
      inviteMember(scope, { email: caller.email!, role }),
    );
    await acceptInvitation(caller, accept_url.split('/').at(-1)!);
  }
  await inOrganization(ada, 'acme', 'member', (scope) => createProject(scope, { name: 'Acme rocket' }));
  await inOrganization(ada, 'acme', 'member', (scope) => createProject(scope, { name: 'Acme engine' }));
  await inOrganization(bob, 'bobco', 'member', (scope) => createProject(scope, { name: 'Bobco boat' }));
});

afterAll(async () => {
  await database?.dispose();
});

describe('row level security inside the tenant transaction', () => {
  it('an unscoped select * from projects returns only the caller’s organizations’ rows', async () => {
    const asBob = await rowsAs<{ name: string }>(bob, sql`select * from projects`);
    const asCara = await rowsAs<{ name: string }>(cara, sql`select * from projects`);
    expect(asBob.map((row) => row.name)).toEqual(['Bobco boat']);
    expect(asCara.map((row) => row.name).sort()).toEqual(['Acme engine', 'Acme rocket']);
    expect(await ownerRows(database, sql`select * from projects`)).toHaveLength(3);
  });

  it('hides other organizations, their memberships, invitations and audit events', async () => {
    expect(await rowsAs(bob, sql`select slug from organizations`)).toEqual([{ slug: 'bobco' }]);
    expect(await rowsAs(bob, sql`select * from memberships where organization_id <> ${organizationIds.bobco}`)).toEqual([]);
    expect(await rowsAs(bob, sql`select * from invitations`)).toEqual([]);
    expect(await rowsAs(bob, sql`select * from audit_events where organization_id = ${organizationIds.acme}`)).toEqual([]);
  });

  it('shows a member the profiles of co-members only', async () => {
    const seenByBob = await rowsAs<{ email: string }>(bob, sql`select email from profiles`);
    const seenByCara = await rowsAs<{ email: string }>(cara, sql`select email from profiles order by email`);
    expect(seenByBob.map((row) => row.email)).toEqual(['bob@example.com']);
    expect(seenByCara.map((row) => row.email)).toEqual(['ada@example.com', 'cara@example.com', 'dan@example.com']);
  });

  it('keeps the audit trail and invitations from members who are not admins', async () => {
    expect(await rowsAs(cara, sql`select * from audit_events`)).toEqual([]);
    expect(await rowsAs(cara, sql`select * from invitations where email <> ${cara.email}`)).toEqual([]);
    expect((await rowsAs(dan, sql`select * from audit_events`)).length).toBeGreaterThan(0);
  });

  it('refuses writes into another organization even when the app’s checks are skipped', async () => {
    const before = await ownerRows(database, sql`select * from projects order by id`);
    await expect(
      rowsAs(bob, sql`insert into projects (organization_id, name, created_by) values (${organizationIds.acme}, 'Planted', ${bob.userId})`),
    ).rejects.toThrow();
    // Refused outright (no privilege) or matching no row (RLS): either way nothing changes.
    const attempt = (query: SQL) => rowsAs(bob, query).catch(() => []);
    await attempt(sql`update projects set name = 'Pwned' where organization_id = ${organizationIds.acme}`);
    await attempt(sql`delete from projects where organization_id = ${organizationIds.acme}`);
    await attempt(sql`update organizations set name = 'Pwned' where id = ${organizationIds.acme}`);
    await attempt(sql`delete from organizations where id = ${organizationIds.acme}`);
    await expect(
      rowsAs(bob, sql`insert into audit_events (organization_id, actor_id, action, target_type, target_id) values (${organizationIds.acme}, ${bob.userId}, 'x', 'x', 'x')`),
    ).rejects.toThrow();
    expect(await ownerRows(database, sql`select * from projects order by id`)).toEqual(before);
    expect(await ownerRows(database, sql`select name from organizations order by name`)).toEqual([{ name: 'Acme' }, { name: 'Bobco' }]);
  });

  it('refuses joining an organization with members without an invitation, as any role', async () => {
    for (const role of ['owner', 'admin', 'member']) {
      await expect(
        rowsAs(bob, sql`insert into memberships (organization_id, user_id, role) values (${organizationIds.acme}, ${bob.userId}, ${role}::membership_role)`),
      ).rejects.toThrow();
    }
  });

  it('refuses role escalation in SQL: a member cannot promote themself, an admin cannot become owner', async () => {
    await expect(rowsAs(cara, sql`update memberships set role = 'admin' where user_id = ${cara.userId}`)).rejects.toThrow();
    await expect(rowsAs(dan, sql`update memberships set role = 'owner' where user_id = ${dan.userId}`)).rejects.toThrow();
    await expect(rowsAs(dan, sql`update memberships set role = 'member' where user_id = ${ada.userId}`)).rejects.toThrow();
    expect(
      await ownerRows(database, sql`select role from memberships where organization_id = ${organizationIds.acme} order by role`),
    ).toEqual([{ role: 'owner' }, { role: 'admin' }, { role: 'member' }]);
  });

  it('refuses rewriting columns the app never changes, even in rows the caller may update', async () => {
    const { inOrganization } = await import('@/lib/tenant/membership');
    const { inviteMember } = await import('@/lib/tenancy/invitations');
    await inOrganization(ada, 'acme', 'admin', (scope) => inviteMember(scope, { email: bob.email!, role: 'member' }));
    // The invitee cannot upgrade their invitation to owner before accepting it.
    await expect(rowsAs(bob, sql`update invitations set role = 'owner' where email = ${bob.email}`)).rejects.toThrow();
    await expect(rowsAs(bob, sql`update invitations set email = 'other@example.com' where email = ${bob.email}`)).rejects.toThrow();
    // An admin may change roles, but not hand someone's membership to another user.
    await expect(rowsAs(dan, sql`update memberships set user_id = ${bob.userId} where user_id = ${cara.userId}`)).rejects.toThrow();
    await expect(rowsAs(ada, sql`update projects set organization_id = ${organizationIds.bobco}`)).rejects.toThrow();
    await expect(rowsAs(ada, sql`delete from audit_events`)).rejects.toThrow();
    await expect(rowsAs(ada, sql`update profiles set email = 'ada@evil.example.com'`)).rejects.toThrow();
    expect(await ownerRows(database, sql`select role from invitations where email = ${bob.email}`)).toEqual([{ role: 'member' }]);
  });

  it('never lets a caller’s identity outlive its transaction on a reused connection', async () => {
    await rowsAs(ada, sql`select 1`);
    const [after] = await ownerRows<{ claims: string | null; role: string }>(database, 
      sql`select nullif(current_setting('request.jwt.claims', true), '') as claims, current_user as role`,
    );
    expect(after?.claims ?? null).toBeNull();
    expect(after?.role).not.toBe('authenticated');
  });

  it('shows nothing to the authenticated role when no claims are set', async () => {
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role authenticated`);
      return resultRows(await tx.execute(sql`select * from projects`));
    });
    expect(rows).toEqual([]);
  });
});
