import { z } from 'zod';
import type { ApiOperation } from '@/lib/http/api-operation';
import { organizationSchema } from './organization-schema';

/*
 * What `GET /api/v1/me` answers: the caller and their organizations, as the
 * app shell and API clients need them on start. Client-safe; the database
 * work is in ./me.ts. Deleting the account, on the same path, is
 * lib/account's.
 */

export const meSchema = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string().nullable(), name: z.string().nullable(), avatar_url: z.string().nullable() }),
    organizations: z.array(organizationSchema),
  })
  .meta({ id: 'Me' });

export type MeView = z.infer<typeof meSchema>;

export const meOperations = {
  get: { method: 'get', path: '/api/v1/me', summary: 'The caller and their organizations', who: 'signed in', response: { status: 200, schema: meSchema }, errors: ['unauthorized'] },
} as const satisfies Record<string, ApiOperation>;
