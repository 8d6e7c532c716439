'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { AppError } from '@/lib/http/app-error';
import { deleteOrganization, updateOrganization, updateOrganizationInput } from '@/lib/tenancy/organizations';
import { actInOrganization, textField } from '@/lib/auth/action-access';

export async function updateOrganizationAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(
    slug,
    'admin',
    formData,
    (scope) => {
      const input = updateOrganizationInput.parse({ name: textField(formData, 'name'), slug: textField(formData, 'slug').trim() });
      // Only what changed, so the audit log records the change and nothing else.
      return updateOrganization(scope, {
        name: input.name !== scope.organization.name ? input.name : undefined,
        slug: input.slug !== scope.organization.slug ? input.slug : undefined,
      });
    },
    { fieldsByCode: { slug_taken: 'slug' } },
  );
  if (!outcome.ok) return outcome;
  revalidatePath('/dashboard', 'layout');
  // The old address no longer exists: carry on at the new one.
  if (outcome.result.slug !== slug) redirect(`/dashboard/${outcome.result.slug}/settings?renamed=1`);
  return { ok: true, message: 'Settings saved.' };
}

export async function deleteOrganizationAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(slug, 'owner', formData, async (scope) => {
    // The dialog asks for the name; checked here too, so a replayed request cannot skip it.
    if (textField(formData, 'confirmation') !== scope.organization.name) {
      throw new AppError('validation_failed', 'Type the organization’s name exactly to delete it.', [
        { field: 'confirmation', message: 'Does not match the name' },
      ]);
    }
    await deleteOrganization(scope);
  });
  if (!outcome.ok) return outcome;
  revalidatePath('/dashboard', 'layout');
  redirect('/dashboard');
}
