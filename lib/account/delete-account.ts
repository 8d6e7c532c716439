import 'server-only';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { organizations } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { cancelSubscriptionsBeforeDelete } from '@/lib/billing/cancel-before-delete';
import { disconnectGoogle } from '@/lib/google/connections';
import { AppError } from '@/lib/http/app-error';
import { supabaseAdmin } from '@/lib/supabase/admin';
import { asUser, resultRows } from '@/lib/tenant/transaction';
import type { deleteAccountInput } from './schema';

/** What a person types to confirm deleting their account. */
export function accountDeletionConfirmation(caller: Caller): string {
  return caller.email || 'delete my account';
}

/**
 * Deletes the caller's account: they leave every organization (those where
 * they are the only member are deleted, their Stripe subscriptions cancelled
 * first), their profile goes, and so does their sign-in at Supabase Auth.
 * Refused, with nothing changed, while they are the last owner of an
 * organization that has other members (tenantry.delete_my_account).
 */
export async function deleteAccount(caller: Caller, input: z.infer<typeof deleteAccountInput>): Promise<void> {
  const expected = accountDeletionConfirmation(caller);
  if (input.confirm.trim().toLowerCase() !== expected.toLowerCase()) {
    throw new AppError('validation_failed', `Type ${expected} to confirm.`, [{ field: 'confirm', message: `must be ${expected}` }]);
  }
  const admin = supabaseAdmin();

  // Refuse before anything happens at Stripe; then cancel the subscriptions of
  // the organizations that go with the account, which only Stripe can do.
  const alone = await asUser(caller, async (tx) => {
    await tx.execute(sql`select tenantry.assert_account_deletable()`);
    return tx
      .select()
      .from(organizations)
      .where(
        sql`${organizations.id} in (select organization_id from memberships group by organization_id
              having count(*) = 1 and bool_and(user_id = ${caller.userId}::uuid))`,
      );
  });
  for (const organization of alone) await cancelSubscriptionsBeforeDelete(organization);
  // Google keeps a grant until it is revoked; the profile's cascade would only forget the tokens.
  await disconnectGoogle(caller);

  await asUser(caller, (tx) => tx.execute(sql`select tenantry.delete_my_account()`));

  const { error } = await admin.deleteUser(caller.userId);
  // Already gone at Supabase (a retry after a failure below) is what was asked for.
  if (error && error.status !== 404) {
    throw new AppError(
      'auth_unavailable',
      'Your data was deleted, but your sign-in could not be removed. Try again in a moment.',
    );
  }
}

export interface BlockingOrganization {
  slug: string;
  name: string;
}

/** Organizations whose last owner the caller is while others are members: each must get another owner first. */
export function organizationsBlockingDeletion(caller: Caller): Promise<BlockingOrganization[]> {
  return asUser(caller, async (tx) =>
    resultRows<BlockingOrganization>(await tx.execute(sql`select slug, name from tenantry.organizations_blocking_account_deletion()`)),
  );
}
