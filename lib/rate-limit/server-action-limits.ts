import 'server-only';
import { headers } from 'next/headers';
import type { Caller } from '@/lib/tenant/caller';
import type { RateLimitedAction } from './limits';
import { limitByIp, limitByUser } from './request-limits';

/**
 * The API's limits for a server action or a page: the same counters, so a
 * form and the API share one allowance. Throws `429 rate_limited`, which
 * `toFormState` shows as the form's message.
 */
export async function limitServerAction(action: RateLimitedAction, caller: Caller | null): Promise<void> {
  await limitByIp(action, await headers());
  if (caller) await limitByUser(action, caller.userId);
}
