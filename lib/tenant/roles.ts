import type { MembershipRole } from '@/db/schema';

export type { MembershipRole };

export const MEMBERSHIP_ROLES = ['owner', 'admin', 'member'] as const satisfies readonly MembershipRole[];

const RANK: Record<MembershipRole, number> = { member: 1, admin: 2, owner: 3 };

/** True when `role` grants at least what `minimum` grants (owner > admin > member). */
export function hasAtLeast(role: MembershipRole, minimum: MembershipRole): boolean {
  return RANK[role] >= RANK[minimum];
}
