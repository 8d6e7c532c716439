import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseClaims, type Caller } from '@/lib/tenant/caller';
import { attemptAs, makeCaller, outcomeOf, ownerRows, type Outcome } from '../support/callers';
import { giveOrganizationPlan } from '../support/plans';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * The database is the last wall. Supabase's Data API lets every signed-in
 * user run SQL as `authenticated` with their own claims; these tests do just
 * that, with none of the app's code in between, and check that each attack is
 * refused and that the state, re-read as the tables' owner, is unchanged.
 */

let database: TestDatabase;
let lib: {
  organizations: typeof import('@/lib/tenancy/organizations');
  invitations: typeof import('@/lib/tenancy/invitations');
  members: typeof import('@/lib/tenancy/members');
  scope: typeof import('@/lib/tenant/membership');
  profiles: typeof import('@/lib/profiles/upsert-profile');
};

const ada = makeCaller('ada@example.com'); // owner of every organization she creates
const dan = makeCaller('dan@example.com'); // admin
const cara = makeCaller('cara@example.com'); // member
const bob = makeCaller('bob@example.com'); // owner of bobco, outsider to the others
const eve = makeCaller('eve@example.com'); // newcomer, invited in some tests

const attempt = (caller: Caller | 'anon', query: SQL) => attemptAs(database, caller, query);
const owner = <Row = Record<string, unknown>>(query: SQL) => ownerRows<Row>(database, query);
/** The tables' owner, whom RLS and privileges do not restrict: only triggers and constraints stand in the way. */
const attemptAsOwner = (query: SQL) => outcomeOf(owner(query));

function expectRule(outcome: Outcome, rule: string) {
  expect(outcome).toMatchObject({ refused: true, code: 'TNT01', message: rule });
}

function expectNoPrivilege(outcome: Outcome) {
  expect(outcome).toMatchObject({ refused: true, code: '42501' });
}

/** Refused with an error, or allowed to touch nothing (RLS filters the rows away). */
function expectNothingDone(outcome: Outcome) {
  if (!outcome.refused) expect(outcome.rows).toEqual([]);
}

/** Everything a tenant rule protects, read as the tables' owner. */
async function state() {
  return {
    organizations: await owner(sql`select id, slug, name, stripe_customer_id from organizations order by id`),
    memberships: await owner(sql`select organization_id, user_id, role from memberships order by organization_id, user_id`),
    invitations: await owner(sql`select id, email, role, token_hash, expires_at, accepted_at, accepted_by, revoked_at from invitations order by id`),
    projects: await owner(sql`select id, organization_id, name from projects order by id`),
    auditEvents: await owner(sql`select id from audit_events order by id`),
    subscriptions: await owner(sql`select id, status, plan from subscriptions order by id`),
    profiles: await owner(sql`select id, email from profiles order by id`),
  };
}

let organizationCount = 0;

/**
 * A fresh organization owned by Ada, with Dan as admin and Cara as member,
 * joined through real invitations; on Business (no limits) unless a test is about limits.
 */
async function arrangeOrganization(options: { plan?: 'free' | 'pro' | 'business' } = {}) {
  const slug = `org-${++organizationCount}-${Math.random().toString(36).slice(2, 6)}`;
  const { id } = await lib.organizations.createOrganization(ada, { name: `Org ${organizationCount}`, slug });
  const plan = options.plan ?? 'business';
  if (plan !== 'free') await giveOrganizationPlan(database, id, plan);
  for (const [caller, role] of [
    [dan, 'admin'],
    [cara, 'member'],
  ] as const) {
    const token = await invite(slug, caller.email!, role);
    await lib.invitations.acceptInvitation(caller, token);
  }
  return { id, slug };
}

async function invite(slug: string, email: string, role: 'owner' | 'admin' | 'member' = 'member', by: Caller = ada) {
  const { accept_url } = await lib.scope.inOrganization(by, slug, 'admin', (scope) => lib.invitations.inviteMember(scope, { email, role }));
  return accept_url.split('/invite/')[1]!;
}

async function invitationId(organizationId: string, email: string) {
  const [row] = await owner<{ id: string }>(
    sql`select id from invitations where organization_id = ${organizationId} and email = ${email} order by created_at desc limit 1`,
  );
  return row!.id;
}

