'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/lib/http/form-state';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { acceptInvitationForMyEmail } from '@/lib/tenancy/invitations';
import { createOrganization, createOrganizationInput } from '@/lib/tenancy/organizations';
import { formFailure, textField } from '@/lib/auth/action-access';
import { requireCaller } from '@/lib/auth/page-access';

/** Ends the session everywhere and clears the session cookies. */
export async function signOut() {
  const supabase = await createSupabaseServerClient();
  await supabase.auth.signOut();
  redirect('/login?signed_out');
}

export async function createOrganizationAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await requireCaller('/dashboard?new=1');
  let slug: string;
  try {
    await limitServerAction('organizations.create', caller);
    const input = createOrganizationInput.parse({
      name: textField(formData, 'name'),
      slug: textField(formData, 'slug').trim() || undefined,
    });
    slug = (await createOrganization(caller, input)).slug;
  } catch (error) {
    return formFailure(error, formData, { slug_taken: 'slug' });
  }
  redirect(`/dashboard/${slug}/projects`);
}

export async function acceptMyInvitationAction(invitationId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await requireCaller('/dashboard');
  let slug: string;
  try {
    await limitServerAction('invitations.accept', caller);
    slug = (await acceptInvitationForMyEmail(caller, z.uuid().parse(invitationId))).slug;
  } catch (error) {
    return formFailure(error, formData);
  }
  redirect(`/dashboard/${slug}/projects?joined`);
}
