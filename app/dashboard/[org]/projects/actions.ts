'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/http/form-state';
import { createProjectInput, projectOperations, updateProjectInput } from '@/lib/projects/schema';
import { createProject, deleteProject, updateProject } from '@/lib/projects/service';
import { actInOrganization, textField } from '@/lib/auth/action-access';

function projectInput(formData: FormData) {
  const description = textField(formData, 'description').trim();
  return { name: textField(formData, 'name'), description: description || null };
}

export async function createProjectAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(slug, projectOperations.create.who, formData, (scope) =>
    createProject(scope, createProjectInput.parse(projectInput(formData))),
    { rateLimit: 'projects.write' },
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
  const outcome = await actInOrganization(slug, projectOperations.update.who, formData, (scope) =>
    updateProject(scope, z.uuid().parse(projectId), updateProjectInput.parse(projectInput(formData))),
    { rateLimit: 'projects.write' },
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
  const outcome = await actInOrganization(slug, projectOperations.delete.who, formData, (scope) => deleteProject(scope, z.uuid().parse(projectId)), {
    rateLimit: 'projects.write',
  });
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/projects`);
  return { ok: true, message: 'Project deleted.' };
}