async function roleOf(organizationId: string, caller: Caller) {
  const [row] = await owner<{ role: string }>(
    sql`select role from memberships where organization_id = ${organizationId} and user_id = ${caller.userId}`,
  );
  return row?.role ?? null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  lib = {
    organizations: await import('@/lib/tenancy/organizations'),
    invitations: await import('@/lib/tenancy/invitations'),
    members: await import('@/lib/tenancy/members'),
    scope: await import('@/lib/tenant/membership'),
    profiles: await import('@/lib/profiles/upsert-profile'),
  };
  for (const caller of [ada, dan, cara, bob, eve]) await lib.profiles.upsertProfile({ id: caller.userId, email: caller.email! });
  await lib.organizations.createOrganization(bob, { name: 'Bobco', slug: 'bobco' });
  // Supabase's role for requests without a session; plain PostgreSQL and PGlite lack it.
  await database.db.execute(sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
});

afterAll(async () => {
  await database?.dispose();
});

describe('invitations go from pending to accepted or revoked, once', () => {
  let org: { id: string; slug: string };
  beforeEach(async () => {
    org = await arrangeOrganization();
  });

  it('an invitee cannot un-revoke their invitation and join with it', async () => {
    const token = await invite(org.slug, eve.email!);
    const id = await invitationId(org.id, eve.email!);
    await lib.scope.inOrganization(ada, org.slug, 'admin', (scope) => lib.invitations.revokeInvitation(scope, id));
    const before = await state();

    expectNoPrivilege(await attempt(eve, sql`update invitations set revoked_at = null where id = ${id}`));
    expectNoPrivilege(await attempt(eve, sql`update invitations set accepted_at = now(), accepted_by = ${eve.userId} where id = ${id}`));
    expectNoPrivilege(await attempt(eve, sql`insert into memberships (organization_id, user_id, role) values (${org.id}, ${eve.userId}, 'member')`));
    expectRule(await attempt(eve, sql`select tenantry.accept_invitation(${token})`), 'invitation_revoked');
    expectRule(await attempt(eve, sql`select tenantry.accept_invitation_by_id(${id})`), 'invitation_revoked');
    expect(await state()).toEqual(before);
  });

  it('a removed member cannot rejoin with the invitation they already used', async () => {
    const token = await invite(org.slug, eve.email!);
    await lib.invitations.acceptInvitation(eve, token);
    await lib.scope.inOrganization(ada, org.slug, 'admin', (scope) => lib.members.removeMember(scope, eve.userId));
    const before = await state();

    expectRule(await attempt(eve, sql`select tenantry.accept_invitation(${token})`), 'invitation_used');
    expectNoPrivilege(await attempt(eve, sql`update invitations set accepted_at = null where email = ${eve.email}`));
    expect(await state()).toEqual(before);
    expect(await roleOf(org.id, eve)).toBeNull();
  });

  it('a demoted owner cannot regain owner through their old owner invitation', async () => {
    const token = await invite(org.slug, eve.email!, 'owner');
    await lib.invitations.acceptInvitation(eve, token);
    await lib.scope.inOrganization(ada, org.slug, 'owner', (scope) => lib.members.changeRole(scope, eve.userId, 'member'));
    const before = await state();

    expectRule(await attempt(eve, sql`select tenantry.accept_invitation(${token})`), 'invitation_used');
    expectNoPrivilege(await attempt(eve, sql`update memberships set role = 'owner' where user_id = ${eve.userId}`));
    expect(await state()).toEqual(before);
    expect(await roleOf(org.id, eve)).toBe('member');
  });

  it('nobody else can use an invitation, not even with a look-alike address', async () => {
    const token = await invite(org.slug, 'kate@example.com');
    // The Kelvin sign lowercases to k in Unicode, but it is not the address the invitation was sent to.
    const kelvin = makeCaller('\u212Aate@example.com');
    await lib.profiles.upsertProfile({ id: kelvin.userId, email: kelvin.email! });
    const before = await state();
    expectRule(await attempt(bob, sql`select tenantry.accept_invitation(${token})`), 'invitation_email_mismatch');
    expectRule(await attempt(kelvin, sql`select tenantry.accept_invitation(${token})`), 'invitation_email_mismatch');
    expect(await state()).toEqual(before);
  });

  it('an admin cannot plant an invitation with a token hash or an expiry of their choosing', async () => {
    const before = await state();
    expectNoPrivilege(
      await attempt(dan, sql`
        insert into invitations (organization_id, email, role, token_hash, invited_by, expires_at)
        values (${org.id}, 'mallory@example.com', 'member', ${'0'.repeat(64)}, ${dan.userId}, '9999-01-01')`),
    );
    expect(await state()).toEqual(before);

    // Through the one way in, the database makes the token and sets the expiry itself.
    const created = await attempt(dan, sql`select * from tenantry.create_invitation(${org.id}, 'Mallory@Example.com', 'member')`);
    expect(created.refused).toBe(false);
    const [row] = await owner<{ email: string; token_hash: string; in_days: number }>(sql`
      select email, token_hash, extract(epoch from expires_at - created_at) / 86400 as in_days
      from invitations where email = 'mallory@example.com'`);
    expect(row).toMatchObject({ email: 'mallory@example.com', token_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Number(row!.in_days)).toBeCloseTo(7, 3);
  });

  it('the tables’ owner cannot store an invitation that expires past the window or is both accepted and revoked', async () => {
    const id = await invitationId(org.id, cara.email!);
    const before = await state();
    expect(await attemptAsOwner(sql`update invitations set expires_at = '9999-01-01' where id = ${id}`)).toMatchObject({ refused: true, code: '23514' });
    expectRule(await attemptAsOwner(sql`update invitations set revoked_at = now() where id = ${id}`), 'invitation_used');
    expectRule(await attemptAsOwner(sql`update invitations set accepted_at = null where id = ${id}`), 'invitation_used');
    expectRule(await attemptAsOwner(sql`update invitations set role = 'owner' where id = ${id}`), 'forbidden');
    expect(await state()).toEqual(before);
  });
});

describe('an organization always has an owner', () => {
  it('the sole owner cannot delete their own membership, in SQL or through the function', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    expectNoPrivilege(await attempt(ada, sql`delete from memberships where user_id = ${ada.userId} and organization_id = ${org.id}`));
    expectRule(await attempt(ada, sql`select tenantry.remove_member(${org.id}, ${ada.userId})`), 'last_owner');
    expectRule(await attempt(ada, sql`select tenantry.change_role(${org.id}, ${ada.userId}, 'admin')`), 'last_owner');
    expect(await state()).toEqual(before);
  });

  it('nobody can claim an organization by inserting themselves as its owner', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    for (const role of ['owner', 'admin', 'member']) {
      expectNoPrivilege(
        await attempt(bob, sql`insert into memberships (organization_id, user_id, role) values (${org.id}, ${bob.userId}, ${role}::membership_role)`),
      );
    }
    expect(await state()).toEqual(before);
  });

  it('even the tables’ owner cannot leave an organization without one: not by deleting a profile, not by inserting a bare organization', async () => {
    const loner = makeCaller('loner@example.com');
    await lib.profiles.upsertProfile({ id: loner.userId, email: loner.email! });
    const { id } = await lib.organizations.createOrganization(loner, { name: 'Lonely', slug: 'lonely-org' });
    expectRule(await attemptAsOwner(sql`delete from profiles where id = ${loner.userId}`), 'last_owner');
    expect(await owner(sql`select role from memberships where organization_id = ${id}`)).toEqual([{ role: 'owner' }]);
    expectRule(await attemptAsOwner(sql`insert into organizations (slug, name) values ('ownerless', 'Ownerless')`), 'last_owner');
    expect(await owner(sql`select id from organizations where slug = 'ownerless'`)).toEqual([]);
  });

  it('deleting a member’s profile takes their memberships, and deleting an organization takes everything it owns', async () => {
    const org = await arrangeOrganization();
    const leaver = makeCaller('leaver@example.com');
    await lib.profiles.upsertProfile({ id: leaver.userId, email: leaver.email! });
    await lib.invitations.acceptInvitation(leaver, await invite(org.slug, leaver.email!));
    await owner(sql`delete from profiles where id = ${leaver.userId}`);
    expect(await roleOf(org.id, leaver)).toBeNull();

    await lib.scope.inOrganization(ada, org.slug, 'owner', (scope) => lib.organizations.deleteOrganization(scope));
    expect(await owner(sql`select 1 from memberships where organization_id = ${org.id}`)).toEqual([]);
    expect(await owner(sql`select 1 from audit_events where organization_id = ${org.id}`)).toEqual([]);
  });

  it('ownership moves in one step, and only an owner moves it', async () => {
    const org = await arrangeOrganization();
    expectRule(await attempt(dan, sql`select tenantry.transfer_ownership(${org.id}, ${dan.userId})`), 'forbidden');
    expect((await attempt(ada, sql`select tenantry.transfer_ownership(${org.id}, ${dan.userId})`)).refused).toBe(false);
    expect([await roleOf(org.id, ada), await roleOf(org.id, dan)]).toEqual(['admin', 'owner']);
    expect(await owner(sql`select action from audit_events where organization_id = ${org.id} and action = 'organization.ownership_transferred'`)).toHaveLength(1);
  });
});

