import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { profiles } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { preparedQuery } from '@/lib/tenant/prepared-query';
import { asUser, type Transaction } from '@/lib/tenant/transaction';
import type { MeView } from './me-schema';
import { selectMyOrganizations } from './organizations';

const myProfile = preparedQuery((tx) =>
  tx.select().from(profiles).where(eq(profiles.id, sql.placeholder('userId'))).prepare('my_profile'),
);

/** The caller's profile and organizations, as the app shell and API clients need them on start. */
export function getMe(caller: Caller): Promise<MeView> {
  return asUser(caller, (tx) => readMe(tx, caller), { readOnly: true });
}

/**
 * `getMe` inside a transaction the caller already has open (the organization
 * layout's). Both queries are issued at once, so on PostgreSQL they travel
 * with BEGIN in one round trip.
 */
export async function readMe(tx: Transaction, caller: Caller): Promise<MeView> {
  const [[profile], organizations] = await Promise.all([
    myProfile(tx).execute({ userId: caller.userId }),
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
}
