import { withMembership } from '@/lib/auth/with-auth';
import {
  deleteOrganization,
  getOrganization,
  updateOrganization,
  updateOrganizationInput,
} from '@/lib/tenancy/organizations';

export const dynamic = 'force-dynamic';

export const GET = withMembership('member', {}, async ({ scope }) => Response.json(getOrganization(scope)));

export const PATCH = withMembership('admin', { body: updateOrganizationInput }, async ({ scope, body }) =>
  Response.json(await updateOrganization(scope, body)),
);

export const DELETE = withMembership('owner', {}, async ({ scope }) => {
  await deleteOrganization(scope);
  return new Response(null, { status: 204 });
});
