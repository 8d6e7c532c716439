'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/http/form-state';
import { resendInvitation } from '@/lib/email/invitation-email';
import { idInput, withMembershipAction } from '@/lib/auth/action-access';

/** The resend button's answer: the new link as well, for when email is off or the address bounced. */
export type ResendState = FormState | { ok: true; message: string; acceptUrl: string };

export async function resendInvitationAction(slug: string, invitationId: string, _previous: ResendState | null, formData: FormData): Promise<ResendState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: 'admin', input: idInput, read: () => ({ id: invitationId }), rateLimit: 'invitations.create' },
    (scope, { id }) => resendInvitation(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/members`);
  return { ok: true, message: 'A new invitation is on its way; the old link no longer works.', acceptUrl: outcome.result.acceptUrl };
}