describe('roles only move the way the API allows', () => {
  it('a member cannot promote themself, an admin cannot make or unmake owners', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    expectNoPrivilege(await attempt(cara, sql`update memberships set role = 'admin' where user_id = ${cara.userId}`));
    expectRule(await attempt(cara, sql`select tenantry.change_role(${org.id}, ${cara.userId}, 'admin')`), 'forbidden');
    expectRule(await attempt(dan, sql`select tenantry.change_role(${org.id}, ${dan.userId}, 'owner')`), 'forbidden');
    expectRule(await attempt(dan, sql`select tenantry.change_role(${org.id}, ${ada.userId}, 'member')`), 'forbidden');
    expectRule(await attempt(dan, sql`select tenantry.remove_member(${org.id}, ${ada.userId})`), 'forbidden');
    expectRule(await attempt(cara, sql`select tenantry.remove_member(${org.id}, ${dan.userId})`), 'forbidden');
    expectRule(await attempt(dan, sql`select * from tenantry.create_invitation(${org.id}, 'boss@example.com', 'owner')`), 'forbidden');
    expectRule(await attempt(cara, sql`select * from tenantry.create_invitation(${org.id}, 'pal@example.com', 'member')`), 'forbidden');
    expectRule(await attempt(dan, sql`select tenantry.delete_organization(${org.id})`), 'forbidden');
    expect(await state()).toEqual(before);
  });

  it('another organization’s owner reaches nothing here: every function answers “not found”', async () => {
    const org = await arrangeOrganization();
    const invitation = await invitationId(org.id, cara.email!);
    const before = await state();
    for (const attack of [
      sql`select tenantry.change_role(${org.id}, ${cara.userId}, 'admin')`,
      sql`select tenantry.remove_member(${org.id}, ${cara.userId})`,
      sql`select tenantry.transfer_ownership(${org.id}, ${bob.userId})`,
      sql`select * from tenantry.create_invitation(${org.id}, ${bob.email}, 'owner')`,
      sql`select tenantry.revoke_invitation(${org.id}, ${invitation})`,
      sql`select tenantry.update_organization(${org.id}, 'Pwned', null)`,
      sql`select tenantry.delete_organization(${org.id})`,
    ]) {
      expectRule(await attempt(bob, attack), 'not_found');
    }
    expectNothingDone(await attempt(bob, sql`update projects set name = 'Pwned' where organization_id = ${org.id} returning id`));
    expectNothingDone(await attempt(bob, sql`delete from projects where organization_id = ${org.id} returning id`));
    expect((await attempt(bob, sql`insert into projects (organization_id, name, created_by) values (${org.id}, 'Planted', ${bob.userId})`)).refused).toBe(true);
    expect(await state()).toEqual(before);
  });
});

