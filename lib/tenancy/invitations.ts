import 'server-only';
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { invitations, memberships, organizations, type Invitation } from '@/db/schema';
import { attachInvitationToken } from '@/lib/email/invitation-email';
import { scheduleEmailDelivery } from '@/lib/email/schedule-delivery';
import type { Caller } from '@/lib/tenant/caller';
import { asSystem } from '@/lib/tenant/system';
import { env } from '@/lib/env';
import type { MembershipRole } from '@/lib/tenant/roles';
import type { TenantScope } from '@/lib/tenant/membership';
import { asUser, resultRows, type Transaction } from '@/lib/tenant/transaction';
import type { createdInvitationSchema, InvitationView, inviteMemberInput } from './invitation-schema';
import { type OrganizationView, organizationSchema } from './organization-schema';

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
 * Invites someone by email. The database makes the token and keeps only its
 * SHA-256, so a database leak does not hand out memberships; the accept URL
 * is returned once. A pending invitation holds a seat, so the plan's member
 * limit counts it (402 `plan_limit`).
 */
export async function inviteMember(
  scope: TenantScope,
  input: z.infer<typeof inviteMemberInput>,
): Promise<z.infer<typeof createdInvitationSchema>> {
  const [created] = resultRows<{ invitation_id: string; token: string }>(
    await scope.tx.execute(
      sql`select invitation_id, token from tenantry.create_invitation(${scope.organization.id}::uuid, ${input.email}::text, ${input.role}::membership_role)`,
    ),
  );
  await attachInvitationToken(scope.tx, created!.invitation_id, created!.token);
  const [invitation] = await scope.tx.select().from(invitations).where(eq(invitations.id, created!.invitation_id));
  if (!invitation) throw new Error('the invitation just created is not visible to its creator');
  return { invitation: presentInvitation(invitation), accept_url: `${env().NEXT_PUBLIC_SITE_URL}/invite/${created!.token}` };
}

/** Revokes a pending invitation; revoking twice is harmless, revoking a used one is a conflict. */
export async function revokeInvitation(scope: TenantScope, invitationId: string): Promise<void> {
  await scope.tx.execute(sql`select tenantry.revoke_invitation(${scope.organization.id}::uuid, ${invitationId}::uuid)`);
}

/**
 * Joins the caller to the invitation's organization with its role. The token
 * proves the invitation was handed to someone; the verified email proves it
 * was handed to this caller (tenantry.accept_invitation).
 */
export function acceptInvitation(caller: Caller, token: string): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    const [joined] = resultRows<{ organization_id: string }>(
      await tx.execute(sql`select tenantry.accept_invitation(${token}::text) as organization_id`),
    );
    return joinedOrganization(tx, caller, joined!.organization_id);
  });
}

/**
 * Accepts, without the token, an invitation addressed to the caller's
 * verified email: the dashboard lists these to a newcomer. The email is the
 * proof here; any other invitation id is "not found".
 */
export function acceptInvitationForMyEmail(caller: Caller, invitationId: string): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    const [joined] = resultRows<{ organization_id: string }>(
      await tx.execute(sql`select tenantry.accept_invitation_by_id(${invitationId}::uuid) as organization_id`),
    );
    return joinedOrganization(tx, caller, joined!.organization_id);
  });
}

async function joinedOrganization(tx: Transaction, caller: Caller, organizationId: string): Promise<OrganizationView> {
  scheduleEmailDelivery(); // the inviter's notice
  const [row] = await tx
    .select({ organization: organizations, role: memberships.role })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, caller.userId)))
    .where(eq(organizations.id, organizationId));
  if (!row) throw new Error('the organization of an accepted invitation is not visible');
  return organizationSchema.parse({
    id: row.organization.id,
    slug: row.organization.slug,
    name: row.organization.name,
    role: row.role,
    created_at: row.organization.createdAt.toISOString(),
    updated_at: row.organization.updatedAt.toISOString(),
  });
}

/** What an invitee sees before accepting: whose organization, who asked, and whether it still works. */
export interface InvitationPreview {
  id: string;
  email: string;
  role: MembershipRole;
  status: InvitationView['status'];
  expires_at: string;
  organization: { name: string; slug: string };
  invited_by: { name: string | null; email: string | null } | null;
}

interface PreviewRow {
  id: string;
  email: string;
  role: MembershipRole;
  accepted_at: Date | string | null;
  revoked_at: Date | string | null;
  expires_at: Date | string;
  organization_name: string;
  organization_slug: string;
  inviter_name: string | null;
  inviter_email: string | null;
  inviter_id: string | null;
}

/**
 * The invitation behind an accept link, for the /invite page, which may be
 * opened before signing in. Not a tenant transaction: the holder is not a
 * member, so RLS would hide the organization's name and the inviter; holding
 * the token is what entitles them to see these (and nothing else).
 */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  if (token.length < 20 || token.length > 200) return null;
  const [row] = resultRows<PreviewRow>(
    await asSystem('invitation-lookup', (tx) => tx.execute(sql`
      ${previewColumns}
      from tenantry.find_invitation(${hashToken(token)}) i
      join public.organizations o on o.id = i.organization_id
      left join public.profiles p on p.id = i.invited_by`)),
  );
  return row ? presentPreview(row) : null;
}

/**
 * Pending invitations addressed to the caller's verified email, for a
 * newcomer's onboarding. Read like `previewInvitation`, and for the same
 * reason: the addressee is not a member of these organizations yet.
 */
export async function listMyPendingInvitations(caller: Caller): Promise<InvitationPreview[]> {
  if (!caller.email) return [];
  const rows = resultRows<PreviewRow>(
    await asSystem('invitation-lookup', (tx) => tx.execute(sql`
      ${previewColumns}
      from public.invitations i
      join public.organizations o on o.id = i.organization_id
      left join public.profiles p on p.id = i.invited_by
      where tenantry.normalize_email(i.email) = tenantry.normalize_email(${caller.email}::text)
        and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
      order by i.created_at desc
      limit 50`)),
  );
  return rows.map(presentPreview);
}

const previewColumns = sql`
  select i.id, i.email, i.role, i.accepted_at, i.revoked_at, i.expires_at, i.invited_by as inviter_id,
         o.name as organization_name, o.slug as organization_slug,
         p.full_name as inviter_name, p.email as inviter_email`;

function presentPreview(row: PreviewRow): InvitationPreview {
  const expiresAt = new Date(row.expires_at);
  const status = row.accepted_at
    ? 'accepted'
    : row.revoked_at
      ? 'revoked'
      : expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'pending';
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    expires_at: expiresAt.toISOString(),
    organization: { name: row.organization_name, slug: row.organization_slug },
    invited_by: row.inviter_id ? { name: row.inviter_name, email: row.inviter_email } : null,
  };
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
