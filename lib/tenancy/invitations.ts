import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, organizations, profiles, type Invitation } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Caller } from '@/lib/auth/caller';
import { assertCanAdd } from '@/lib/billing/entitlements';
import { getDatabase } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/http/app-error';
import { ASCII_LOWERCASE, ASCII_UPPERCASE, isSameEmail, normalizeEmail } from './email-address';
import { type OrganizationView, organizationSchema } from './organizations';
import { MEMBERSHIP_ROLES, type MembershipRole } from './roles';
import type { TenantScope } from './tenant-scope';
import { asUser, resultRows, type Transaction } from './tenant-transaction';

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteMemberInput = z
  .strictObject({
    email: z.email().max(320).transform(normalizeEmail),
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
    .where(and(eq(memberships.organizationId, scope.organization.id), sql`translate(${profiles.email}, ${ASCII_UPPERCASE}, ${ASCII_LOWERCASE}) = ${input.email}`));
  if (existing) throw new AppError('already_member', `${input.email} is already a member.`);
  // A pending invitation holds a seat, so the plan's member limit counts it (402 `plan_limit`).
  await assertCanAdd(scope, 'members');

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
      await tx.execute(sql`select ${FOUND_INVITATION_COLUMNS} from tenantry.find_invitation(${hashToken(token)})`),
    );
    if (!invitation) throw notFound('Invitation');
    return joinWithInvitation(tx, caller, invitation);
  });
}

/**
 * Accepts, without the token, an invitation addressed to the caller's
 * verified email: the dashboard lists these to a newcomer. The email is the
 * proof here, exactly what RLS already requires to insert the membership.
 */
export function acceptInvitationForMyEmail(caller: Caller, invitationId: string): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    // RLS shows an invitation to its addressee (and to the organization's admins, hence the email check below).
    const [invitation] = resultRows<FoundInvitation>(
      await tx.execute(sql`select ${FOUND_INVITATION_COLUMNS} from public.invitations where id = ${invitationId}`),
    );
    if (!invitation || !isSameEmail(caller.email, invitation.email)) {
      throw notFound('Invitation');
    }
    return joinWithInvitation(tx, caller, invitation);
  });
}

async function joinWithInvitation(tx: Transaction, caller: Caller, invitation: FoundInvitation): Promise<OrganizationView> {
  if (invitation.is_revoked) throw new AppError('invitation_revoked', 'This invitation has been revoked.');
  if (invitation.is_accepted) throw new AppError('invitation_used', 'This invitation has already been used.');
  if (invitation.is_expired) throw new AppError('invitation_expired', 'This invitation has expired; ask for a new one.');
  if (!isSameEmail(caller.email, invitation.email)) {
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
    await (await getDatabase()).execute(sql`
      ${previewColumns}
      from tenantry.find_invitation(${hashToken(token)}) i
      join public.organizations o on o.id = i.organization_id
      left join public.profiles p on p.id = i.invited_by`),
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
    await (await getDatabase()).execute(sql`
      ${previewColumns}
      from public.invitations i
      join public.organizations o on o.id = i.organization_id
      left join public.profiles p on p.id = i.invited_by
      where i.email = ${normalizeEmail(caller.email)}
        and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
      order by i.created_at desc
      limit 50`),
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

/** The columns of a `FoundInvitation`, from the invitations table or the token lookup that returns its rows. */
const FOUND_INVITATION_COLUMNS = sql.raw(`id, organization_id, email, role,
  revoked_at is not null as is_revoked, accepted_at is not null as is_accepted, expires_at <= now() as is_expired`);

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
