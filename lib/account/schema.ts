import { z } from 'zod';
import type { ApiOperation } from '@/lib/http/api-operation';

/*
 * Deleting one's own account: its input and its API operation. Client-safe,
 * so the account page's form validates with the same schema the API does;
 * the work is in ./delete-account.ts.
 */

export const deleteAccountInput = z
  .strictObject({
    confirm: z.string().max(320).describe('Your email address (or, without one, "delete my account"), typed again: deletion cannot be undone'),
  })
  .meta({ id: 'DeleteAccount' });

export const accountOperations = {
  delete: { method: 'delete', path: '/api/v1/me', summary: 'Delete my account: leave every organization (deleting those where I am alone, their subscriptions cancelled first), my profile and my sign-in', who: 'signed in', body: deleteAccountInput, response: { status: 204 }, errors: ['unauthorized', 'validation_failed', 'last_owner', 'billing_unavailable', 'auth_unavailable'] },
} as const satisfies Record<string, ApiOperation>;