describe('direct writes meet the API’s own rules', () => {
  it('a member cannot insert past the plan’s projects, one by one or ten at once', async () => {
    const org = await arrangeOrganization({ plan: 'free' });
    const insert = (name: string) =>
      attempt(cara, sql`insert into projects (organization_id, name, created_by) values (${org.id}, ${name}, ${cara.userId})`);
    for (const name of ['One', 'Two', 'Three']) expect((await insert(name)).refused).toBe(false);
    const fourth = await insert('Four');
    expectRule(fourth, 'plan_limit');
    const ten = await attempt(cara, sql`
      insert into projects (organization_id, name, created_by)
      select ${org.id}, 'Bulk ' || n, ${cara.userId} from generate_series(1, 10) n`);
    expectRule(ten, 'plan_limit');
    expect(await owner(sql`select count(*)::int as count from projects where organization_id = ${org.id}`)).toEqual([{ count: 3 }]);
  });

  it('projects written directly are audited like the API’s, under the caller’s name and the database’s clock', async () => {
    const org = await arrangeOrganization();
    const created = await attempt(cara, sql`
      insert into projects (organization_id, name, created_by) values (${org.id}, 'Direct', ${cara.userId}) returning id`);
    expect(created.refused).toBe(false);
    const events = await owner<{ action: string; actor_id: string; details: unknown }>(
      sql`select action, actor_id, details from audit_events where organization_id = ${org.id} and target_type = 'project'`,
    );
    expect(events).toEqual([{ action: 'project.created', actor_id: cara.userId, details: { name: 'Direct' } }]);
  });

  it('names, slugs and descriptions the API would refuse cannot be stored', async () => {
    const org = await arrangeOrganization({ plan: 'business' });
    const before = await state();
    for (const name of ['x'.repeat(201), '', '  padded  ']) {
      expect((await attempt(cara, sql`insert into projects (organization_id, name, created_by) values (${org.id}, ${name}, ${cara.userId})`)).refused).toBe(true);
    }
    expect(
      (await attempt(cara, sql`insert into projects (organization_id, name, description, created_by) values (${org.id}, 'Long', ${'d'.repeat(2001)}, ${cara.userId})`)).refused,
    ).toBe(true);
    for (const slug of [`${'a'.repeat(500)}`, '../etc', 'a/b', 'UPPER', '-edge']) {
      expect((await attempt(ada, sql`select tenantry.update_organization(${org.id}, null, ${slug})`)).refused).toBe(true);
      expect((await attempt(ada, sql`select tenantry.create_organization('Evil', array[${slug}]::text[])`)).refused).toBe(true);
    }
    expect((await attempt(ada, sql`select tenantry.update_organization(${org.id}, ${'n'.repeat(100_000)}, null)`)).refused).toBe(true);
    expect(await state()).toEqual(before);
  });

  it('audit events are written by the database only: nobody inserts, backdates, edits or deletes one', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    for (const caller of [cara, dan, ada]) {
      expectNoPrivilege(
        await attempt(caller, sql`
          insert into audit_events (organization_id, actor_id, action, target_type, target_id, created_at)
          values (${org.id}, ${bob.userId}, 'member.role_changed', 'user', ${caller.userId}, '2001-01-01')`),
      );
      expectNoPrivilege(await attempt(caller, sql`select tenantry.write_audit_event(${org.id}, 'member.role_changed', 'user', 'x', '{}')`));
      expectNoPrivilege(await attempt(caller, sql`update audit_events set action = 'x' where organization_id = ${org.id}`));
      expectNoPrivilege(await attempt(caller, sql`delete from audit_events where organization_id = ${org.id}`));
    }
    expect(await state()).toEqual(before);
  });

  it('billing columns and tables are never written by users, nor is anyone’s profile', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    expectNoPrivilege(await attempt(ada, sql`insert into organizations (slug, name, stripe_customer_id) values ('mine', 'Mine', 'cus_someone_else')`));
    expectNoPrivilege(await attempt(ada, sql`update organizations set stripe_customer_id = 'cus_someone_else' where id = ${org.id}`));
    expectNoPrivilege(
      await attempt(ada, sql`
        insert into subscriptions (id, organization_id, stripe_customer_id, status, plan, stripe_created_at)
        values ('sub_free_lunch', ${org.id}, 'cus_x', 'active', 'business', now())`),
    );
    expectNoPrivilege(await attempt(ada, sql`update subscriptions set plan = 'business' where organization_id = ${org.id}`));
    expectNoPrivilege(await attempt(ada, sql`insert into stripe_events (id, type, stripe_created_at) values ('evt_x', 'x', now())`));
    expectNoPrivilege(await attempt(ada, sql`update plan_limits set projects = null`));
    expectNoPrivilege(await attempt(ada, sql`update profiles set email = 'cara@evil.example' where id = ${cara.userId}`));
    expectNoPrivilege(await attempt(ada, sql`update profiles set full_name = 'Me' where id = ${ada.userId}`));
    expectNoPrivilege(await attempt(ada, sql`delete from profiles where id = ${cara.userId}`));
    expect(await state()).toEqual(before);
  });

  it('the anon role with no claims reads nothing and writes nothing', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    for (const table of ['organizations', 'memberships', 'invitations', 'projects', 'audit_events', 'profiles', 'subscriptions', 'plan_limits']) {
      expectNothingDone(await attempt('anon', sql`select * from ${sql.identifier(table)}`));
    }
    expect((await attempt('anon', sql`insert into projects (organization_id, name) values (${org.id}, 'Anon')`)).refused).toBe(true);
    expect((await attempt('anon', sql`select tenantry.create_organization('Anon', array['anon-org']::text[])`)).refused).toBe(true);
    expect((await attempt('anon', sql`select tenantry.accept_invitation('x')`)).refused).toBe(true);
    expect(await state()).toEqual(before);
  });
});

