import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, organizations, type Organization } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Caller } from '@/lib/auth/caller';
import { cancelSubscriptionsBeforeDelete } from '@/lib/billing/cancel-before-delete';
import { AppError } from '@/lib/http/app-error';
import { MEMBERSHIP_ROLES, type MembershipRole } from './roles';
import type { TenantScope } from './tenant-scope';
import { asUser, isUniqueViolation, type Transaction } from './tenant-transaction';
import { slugFromName } from './slug-from-name';

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;
const slugSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be 3 to 48 lowercase letters, digits or hyphens, not starting or ending with a hyphen');
const nameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const createOrganizationInput = z
  .strictObject({ name: nameSchema, slug: slugSchema.optional() })
  .meta({ id: 'CreateOrganization' });
export const updateOrganizationInput = z
  .strictObject({ name: nameSchema.optional(), slug: slugSchema.optional() })
  .meta({ id: 'UpdateOrganization' });

export const organizationSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    role: z.enum(MEMBERSHIP_ROLES).describe('The caller’s role in this organization'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });

export type OrganizationView = z.infer<typeof organizationSchema>;

/** The caller's organizations with their role in each, oldest first. */
export function listMyOrganizations(caller: Caller): Promise<OrganizationView[]> {
  return asUser(caller, (tx) => selectMyOrganizations(tx, caller));
}

export async function selectMyOrganizations(tx: Transaction, caller: Caller): Promise<OrganizationView[]> {
  const rows = await tx
    .select({ organization: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, caller.userId))
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
  return rows.map((row) => presentOrganization(row.organization, row.role));
}

/**
 * Creates an organization with the caller as its owner. Without a slug, one
 * is derived from the name and suffixed until free; an explicit slug that is
 * taken is a 409, because the caller asked for that exact address.
 */
export function createOrganization(
  caller: Caller,
  input: z.infer<typeof createOrganizationInput>,
): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    const id = randomUUID();
    const candidates = input.slug ? [input.slug] : slugCandidates(input.name);
    let slug: string | undefined;
    for (const candidate of candidates) {
      if (await tryInsertOrganization(tx, { id, slug: candidate, name: input.name })) {
        slug = candidate;
        break;
      }
    }
    if (!slug) throw slugTaken(candidates[0] ?? '');

    // The owner row comes before anything that reads the organization back:
    // until it exists, RLS (rightly) shows the caller nothing of it.
    await tx.insert(memberships).values({ organizationId: id, userId: caller.userId, role: 'owner' });
    await recordAuditEvent(
      { tx, caller, organizationId: id },
      { action: 'organization.created', targetType: 'organization', targetId: id, details: { slug, name: input.name } },
    );
    const [organization] = await tx.select().from(organizations).where(eq(organizations.id, id));
    if (!organization) throw new Error('the organization just created is not visible to its owner');
    return presentOrganization(organization, 'owner');
  });
}

export function getOrganization(scope: TenantScope): OrganizationView {
  return presentOrganization(scope.organization, scope.membership.role);
}

export async function updateOrganization(
  scope: TenantScope,
  input: z.infer<typeof updateOrganizationInput>,
): Promise<OrganizationView> {
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return getOrganization(scope);
  let updated: Organization | undefined;
  try {
    // A savepoint, so a taken slug leaves the transaction usable for the 409.
    [updated] = await scope.tx.transaction((savepoint) =>
      savepoint
        .update(organizations)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(organizations.id, scope.organization.id))
        .returning(),
    );
  } catch (error) {
    if (input.slug && isUniqueViolation(error, 'organizations_slug_unique')) throw slugTaken(input.slug);
    throw error;
  }
  if (!updated) throw new Error('the organization vanished during its update');
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: updated.id },
    {
      action: 'organization.updated',
      targetType: 'organization',
      targetId: updated.id,
      details: { before: { slug: scope.organization.slug, name: scope.organization.name }, after: changes },
    },
  );
  return presentOrganization(updated, scope.membership.role);
}

/**
 * Deletes the organization and, by cascade, everything it owns (its audit
 * trail included), after cancelling its subscription at Stripe; if Stripe
 * cannot be reached, nothing is deleted (503).
 */
export async function deleteOrganization(scope: TenantScope): Promise<void> {
  await cancelSubscriptionsBeforeDelete(scope.organization);
  await scope.tx.delete(organizations).where(eq(organizations.id, scope.organization.id));
}

async function tryInsertOrganization(tx: Transaction, values: { id: string; slug: string; name: string }) {
  try {
    // No RETURNING: the caller cannot see the row until their membership exists.
    await tx.transaction((savepoint) => savepoint.insert(organizations).values(values));
    return true;
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_slug_unique')) return false;
    throw error;
  }
}

/** `acme`, `acme-2` … `acme-5`, then a random suffix, which is all but certain to be free. */
function slugCandidates(name: string): string[] {
  const base = slugify(name);
  return [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`), `${base}-${randomBytes(3).toString('hex')}`];
}

export function slugify(name: string): string {
  const words = slugFromName(name);
  return words.length >= 3 ? words : `${words || 'org'}-${randomBytes(2).toString('hex')}`;
}

function slugTaken(slug: string): AppError {
  return new AppError('slug_taken', `The slug "${slug}" is taken; choose another.`);
}

function presentOrganization(organization: Organization, role: MembershipRole): OrganizationView {
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    role,
    created_at: organization.createdAt.toISOString(),
    updated_at: organization.updatedAt.toISOString(),
  };
}
