'use server';

import { revalidatePath } from 'next/cache';
import { disconnectGoogle } from '@/lib/google/connections';
import { requireCaller } from '@/lib/auth/page-access';

/** Revokes the app's access at Google and forgets the tokens. */
export async function disconnectGoogleAction(): Promise<void> {
  const caller = await requireCaller('/account');
  await disconnectGoogle(caller);
  revalidatePath('/account');
}
