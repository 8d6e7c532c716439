'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/lib/http/form-state';
import { AppError } from '@/lib/http/app-error';
import { updateOrganizationInput } from '@/lib/tenancy/organization-schema';
import { deleteOrganization, updateOrganization } from '@/lib/tenancy/organizations';
import { textField, withMembershipAction } from '@/lib/auth/action-access';

export async function updateOrganizationAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    {
      role: 'admin',
      input: updateOrganizationInput,
      read: (form) => ({ name: textField(form, 'name'), slug: textField(form, 'slug').trim() }),
      fieldsByCode: { slug_taken: 'slug' },
    },
    (scope, input) =>
      // Only what changed, so the audit log records the change and nothing else.
      updateOrganization(scope, {
        name: input.name !== scope.organization.name ? input.name : undefined,
        slug: input.slug !== scope.organization.slug ? input.slug : undefined,
      }),
  );
  if (!outcome.ok) return outcome;
  revalidatePath('/dashboard', 'layout');
  // The old address no longer exists: carry on at the new one.
  if (outcome.result.slug !== slug) redirect(`/dashboard/${outcome.result.slug}/settings?renamed=1`);
  return { ok: true, message: 'Settings saved.' };
}

const deleteOrganizationForm = z.object({ confirmation: z.string() });

export async function deleteOrganizationAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: 'owner', input: deleteOrganizationForm, read: (form) => ({ confirmation: textField(form, 'confirmation') }) },
    async (scope, { confirmation }) => {
      // The dialog asks for the name; checked here too, so a replayed request cannot skip it.
      if (confirmation !== scope.organization.name) {
        throw new AppError('validation_failed', 'Type the organization’s name exactly to delete it.', [
          { field: 'confirmation', message: 'Does not match the name' },
        ]);
      }
      await deleteOrganization(scope);
    },
  );
  if (!outcome.ok) return outcome;
  revalidatePath('/dashboard', 'layout');
  redirect('/dashboard');
}
