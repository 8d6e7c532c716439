import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaller } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * What the /invite page and the dashboard's onboarding read: an invitation
 * previewed by whoever holds its link (signed in or not), and the pending
 * invitations addressed to a newcomer's verified email, accepted without the link.
 */

let database: TestDatabase;
let invitations: typeof import('@/lib/tenancy/invitations');
let tenantScope: typeof import('@/lib/tenant/membership');

const owner = makeCaller('owner@example.com');
const invitee = makeCaller('invitee@example.com');
const outsider = makeCaller('outsider@example.com');

function tokenOf(acceptUrl: string): string {
  return acceptUrl.split('/invite/')[1]!;
}

async function invite(email: string) {
  return tenantScope.inOrganization(owner, 'acme', 'admin', (scope) => invitations.inviteMember(scope, { email, role: 'member' }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  invitations = await import('@/lib/tenancy/invitations');
  tenantScope = await import('@/lib/tenant/membership');
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  const { createOrganization } = await import('@/lib/tenancy/organizations');
  await upsertProfile({ id: owner.userId, email: owner.email!, fullName: 'Olivia Owner' });
  for (const caller of [invitee, outsider]) await upsertProfile({ id: caller.userId, email: caller.email! });
  await createOrganization(owner, { name: 'Acme', slug: 'acme' });
});

afterAll(async () => {
  await database?.dispose();
});

describe('previewing an invitation link', () => {
  it('shows the organization, the inviter and the status to whoever holds the link', async () => {
    const { accept_url } = await invite('preview@example.com');
    const preview = await invitations.previewInvitation(tokenOf(accept_url));
    expect(preview).toMatchObject({
      email: 'preview@example.com',
      role: 'member',
      status: 'pending',
      organization: { name: 'Acme', slug: 'acme' },
      invited_by: { name: 'Olivia Owner', email: 'owner@example.com' },
    });
  });

  it('answers null for a token that was never handed out', async () => {
    expect(await invitations.previewInvitation('x'.repeat(43))).toBeNull();
    expect(await invitations.previewInvitation('short')).toBeNull();
  });

  it('says an expired invitation is expired, and accepting it is refused as such', async () => {
    const { accept_url, invitation } = await invite('late@example.com');
    await database.db.execute(sql`update invitations set expires_at = now() - interval '1 minute' where id = ${invitation.id}`);
    expect((await invitations.previewInvitation(tokenOf(accept_url)))?.status).toBe('expired');
    const late = makeCaller('late@example.com');
    const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
    await upsertProfile({ id: late.userId, email: late.email! });
    await expect(invitations.acceptInvitation(late, tokenOf(accept_url))).rejects.toMatchObject({ code: 'invitation_expired' });
  });

  it('says a revoked invitation is revoked', async () => {
    const { accept_url, invitation } = await invite('revoked@example.com');
    await tenantScope.inOrganization(owner, 'acme', 'admin', (scope) => invitations.revokeInvitation(scope, invitation.id));
    expect((await invitations.previewInvitation(tokenOf(accept_url)))?.status).toBe('revoked');
  });
});

describe('invitations for my email', () => {
  it('a newcomer sees the pending invitations sent to their email, and only those', async () => {
    await invite('invitee@example.com');
    const mine = await invitations.listMyPendingInvitations(invitee);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ email: 'invitee@example.com', status: 'pending', organization: { name: 'Acme' } });
    expect(await invitations.listMyPendingInvitations(outsider)).toEqual([]);
  });

  it('someone else cannot accept an invitation by its id, not even an admin who can see it', async () => {
    const [pending] = await invitations.listMyPendingInvitations(invitee);
    await expect(invitations.acceptInvitationForMyEmail(outsider, pending!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(invitations.acceptInvitationForMyEmail(owner, pending!.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the addressee accepts without the link, once', async () => {
    const [pending] = await invitations.listMyPendingInvitations(invitee);
    const organization = await invitations.acceptInvitationForMyEmail(invitee, pending!.id);
    expect(organization).toMatchObject({ slug: 'acme', role: 'member' });
    expect(await invitations.listMyPendingInvitations(invitee)).toEqual([]);
    await expect(invitations.acceptInvitationForMyEmail(invitee, pending!.id)).rejects.toMatchObject({ code: 'invitation_used' });
  });
});
