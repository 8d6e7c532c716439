import { withAuth } from '@/lib/auth/with-auth';
import { organizationOperations } from '@/lib/tenancy/organization-schema';
import { createOrganization, listMyOrganizations } from '@/lib/tenancy/organizations';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ caller }) =>
  Response.json({ data: await listMyOrganizations(caller), next_cursor: null }),
);

export const POST = withAuth({ body: organizationOperations.create.body, rateLimit: 'organizations.create' }, async ({ caller, body }) =>
  Response.json(await createOrganization(caller, body), { status: 201 }),
);
