import { withMembership } from '@/lib/auth/with-auth';
import { apiKeyOperations } from '@/lib/api-keys/schema';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';

export const dynamic = 'force-dynamic';

export const GET = withMembership(apiKeyOperations.list.who, { personOnly: apiKeyOperations.list.personOnly }, async ({ scope }) =>
  Response.json({ data: await listApiKeys(scope), next_cursor: null }),
);

export const POST = withMembership(
  apiKeyOperations.create.who,
  { body: apiKeyOperations.create.body, personOnly: apiKeyOperations.create.personOnly },
  async ({ scope, body }) => Response.json(await createApiKey(scope, body), { status: 201 }),
);
