import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaller, ownerRows } from '../support/callers';
import { createProfile, startEmailTestEnvironment, type EmailTestEnvironment } from './email-harness';

/*
 * Every change that someone should hear about writes its email, to the right
 * people, with a link to the right page; optional notices respect the
 * addressee's choice on /account, and invitations and billing failures do not.
 */

let environment: EmailTestEnvironment;
let outbox: typeof import('@/lib/email/outbox');
let tenantScope: typeof import('@/lib/tenant/membership');
let members: typeof import('@/lib/tenancy/members');
let invitations: typeof import('@/lib/tenancy/invitations');
let organizations: typeof import('@/lib/tenancy/organizations');
let preferences: typeof import('@/lib/email/invitation-email');

const admin = makeCaller('admin@example.com');
const member = makeCaller('member@example.com');
const quiet = makeCaller('quiet@example.com');

async function join(caller: typeof admin, slug: string, role: 'admin' | 'member') {
  const { accept_url } = await tenantScope.inOrganization(environment.owner, slug, 'admin', (scope) =>
    invitations.inviteMember(scope, { email: caller.email!, role }),
  );
  await invitations.acceptInvitation(caller, accept_url.split('/invite/')[1]!);
}

/** Sends what is due and returns what the mail catcher got since the last call. */
let seen = 0;
async function deliveredNow() {
  await outbox.deliverDueEmails({ batch: 100 });
  const all = environment.catcher.messages();
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh.map((message) => ({ to: message.to.join(','), subject: message.subject, text: message.text }));
}

beforeAll(async () => {
  environment = await startEmailTestEnvironment();
  outbox = await import('@/lib/email/outbox');
  tenantScope = await import('@/lib/tenant/membership');
  members = await import('@/lib/tenancy/members');
  invitations = await import('@/lib/tenancy/invitations');
  organizations = await import('@/lib/tenancy/organizations');
  preferences = await import('@/lib/email/invitation-email');
  await ownerRows(environment.database, sql`update public.plan_limits set members = null`);
  await createProfile(admin, 'Adam Admin');
  await createProfile(member, 'Mia Member');
  await createProfile(quiet, 'Quinn Quiet');
  await join(admin, 'acme', 'admin');
  await join(member, 'acme', 'member');
  await join(quiet, 'acme', 'member');
  await deliveredNow();
});

afterAll(async () => {
  await environment?.dispose();
});

