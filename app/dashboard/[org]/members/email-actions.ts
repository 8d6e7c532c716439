'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/http/form-state';
import { resendInvitation } from '@/lib/email/invitation-email';
import { actInOrganization } from '@/lib/auth/action-access';

/** The resend button's answer: the new link as well, for when email is off or the address bounced. */
export type ResendState = FormState | { ok: true; message: string; acceptUrl: string };

export async function resendInvitationAction(slug: string, invitationId: string, _previous: ResendState | null, formData: FormData): Promise<ResendState> {
  const outcome = await actInOrganization(slug, 'admin', formData, (scope) => resendInvitation(scope, z.uuid().parse(invitationId)), {
    rateLimit: 'invitations.create',
  });
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/members`);
  return { ok: true, message: 'A new invitation is on its way; the old link no longer works.', acceptUrl: outcome.result.acceptUrl };
}