describe('deleting one’s own account in SQL', () => {
  it('is refused for the last owner of an organization with members, changes nothing, and acts only on the caller', async () => {
    const org = await arrangeOrganization();
    const before = await state();
    expectRule(await attempt(ada, sql`select tenantry.delete_my_account()`), 'last_owner');
    expect(await state()).toEqual(before);
    expect((await attempt('anon', sql`select tenantry.delete_my_account()`)).refused).toBe(true);
    expectNoPrivilege(await attempt(cara, sql`delete from profiles where id = ${ada.userId}`));
    expect(await state()).toEqual(before);
    expect(await roleOf(org.id, ada)).toBe('owner');
  });
});

describe('a renamed organization’s old slug', () => {
  it('leads its members to the new slug for 30 days, and nobody else anywhere', async () => {
    const org = await arrangeOrganization();
    const renamed = `${org.slug}-new`;
    expect((await attempt(ada, sql`select tenantry.update_organization(${org.id}, null, ${renamed})`)).refused).toBe(false);
    const lookUp = (caller: Caller, slug = org.slug) => attempt(caller, sql`select tenantry.current_slug_for(${slug}) as slug`);

    expect(await lookUp(cara)).toEqual({ refused: false, rows: [{ slug: renamed }] });
    expect(await lookUp(bob)).toEqual({ refused: false, rows: [{ slug: null }] });
    expectNoPrivilege(await attempt(ada, sql`select * from organization_slug_redirects`));
    expectNoPrivilege(await attempt(ada, sql`insert into organization_slug_redirects (slug, organization_id) values ('bobco', ${org.id})`));

    await owner(sql`update organization_slug_redirects set moved_at = now() - interval '31 days' where slug = ${org.slug}`);
    expect(await lookUp(cara)).toEqual({ refused: false, rows: [{ slug: null }] });
    await owner(sql`update organization_slug_redirects set moved_at = now() where slug = ${org.slug}`);

    // Moving back makes the old slug live again; the other one now redirects.
    expect((await attempt(ada, sql`select tenantry.update_organization(${org.id}, null, ${org.slug})`)).refused).toBe(false);
    expect(await lookUp(cara)).toEqual({ refused: false, rows: [{ slug: null }] });
    expect(await lookUp(cara, renamed)).toEqual({ refused: false, rows: [{ slug: org.slug }] });
  });

  it('stops leading anywhere once another organization takes the slug', async () => {
    const org = await arrangeOrganization();
    expect((await attempt(ada, sql`select tenantry.update_organization(${org.id}, null, ${`${org.slug}-moved`})`)).refused).toBe(false);
    expect((await attempt(bob, sql`select tenantry.create_organization('Squatter', array[${org.slug}]::text[])`)).refused).toBe(false);
    expect(await attempt(cara, sql`select tenantry.current_slug_for(${org.slug}) as slug`)).toEqual({ refused: false, rows: [{ slug: null }] });
  });
});