describe('emails written by the changes that cause them', () => {
  it('an accepted invitation tells the inviter, with a link to the members', async () => {
    const newcomer = makeCaller('newcomer@example.com');
    await createProfile(newcomer);
    await join(newcomer, 'acme', 'member');
    const emails = await deliveredNow();
    expect(emails).toContainEqual(expect.objectContaining({ to: 'newcomer@example.com', subject: 'Olivia Owner invited you to Acme on Tenantry' }));
    const accepted = emails.find((email) => email.to === 'owner@example.com');
    expect(accepted?.subject).toBe('newcomer@example.com joined Acme');
    expect(accepted?.text).toContain('http://localhost:3000/dashboard/acme/members');
  });

  it('a role change tells the member', async () => {
    await tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) => members.changeRole(scope, member.userId, 'admin'));
    const [email] = await deliveredNow();
    expect(email).toMatchObject({ to: 'member@example.com', subject: 'You are now an admin of Acme' });
    expect(email!.text).toContain('Olivia Owner changed your role in Acme from member to admin');
    expect(email!.text).toContain('http://localhost:3000/dashboard/acme');
  });

  it('an ownership transfer tells the new owner, with a link to the settings', async () => {
    await tenantScope.inOrganization(environment.owner, 'acme', 'owner', (scope) => members.transferOwnership(scope, admin.userId));
    const emails = await deliveredNow();
    expect(emails).toEqual([expect.objectContaining({ to: 'admin@example.com', subject: 'You are now an owner of Acme' })]);
    expect(emails[0]!.text).toContain('http://localhost:3000/dashboard/acme/settings');
  });

  it('a removal tells the member removed, but someone leaving is not told', async () => {
    await tenantScope.inOrganization(admin, 'acme', 'admin', (scope) => members.removeMember(scope, member.userId));
    expect(await deliveredNow()).toEqual([expect.objectContaining({ to: 'member@example.com', subject: 'You were removed from Acme' })]);
    await join(member, 'acme', 'member');
    await deliveredNow();
    await tenantScope.inOrganization(member, 'acme', 'member', (scope) => members.removeMember(scope, member.userId));
    expect(await deliveredNow()).toEqual([]);
  });

  it('someone who turned off optional notices is not told of a role change, and still gets invitations', async () => {
    await preferences.setOptionalNotices(quiet, false);
    expect(await preferences.optionalNoticesEnabled(quiet)).toBe(false);
    await tenantScope.inOrganization(admin, 'acme', 'admin', (scope) => members.changeRole(scope, quiet.userId, 'admin'));
    expect(await deliveredNow()).toEqual([]);
    await organizations.createOrganization(environment.owner, { name: 'Globex', slug: 'globex' });
    await tenantScope.inOrganization(environment.owner, 'globex', 'admin', (scope) =>
      invitations.inviteMember(scope, { email: quiet.email!, role: 'member' }),
    );
    expect(await deliveredNow()).toEqual([expect.objectContaining({ to: 'quiet@example.com', subject: 'Olivia Owner invited you to Globex on Tenantry' })]);
    await preferences.setOptionalNotices(quiet, true);
  });

  it('a subscription going past due tells the owners and admins, even those who turned notices off, and a cancellation tells them too', async () => {
    await preferences.setOptionalNotices(quiet, false);
    await ownerRows(
      environment.database,
      sql`insert into public.subscriptions (id, organization_id, stripe_customer_id, status, plan, stripe_created_at)
          select 'sub_email', id, 'cus_email', 'active', 'pro', now() from public.organizations where slug = 'acme'`,
    );
    expect(await deliveredNow()).toEqual([]);
    await ownerRows(environment.database, sql`update public.subscriptions set status = 'past_due' where id = 'sub_email'`);
    // Rewriting the same status (every webhook does) sends nothing more.
    await ownerRows(environment.database, sql`update public.subscriptions set status = 'past_due' where id = 'sub_email'`);
    const pastDue = await deliveredNow();
    expect(pastDue.map((email) => email.to).sort()).toEqual(['admin@example.com', 'owner@example.com', 'quiet@example.com']);
    expect(pastDue.every((email) => email.subject === 'Payment failed for Acme: update the card')).toBe(true);
    expect(pastDue[0]!.text).toContain('http://localhost:3000/dashboard/acme/billing');

    await ownerRows(environment.database, sql`update public.subscriptions set status = 'canceled' where id = 'sub_email'`);
    const cancelled = await deliveredNow();
    expect(cancelled.map((email) => email.to).sort()).toEqual(['admin@example.com', 'owner@example.com']);
    expect(cancelled[0]!.subject).toBe("Acme's subscription was cancelled");
    await ownerRows(environment.database, sql`delete from public.subscriptions where id = 'sub_email'`);
    await preferences.setOptionalNotices(quiet, true);
  });

  it('deleting an organization tells its other members, after the organization is gone', async () => {
    await tenantScope.inOrganization(admin, 'acme', 'owner', (scope) => organizations.deleteOrganization(scope));
    const emails = await deliveredNow();
    expect(emails.map((email) => email.to).sort()).toEqual(['newcomer@example.com', 'owner@example.com', 'quiet@example.com']);
    expect(emails[0]!.subject).toBe('Acme was deleted');
    expect(emails[0]!.text).toContain('Adam Admin deleted Acme');
  });

  it('a tenant cannot write to the outbox or read it, even through the database directly', async () => {
    const { attemptAs } = await import('../support/callers');
    const insert = await attemptAs(
      environment.database,
      member,
      sql`insert into public.email_outbox (kind, to_email) values ('invitation', 'victim@example.com')`,
    );
    expect(insert.refused).toBe(true);
    const enqueue = await attemptAs(
      environment.database,
      member,
      sql`select tenantry.enqueue_email('invitation', null, null, null, 'victim@example.com', '{}'::jsonb, false)`,
    );
    expect(enqueue.refused).toBe(true);
  });
});
