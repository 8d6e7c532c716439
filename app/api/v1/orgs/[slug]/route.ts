import { withMembership } from '@/lib/auth/with-auth';
import { organizationOperations } from '@/lib/tenancy/organization-schema';
import { deleteOrganization, getOrganization, updateOrganization } from '@/lib/tenancy/organizations';

export const dynamic = 'force-dynamic';

export const GET = withMembership(organizationOperations.get.who, {}, async ({ scope }) => Response.json(getOrganization(scope)));

export const PATCH = withMembership(organizationOperations.update.who, { body: organizationOperations.update.body }, async ({ scope, body }) =>
  Response.json(await updateOrganization(scope, body)),
);

export const DELETE = withMembership(organizationOperations.delete.who, {}, async ({ scope }) => {
  await deleteOrganization(scope);
  return new Response(null, { status: 204 });
});
