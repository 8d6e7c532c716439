import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, profiles, type Membership } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { AppError, notFound } from '@/lib/http/app-error';
import { MEMBERSHIP_ROLES, type MembershipRole } from './roles';
import type { TenantScope } from './tenant-scope';

export const changeRoleInput = z.strictObject({ role: z.enum(MEMBERSHIP_ROLES) }).meta({ id: 'ChangeRole' });

export const memberSchema = z
  .object({
    user_id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    avatar_url: z.string().nullable(),
    role: z.enum(MEMBERSHIP_ROLES),
    joined_at: z.iso.datetime(),
  })
  .meta({ id: 'Member' });

export type MemberView = z.infer<typeof memberSchema>;

/** Everyone in the organization, earliest member first. */
export async function listMembers(scope: TenantScope): Promise<MemberView[]> {
  const rows = await scope.tx
    .select({ membership: memberships, profile: profiles })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.id, memberships.userId))
    .where(eq(memberships.organizationId, scope.organization.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  return rows.map(({ membership, profile }) => ({
    user_id: membership.userId,
    email: profile.email,
    name: profile.fullName,
    avatar_url: profile.avatarUrl,
    role: membership.role,
    joined_at: membership.createdAt.toISOString(),
  }));
}

/**
 * Changes a member's role. Admins manage admins and members; only an owner
 * grants or takes away `owner` (so an admin cannot make themself owner), and
 * the last owner cannot be demoted, so no organization is left unmanageable.
 */
export async function changeRole(scope: TenantScope, userId: string, role: MembershipRole): Promise<MemberView> {
  const target = await findMembership(scope, userId);
  const touchesOwner = target.role === 'owner' || role === 'owner';
  if (touchesOwner && scope.membership.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can grant or remove the owner role.');
  }
  if (target.role === role) return presentMember(scope, target);
  if (target.role === 'owner' && (await isLastOwner(scope, target))) {
    throw new AppError('last_owner', 'The last owner cannot be demoted; make someone else owner first.');
  }
  await scope.tx
    .update(memberships)
    .set({ role, updatedAt: new Date() })
    .where(eq(memberships.id, target.id));
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: scope.organization.id },
    { action: 'member.role_changed', targetType: 'user', targetId: userId, details: { from: target.role, to: role } },
  );
  return presentMember(scope, { ...target, role });
}

/**
 * Removes a member, or lets a member leave. Admins remove admins and members;
 * only an owner removes an owner; the last owner can neither leave nor be removed.
 */
export async function removeMember(scope: TenantScope, userId: string): Promise<void> {
  const isSelf = userId === scope.caller.userId;
  if (!isSelf && scope.membership.role === 'member') {
    throw new AppError('forbidden', 'Members can only remove themselves.');
  }
  const target = await findMembership(scope, userId);
  if (!isSelf && target.role === 'owner' && scope.membership.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can remove an owner.');
  }
  if (target.role === 'owner' && (await isLastOwner(scope, target))) {
    throw new AppError('last_owner', 'The last owner cannot leave or be removed; make someone else owner first.');
  }
  // Recorded before the delete: once someone has left, RLS no longer lets them write here.
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: scope.organization.id },
    { action: isSelf ? 'member.left' : 'member.removed', targetType: 'user', targetId: userId, details: { role: target.role } },
  );
  await scope.tx.delete(memberships).where(eq(memberships.id, target.id));
}

async function findMembership(scope: TenantScope, userId: string): Promise<Membership> {
  const [membership] = await scope.tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, scope.organization.id), eq(memberships.userId, userId)));
  if (!membership) throw notFound('Member');
  return membership;
}

/**
 * Locks the organization's owner rows, so two owners demoting each other at
 * the same moment cannot both succeed and leave nobody in charge.
 */
async function isLastOwner(scope: TenantScope, owner: Membership): Promise<boolean> {
  const owners = await scope.tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, scope.organization.id), eq(memberships.role, 'owner')))
    .for('update');
  return owners.every((row) => row.id === owner.id);
}

async function presentMember(scope: TenantScope, membership: Membership): Promise<MemberView> {
  const [profile] = await scope.tx
    .select({ email: profiles.email, name: profiles.fullName, avatarUrl: profiles.avatarUrl })
    .from(profiles)
    .where(eq(profiles.id, membership.userId));
  return {
    user_id: membership.userId,
    email: profile?.email ?? '',
    name: profile?.name ?? null,
    avatar_url: profile?.avatarUrl ?? null,
    role: membership.role,
    joined_at: membership.createdAt.toISOString(),
  };
}