describe('seats', () => {
  it('an invitation sent before a downgrade cannot take the organization past its new limit', async () => {
    const org = await arrangeOrganization({ plan: 'pro' });
    const tokens: string[] = [];
    for (const n of [1, 2, 3]) {
      const caller = makeCaller(`seat${n}-${org.id.slice(0, 6)}@example.com`);
      await lib.profiles.upsertProfile({ id: caller.userId, email: caller.email! });
      tokens.push(await invite(org.slug, caller.email!));
      if (n === 3) {
        // Pro is cancelled: the organization is back on Free (3 seats) with 3 members and 3 pending invitations.
        await owner(sql`update subscriptions set status = 'canceled' where organization_id = ${org.id}`);
        const before = await state();
        expectRule(await attempt(caller, sql`select tenantry.accept_invitation(${tokens[2]!})`), 'plan_limit');
        expect(await state()).toEqual(before);
        await expect(lib.invitations.acceptInvitation(caller, tokens[2]!)).rejects.toMatchObject({
          code: 'plan_limit',
          message: 'The Free plan allows 3 members (pending invitations included) per organization. Upgrade to Pro for up to 10 members.',
        });
      }
    }
    expect(await owner(sql`select count(*)::int as count from memberships where organization_id = ${org.id}`)).toEqual([{ count: 3 }]);
  });
});

