import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, organizations, profiles, type Invitation } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Caller } from '@/lib/auth/caller';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/http/app-error';
import { type OrganizationView, organizationSchema } from './organizations';
import { MEMBERSHIP_ROLES, type MembershipRole } from './roles';
import type { TenantScope } from './tenant-scope';
import { asUser, resultRows } from './tenant-transaction';

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteMemberInput = z
  .strictObject({
    email: z.email().max(320).transform((email) => email.toLowerCase()),
    role: z.enum(MEMBERSHIP_ROLES).default('member'),
  })
  .meta({ id: 'InviteMember' });

export const acceptInvitationInput = z
  .strictObject({ token: z.string().min(20).max(200).describe('The token at the end of the accept URL') })
  .meta({ id: 'AcceptInvitation' });

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBERSHIP_ROLES),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    invited_by: z.uuid().nullable(),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });

export const createdInvitationSchema = z
  .object({
    invitation: invitationSchema,
    accept_url: z.url().describe('Shown once: only a hash of its token is stored'),
  })
  .meta({ id: 'CreatedInvitation' });

export type InvitationView = z.infer<typeof invitationSchema>;

/** The organization's invitations, newest first, with the token never included. */
export async function listInvitations(scope: TenantScope): Promise<InvitationView[]> {
  const rows = await scope.tx
    .select()
    .from(invitations)
    .where(eq(invitations.organizationId, scope.organization.id))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(500);
  return rows.map(presentInvitation);
}

/**
 * Invites someone by email. The accept URL is returned once: only a SHA-256 of
 * its token is stored, so a database leak does not hand out memberships.
 */
export async function inviteMember(
  scope: TenantScope,
  input: z.infer<typeof inviteMemberInput>,
): Promise<z.infer<typeof createdInvitationSchema>> {
  if (input.role === 'owner' && scope.membership.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can invite an owner.');
  }
  const [existing] = await scope.tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.id, memberships.userId))
    .where(and(eq(memberships.organizationId, scope.organization.id), sql`lower(${profiles.email}) = ${input.email}`));
  if (existing) throw new AppError('already_member', `${input.email} is already a member.`);

  const token = randomBytes(32).toString('base64url');
  const [invitation] = await scope.tx
    .insert(invitations)
    .values({
      organizationId: scope.organization.id,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: scope.caller.userId,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
    })
    .returning();
  if (!invitation) throw new Error('the invitation insert returned nothing');
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: scope.organization.id },
    { action: 'invitation.created', targetType: 'invitation', targetId: invitation.id, details: { email: input.email, role: input.role } },
  );
  return { invitation: presentInvitation(invitation), accept_url: `${env().NEXT_PUBLIC_SITE_URL}/invite/${token}` };
}

/** Revokes a pending invitation; revoking twice is harmless, revoking a used one is a conflict. */
export async function revokeInvitation(scope: TenantScope, invitationId: string): Promise<void> {
  const [invitation] = await scope.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, scope.organization.id)));
  if (!invitation) throw notFound('Invitation');
  if (invitation.acceptedAt) throw new AppError('invitation_used', 'This invitation has already been accepted.');
  if (invitation.revokedAt) return;
  await scope.tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: scope.organization.id },
    { action: 'invitation.revoked', targetType: 'invitation', targetId: invitation.id, details: { email: invitation.email } },
  );
}

/**
 * Joins the caller to the invitation's organization with its role. The token
 * proves the invitation was handed to someone; the verified email proves it
 * was handed to this caller.
 */
export function acceptInvitation(caller: Caller, token: string): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    // The caller is not a member yet, so RLS hides the invitation; this
    // SECURITY DEFINER lookup shows it to whoever holds the token.
    const [invitation] = resultRows<FoundInvitation>(
      await tx.execute(sql`
        select id, organization_id, email, role,
               revoked_at is not null as is_revoked,
               accepted_at is not null as is_accepted,
               expires_at <= now() as is_expired
        from tenantry.find_invitation(${hashToken(token)})`),
    );
    if (!invitation) throw notFound('Invitation');
    if (invitation.is_revoked) throw new AppError('invitation_revoked', 'This invitation has been revoked.');
    if (invitation.is_accepted) throw new AppError('invitation_used', 'This invitation has already been used.');
    if (invitation.is_expired) throw new AppError('invitation_expired', 'This invitation has expired; ask for a new one.');
    if (!caller.email || caller.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError('invitation_email_mismatch', 'This invitation was sent to a different email address.');
    }

    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organizationId, invitation.organization_id), eq(memberships.userId, caller.userId)));
    if (existing) throw new AppError('already_member', 'You are already a member of this organization.');
    // No RETURNING: the new row becomes visible to RLS only from the next statement on.
    await tx
      .insert(memberships)
      .values({ organizationId: invitation.organization_id, userId: caller.userId, role: invitation.role });
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: caller.userId })
      .where(eq(invitations.id, invitation.id));
    await recordAuditEvent(
      { tx, caller, organizationId: invitation.organization_id },
      { action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id, details: { role: invitation.role } },
    );
    const [organization] = await tx.select().from(organizations).where(eq(organizations.id, invitation.organization_id));
    if (!organization) throw new Error('the organization of an accepted invitation is not visible');
    return organizationSchema.parse({
      id: organization.id,
      slug: organization.slug,
      name: organization.name,
      role: invitation.role,
      created_at: organization.createdAt.toISOString(),
      updated_at: organization.updatedAt.toISOString(),
    });
  });
}

interface FoundInvitation {
  id: string;
  organization_id: string;
  email: string;
  role: MembershipRole;
  is_revoked: boolean;
  is_accepted: boolean;
  is_expired: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function presentInvitation(invitation: Invitation): InvitationView {
  const status = invitation.acceptedAt
    ? 'accepted'
    : invitation.revokedAt
      ? 'revoked'
      : invitation.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'pending';
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status,
    invited_by: invitation.invitedBy,
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
  };
}
