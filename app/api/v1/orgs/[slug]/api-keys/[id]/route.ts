import { z } from 'zod';
import { revokeApiKey } from '@/lib/api-keys/api-keys';
import { withMembership } from '@/lib/auth/with-auth';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const DELETE = withMembership('admin', { params, personOnly: true }, async ({ scope, params }) =>
  Response.json(await revokeApiKey(scope, params.id)),
);
