import { withAuth } from '@/lib/auth/with-auth';
import { createOrganization, createOrganizationInput, listMyOrganizations } from '@/lib/tenancy/organizations';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ caller }) =>
  Response.json({ data: await listMyOrganizations(caller), next_cursor: null }),
);

export const POST = withAuth({ body: createOrganizationInput, rateLimit: 'organizations.create' }, async ({ caller, body }) =>
  Response.json(await createOrganization(caller, body), { status: 201 }),
);
