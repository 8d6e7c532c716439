'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { acceptInvitationForMyEmail } from '@/lib/tenancy/invitations';
import { createOrganizationInput } from '@/lib/tenancy/organization-schema';
import { createOrganization } from '@/lib/tenancy/organizations';
import { idInput, textField, withCallerAction } from '@/lib/auth/action-access';
import { signOutEverywhere } from '@/lib/auth/sign-out';

/** Ends the session everywhere and clears the session cookies. */
export async function signOut() {
  await signOutEverywhere(await createSupabaseServerClient());
  redirect('/login?signed_out');
}

export async function createOrganizationAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(
    formData,
    {
      returnTo: '/dashboard?new=1',
      input: createOrganizationInput,
      // An empty URL field lets the server pick the slug from the name.
      read: (form) => ({ name: textField(form, 'name'), slug: textField(form, 'slug').trim() || undefined }),
      rateLimit: 'organizations.create',
      fieldsByCode: { slug_taken: 'slug' },
    },
    (caller, input) => createOrganization(caller, input),
  );
  if (!outcome.ok) return outcome;
  redirect(`/dashboard/${outcome.result.slug}/projects`);
}

export async function acceptMyInvitationAction(invitationId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(
    formData,
    { returnTo: '/dashboard', input: idInput, read: () => ({ id: invitationId }), rateLimit: 'invitations.accept' },
    (caller, { id }) => acceptInvitationForMyEmail(caller, id),
  );
  if (!outcome.ok) return outcome;
  redirect(`/dashboard/${outcome.result.slug}/projects?joined`);
}
