'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { inviteMemberInput } from '@/lib/tenancy/invitation-schema';
import { inviteMember, revokeInvitation } from '@/lib/tenancy/invitations';
import { changeRoleInput } from '@/lib/tenancy/member-schema';
import { changeRole, removeMember } from '@/lib/tenancy/members';
import { idInput, textField, withMembershipAction } from '@/lib/auth/action-access';

/** The invite form's answer: on success, the accept link, which is shown this once. */
export type InviteState = FormState | { ok: true; message: string; acceptUrl: string; email: string };

export async function changeRoleAction(slug: string, userId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: 'admin', input: changeRoleInput.extend(idInput.shape), read: (form) => ({ role: textField(form, 'role'), id: userId }) },
    (scope, input) => changeRole(scope, input.id, input.role),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}`, 'layout');
  return { ok: true, message: `${outcome.result.name || outcome.result.email} is now ${article(outcome.result.role)} ${outcome.result.role}.` };
}

export async function removeMemberAction(slug: string, userId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  // Anyone may reach removeMember; it refuses a member removing someone else.
  const outcome = await withMembershipAction(slug, formData, { role: 'member', input: idInput, read: () => ({ id: userId }) }, (scope, { id }) =>
    removeMember(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/members`);
  return { ok: true, message: 'Member removed.' };
}

export async function leaveOrganizationAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(slug, formData, { role: 'member' }, (scope) => removeMember(scope, scope.caller.userId));
  if (!outcome.ok) return outcome;
  revalidatePath('/dashboard', 'layout');
  redirect('/dashboard');
}

export async function inviteMemberAction(slug: string, _previous: InviteState | null, formData: FormData): Promise<InviteState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    {
      role: 'admin',
      input: inviteMemberInput,
      read: (form) => ({ email: textField(form, 'email').trim(), role: textField(form, 'role') }),
      rateLimit: 'invitations.create',
    },
    (scope, input) => inviteMember(scope, input),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/members`);
  const { invitation, accept_url } = outcome.result;
  return { ok: true, message: `Invitation created for ${invitation.email}.`, acceptUrl: accept_url, email: invitation.email };
}

export async function revokeInvitationAction(slug: string, invitationId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: 'admin', input: idInput, read: () => ({ id: invitationId }) },
    (scope, { id }) => revokeInvitation(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/members`);
  return { ok: true, message: 'Invitation revoked.' };
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? 'an' : 'a';
}