describe('the plan limits the database enforces are lib/billing/plans.ts', () => {
  it('holds one row per plan with the file’s limits', async () => {
    const { PLAN_IDS, PLANS } = await import('@/lib/billing/plans');
    expect(await owner(sql`select plan, name, projects, members, api_keys from plan_limits order by position`)).toEqual(
      PLAN_IDS.map((id) => ({
        plan: id,
        name: PLANS[id].name,
        projects: PLANS[id].limits.projects,
        members: PLANS[id].limits.members,
        api_keys: PLANS[id].limits.apiKeys,
      })),
    );
  });
});

/*
 * Races need two connections, which only a PostgreSQL server gives; PGlite
 * runs one transaction at a time. Each race holds the first transaction open
 * until the second is waiting on its lock, then commits it.
 */
describe.runIf(process.env.DATABASE_URL)('races between two connections (PostgreSQL)', () => {
  type Client = ReturnType<typeof postgres>;
  let first: Client;
  let second: Client;

  beforeAll(() => {
    first = postgres(database.url!, { max: 1, onnotice: () => {} });
    second = postgres(database.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await Promise.all([first?.end(), second?.end()]);
  });

  async function as(client: Client, caller: Caller, statement: string, parameters: (string | null)[]) {
    return client.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(caller))}, true), set_config('role', 'authenticated', true)`;
      return tx.unsafe(statement, parameters);
    });
  }

  /** Runs `a`, holds its transaction open until `b` waits on a lock, then lets both finish. */
  async function race(
    a: { caller: Caller; statement: string; parameters: (string | null)[] },
    b: { caller: Caller; statement: string; parameters: (string | null)[] },
  ) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const aStarted = new Promise<void>((resolve) => (started = resolve));
    const aDone = first
      .begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(a.caller))}, true), set_config('role', 'authenticated', true)`;
        const rows = await tx.unsafe(a.statement, a.parameters);
        started();
        await held;
        return rows;
      })
      .then(
        () => 'done',
        (error: { message?: string }) => error.message ?? 'error',
      );
    await aStarted;
    const bDone = as(second, b.caller, b.statement, b.parameters).then(
      () => 'done',
      (error: { message?: string }) => error.message ?? 'error',
    );
    for (let i = 0; i < 200; i++) {
      const [waiting] = await owner<{ count: number }>(
        sql`select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (waiting!.count > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    release();
    return Promise.all([aDone, bDone]);
  }

  it('accept and revoke at the same moment: one wins, never both', async () => {
    const org = await arrangeOrganization();
    const token = await invite(org.slug, eve.email!);
    const id = await invitationId(org.id, eve.email!);
    const results = await race(
      { caller: eve, statement: 'select tenantry.accept_invitation($1)', parameters: [token] },
      { caller: dan, statement: 'select tenantry.revoke_invitation($1, $2)', parameters: [org.id, id] },
    );
    expect(results).toEqual(['done', 'invitation_used']);
    const [row] = await owner<{ accepted: boolean; revoked: boolean }>(
      sql`select accepted_at is not null as accepted, revoked_at is not null as revoked from invitations where id = ${id}`,
    );
    expect(row).toEqual({ accepted: true, revoked: false });
    expect(await roleOf(org.id, eve)).toBe('member');
    await lib.scope.inOrganization(ada, org.slug, 'admin', (scope) => lib.members.removeMember(scope, eve.userId));
  });

  it('revoke first, then accept: the invitee is refused and stays out', async () => {
    const org = await arrangeOrganization();
    const token = await invite(org.slug, eve.email!);
    const id = await invitationId(org.id, eve.email!);
    const results = await race(
      { caller: dan, statement: 'select tenantry.revoke_invitation($1, $2)', parameters: [org.id, id] },
      { caller: eve, statement: 'select tenantry.accept_invitation($1)', parameters: [token] },
    );
    expect(results).toEqual(['done', 'invitation_revoked']);
    expect(await roleOf(org.id, eve)).toBeNull();
  });

  it('the same link accepted twice at once: one membership, the second is told it was used', async () => {
    const org = await arrangeOrganization();
    const token = await invite(org.slug, eve.email!);
    const accept = { caller: eve, statement: 'select tenantry.accept_invitation($1)', parameters: [token] };
    expect(await race(accept, accept)).toEqual(['done', 'invitation_used']);
    expect(await owner(sql`select role from memberships where organization_id = ${org.id} and user_id = ${eve.userId}`)).toEqual([
      { role: 'member' },
    ]);
    await lib.scope.inOrganization(ada, org.slug, 'admin', (scope) => lib.members.removeMember(scope, eve.userId));
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const org = await arrangeOrganization();
    await lib.scope.inOrganization(ada, org.slug, 'owner', (scope) => lib.members.changeRole(scope, dan.userId, 'owner'));
    const results = await race(
      { caller: ada, statement: 'select tenantry.change_role($1, $2, $3)', parameters: [org.id, dan.userId, 'admin'] },
      { caller: dan, statement: 'select tenantry.change_role($1, $2, $3)', parameters: [org.id, ada.userId, 'admin'] },
    );
    expect(results).toEqual(['done', 'last_owner']);
    expect([await roleOf(org.id, ada), await roleOf(org.id, dan)]).toEqual(['owner', 'admin']);
  });

  it('two direct project inserts racing for the last free slot: one is refused', async () => {
    const org = await arrangeOrganization({ plan: 'free' });
    const insert = 'insert into projects (organization_id, name, created_by) values ($1, $2, $3)';
    for (const name of ['One', 'Two']) await as(first, cara, insert, [org.id, name, cara.userId]);
    const results = await race(
      { caller: cara, statement: insert, parameters: [org.id, 'Three', cara.userId] },
      { caller: dan, statement: insert, parameters: [org.id, 'Four', dan.userId] },
    );
    expect(results).toEqual(['done', 'plan_limit']);
    expect(await owner(sql`select count(*)::int as count from projects where organization_id = ${org.id}`)).toEqual([{ count: 3 }]);
  });

  it('a role change and a removal of the same member at once: the second sees the first', async () => {
    const org = await arrangeOrganization();
    const results = await race(
      { caller: ada, statement: 'select tenantry.remove_member($1, $2)', parameters: [org.id, cara.userId] },
      { caller: dan, statement: 'select tenantry.change_role($1, $2, $3)', parameters: [org.id, cara.userId, 'admin'] },
    );
    expect(results).toEqual(['done', 'not_found']);
    expect(await roleOf(org.id, cara)).toBeNull();
  });
});
