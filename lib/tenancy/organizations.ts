import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { memberships, organizations, type Organization } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { cancelSubscriptionsBeforeDelete } from '@/lib/billing/cancel-before-delete';
import { scheduleEmailDelivery } from '@/lib/email/schedule-delivery';
import type { MembershipRole } from '@/lib/tenant/roles';
import type { TenantScope } from '@/lib/tenant/membership';
import { preparedQuery } from '@/lib/tenant/prepared-query';
import { asUser, resultRows, type Transaction } from '@/lib/tenant/transaction';
import type { createOrganizationInput, OrganizationView, updateOrganizationInput } from './organization-schema';
import { slugCandidates } from './slug';

// Every page of the dashboard and every /me asks for it: written once per process.
const myOrganizations = preparedQuery((tx) =>
  tx
    .select({ organization: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, sql.placeholder('userId')))
    .orderBy(asc(organizations.createdAt), asc(organizations.id))
    .prepare('my_organizations'),
);

/** The caller's organizations with their role in each, oldest first. */
export function listMyOrganizations(caller: Caller): Promise<OrganizationView[]> {
  return asUser(caller, (tx) => selectMyOrganizations(tx, caller), { readOnly: true });
}

export async function selectMyOrganizations(tx: Transaction, caller: Caller): Promise<OrganizationView[]> {
  const rows = await myOrganizations(tx).execute({ userId: caller.userId });
  return rows.map((row) => presentOrganization(row.organization, row.role));
}

/**
 * Creates an organization with the caller as its owner. Without a slug, one
 * is derived from the name and suffixed until free; an explicit slug that is
 * taken is a 409, because the caller asked for that exact address. The
 * database does the work (tenantry.create_organization), so a client that
 * skips this API follows the same rules.
 */
export function createOrganization(
  caller: Caller,
  input: z.infer<typeof createOrganizationInput>,
): Promise<OrganizationView> {
  return asUser(caller, async (tx) => {
    const candidates = input.slug ? [input.slug] : slugCandidates(input.name);
    const [created] = resultRows<{ id: string }>(
      await tx.execute(sql`select tenantry.create_organization(${input.name}::text, ${textArray(candidates)}) as id`),
    );
    const [organization] = await tx.select().from(organizations).where(eq(organizations.id, created!.id));
    if (!organization) throw new Error('the organization just created is not visible to its owner');
    return presentOrganization(organization, 'owner');
  });
}

/**
 * Where an organization lives now if `oldSlug` was its slug in the last 30
 * days and the caller is a member; null otherwise (anyone else gets the same
 * 404 as for a slug that never existed).
 */
export async function currentSlugFor(caller: Caller, oldSlug: string): Promise<string | null> {
  return asUser(caller, async (tx) => {
    const [row] = resultRows<{ slug: string | null }>(await tx.execute(sql`select tenantry.current_slug_for(${oldSlug}::text) as slug`));
    return row?.slug ?? null;
  });
}

export function getOrganization(scope: TenantScope): OrganizationView {
  return presentOrganization(scope.organization, scope.membership.role);
}

export async function updateOrganization(
  scope: TenantScope,
  input: z.infer<typeof updateOrganizationInput>,
): Promise<OrganizationView> {
  if (input.name === undefined && input.slug === undefined) return getOrganization(scope);
  const { id } = scope.organization;
  await scope.tx.execute(sql`select tenantry.update_organization(${id}::uuid, ${input.name ?? null}::text, ${input.slug ?? null}::text)`);
  const [updated] = await scope.tx.select().from(organizations).where(eq(organizations.id, id));
  if (!updated) throw new Error('the organization vanished during its update');
  return presentOrganization(updated, scope.membership.role);
}

/**
 * Deletes the organization and, by cascade, everything it owns (its audit
 * trail included), after cancelling its subscription at Stripe; if Stripe
 * cannot be reached, nothing is deleted (503).
 */
export async function deleteOrganization(scope: TenantScope): Promise<void> {
  await cancelSubscriptionsBeforeDelete(scope.organization);
  await scope.tx.execute(sql`select tenantry.delete_organization(${scope.organization.id}::uuid)`);
  scheduleEmailDelivery(); // the members' notices, written before the rows went
}

/** A text[] parameter that both drivers bind the same way. */
function textArray(values: string[]) {
  return sql`array[${sql.join(values.map((value) => sql`${value}::text`), sql`, `)}]::text[]`;
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
