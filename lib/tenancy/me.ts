import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { profiles } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { organizationSchema, selectMyOrganizations } from './organizations';
import { asUser, type Transaction } from '@/lib/tenant/transaction';

export const meSchema = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string().nullable(), name: z.string().nullable(), avatar_url: z.string().nullable() }),
    organizations: z.array(organizationSchema),
  })
  .meta({ id: 'Me' });

/** The caller's profile and organizations, as the app shell and API clients need them on start. */
export function getMe(caller: Caller): Promise<z.infer<typeof meSchema>> {
  return asUser(caller, (tx) => readMe(tx, caller));
}

/** `getMe` inside a transaction the caller already has open (the organization layout's). */
export async function readMe(tx: Transaction, caller: Caller): Promise<z.infer<typeof meSchema>> {
  const [profile] = await tx.select().from(profiles).where(eq(profiles.id, caller.userId));
  return {
    user: {
      id: caller.userId,
      email: profile?.email ?? caller.email,
      name: profile?.fullName ?? null,
      avatar_url: profile?.avatarUrl ?? null,
    },
    organizations: await selectMyOrganizations(tx, caller),
  };
}
