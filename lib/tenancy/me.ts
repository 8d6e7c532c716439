import 'server-only';
import { eq } from 'drizzle-orm';
import { profiles } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { asUser } from '@/lib/tenant/transaction';
import type { MeView } from './me-schema';
import { selectMyOrganizations } from './organizations';

/**
 * The caller's profile and organizations, as the app shell and API clients
 * need them on start. Both queries are issued at once, so on PostgreSQL they
 * travel with BEGIN in one round trip.
 */
export function getMe(caller: Caller): Promise<MeView> {
  return asUser(
    caller,
    async (tx) => {
      const [[profile], organizations] = await Promise.all([
        tx.select().from(profiles).where(eq(profiles.id, caller.userId)),
        selectMyOrganizations(tx, caller),
      ]);
      return {
        user: {
          id: caller.userId,
          email: profile?.email ?? caller.email,
          name: profile?.fullName ?? null,
          avatar_url: profile?.avatarUrl ?? null,
        },
        organizations,
      };
    },
    { readOnly: true },
  );
}
