import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';
import { MEMBERSHIP_ROLES } from '@/lib/tenant/roles';

/*
 * An organization's members on the way in and out, and the API operations on
 * them. Client-safe, so the members page validates with the same schemas the
 * API does; the rules (who may demote whom, the last owner) are in
 * ./members.ts and the database.
 */

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

const COLLECTION = '/api/v1/orgs/{slug}/members';
const ITEM = `${COLLECTION}/{userId}`;

/**
 * Removing is declared for members because any member may leave; removing
 * someone else needs admin, which ./members.ts and the database check.
 */
export const memberOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'Members with name, email and role', who: 'member', response: { status: 200, schema: memberSchema, list: true }, errors: [...ORGANIZATION_ERRORS] },
  changeRole: { method: 'patch', path: ITEM, summary: 'Change a member’s role (only owners grant or remove owner)', who: 'admin', body: changeRoleInput, response: { status: 200, schema: memberSchema }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'validation_failed', 'last_owner'] },
  remove: { method: 'delete', path: ITEM, summary: 'Remove a member, or leave (your own user id)', who: 'member', response: { status: 204 }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'last_owner'] },
} as const satisfies Record<string, OrganizationOperation>;
