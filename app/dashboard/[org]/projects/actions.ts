'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/http/form-state';
import { createProjectInput, projectOperations, updateProjectInput } from '@/lib/projects/schema';
import { createProject, deleteProject, updateProject } from '@/lib/projects/service';
import { idInput, textField, withMembershipAction } from '@/lib/auth/action-access';

/** An empty description field means no description. */
function projectFields(formData: FormData) {
  const description = textField(formData, 'description').trim();
  return { name: textField(formData, 'name'), description: description || null };
}

export async function createProjectAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: projectOperations.create.who, input: createProjectInput, read: projectFields, rateLimit: 'projects.write' },
    (scope, input) => createProject(scope, input),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/projects`);
  return { ok: true, message: `Project “${outcome.result.name}” created.` };
}

export async function updateProjectAction(
  slug: string,
  projectId: string,
  _previous: FormState | null,
  formData: FormData,
): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    {
      role: projectOperations.update.who,
      input: updateProjectInput.extend(idInput.shape),
      read: (form) => ({ ...projectFields(form), id: projectId }),
      rateLimit: 'projects.write',
    },
    (scope, { id, ...changes }) => updateProject(scope, id, changes),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/projects`);
  return { ok: true, message: 'Project saved.' };
}

export async function deleteProjectAction(
  slug: string,
  projectId: string,
  _previous: FormState | null,
  formData: FormData,
): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: projectOperations.delete.who, input: idInput, read: () => ({ id: projectId }), rateLimit: 'projects.write' },
    (scope, { id }) => deleteProject(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/projects`);
  return { ok: true, message: 'Project deleted.' };
}
