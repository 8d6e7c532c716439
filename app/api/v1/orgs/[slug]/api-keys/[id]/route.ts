import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { apiKeyOperations } from '@/lib/api-keys/schema';
import { revokeApiKey } from '@/lib/api-keys/service';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const DELETE = withMembership(apiKeyOperations.revoke.who, { params, personOnly: apiKeyOperations.revoke.personOnly }, async ({ scope, params }) =>
  Response.json(await revokeApiKey(scope, params.id)),
);
