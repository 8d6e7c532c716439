'use server';

import { redirect } from 'next/navigation';
import { toFormState, type FormState } from '@/lib/http/form-state';
import { getCurrentCaller } from '@/lib/auth/current-caller';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { acceptInvitation } from '@/lib/tenancy/invitations';

export async function acceptInvitationAction(token: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await getCurrentCaller();
  if (!caller) redirect(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
  let slug: string;
  try {
    await limitServerAction('invitations.accept', caller);
    slug = (await acceptInvitation(caller, token)).slug;
  } catch (error) {
    return toFormState(error, formData);
  }
  // `?joined` makes the projects page say so once.
  redirect(`/dashboard/${slug}/projects?joined`);
}

/** For the wrong account: sign out, then straight back to sign-in, returning to this invitation. */
export async function switchAccountAction(token: string) {
  const supabase = await createSupabaseServerClient();
  await supabase.auth.signOut();
  redirect(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
}
