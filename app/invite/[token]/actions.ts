'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { withCallerAction } from '@/lib/auth/action-access';
import { loginPath } from '@/lib/auth/page-access';
import { signOutEverywhere } from '@/lib/auth/sign-out';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { acceptInvitation } from '@/lib/tenancy/invitations';

export async function acceptInvitationAction(token: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(formData, { returnTo: `/invite/${token}`, rateLimit: 'invitations.accept' }, (caller) =>
    acceptInvitation(caller, token),
  );
  if (!outcome.ok) return outcome;
  // `?joined` makes the projects page say so once.
  redirect(`/dashboard/${outcome.result.slug}/projects?joined`);
}

/** For the wrong account: sign out, then straight back to sign-in, returning to this invitation. */
export async function switchAccountAction(token: string) {
  // Were the session left in place, the sign-in page would send the caller straight back here.
  await signOutEverywhere(await createSupabaseServerClient());
  redirect(loginPath(`/invite/${token}`));
}
