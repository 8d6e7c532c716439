import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { memberships, profiles, type Membership, type Profile } from '@/db/schema';
import { scheduleEmailDelivery } from '@/lib/email/schedule-delivery';
import { notFound } from '@/lib/http/app-error';
import type { MembershipRole } from '@/lib/tenant/roles';
import type { TenantScope } from '@/lib/tenant/membership';
import type { MemberView } from './member-schema';

/** Everyone in the organization, earliest member first. */
export async function listMembers(scope: TenantScope): Promise<MemberView[]> {
  const rows = await scope.tx
    .select({ membership: memberships, profile: profiles })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.id, memberships.userId))
    .where(eq(memberships.organizationId, scope.organization.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  return rows.map(presentMember);
}

/**
 * Changes a member's role. Admins manage admins and members; only an owner
 * grants or takes away `owner` (so an admin cannot make themself owner), and
 * the last owner cannot be demoted, so no organization is left unmanageable.
 * The database keeps these rules (tenantry.change_role).
 */
export async function changeRole(scope: TenantScope, userId: string, role: MembershipRole): Promise<MemberView> {
  await scope.tx.execute(sql`select tenantry.change_role(${scope.organization.id}::uuid, ${userId}::uuid, ${role}::membership_role)`);
  scheduleEmailDelivery(); // the member's notice, written by the database
  return findMember(scope, userId);
}

/**
 * Removes a member, or lets a member leave. Admins remove admins and members;
 * only an owner removes an owner; the last owner can neither leave nor be
 * removed (tenantry.remove_member).
 */
export async function removeMember(scope: TenantScope, userId: string): Promise<void> {
  await scope.tx.execute(sql`select tenantry.remove_member(${scope.organization.id}::uuid, ${userId}::uuid)`);
  scheduleEmailDelivery();
}

/**
 * Makes another member the owner and the caller an admin, in one step, so
 * the organization is never without an owner in between.
 */
export async function transferOwnership(scope: TenantScope, userId: string): Promise<MemberView> {
  await scope.tx.execute(sql`select tenantry.transfer_ownership(${scope.organization.id}::uuid, ${userId}::uuid)`);
  scheduleEmailDelivery();
  return findMember(scope, userId);
}

async function findMember(scope: TenantScope, userId: string): Promise<MemberView> {
  const [row] = await scope.tx
    .select({ membership: memberships, profile: profiles })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.id, memberships.userId))
    .where(and(eq(memberships.organizationId, scope.organization.id), eq(memberships.userId, userId)));
  if (!row) throw notFound('Member');
  return presentMember(row);
}

function presentMember({ membership, profile }: { membership: Membership; profile: Profile }): MemberView {
  return {
    user_id: membership.userId,
    email: profile.email,
    name: profile.fullName,
    avatar_url: profile.avatarUrl,
    role: membership.role,
    joined_at: membership.createdAt.toISOString(),
  };
}
