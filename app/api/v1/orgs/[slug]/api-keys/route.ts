import { createApiKey, createApiKeyInput, listApiKeys } from '@/lib/api-keys/api-keys';
import { withMembership } from '@/lib/auth/with-auth';

export const dynamic = 'force-dynamic';

export const GET = withMembership('admin', { personOnly: true }, async ({ scope }) =>
  Response.json({ data: await listApiKeys(scope), next_cursor: null }),
);

export const POST = withMembership('admin', { body: createApiKeyInput, personOnly: true }, async ({ scope, body }) =>
  Response.json(await createApiKey(scope, body), { status: 201 }),
);
