'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actInOrganization, textField } from '@/lib/auth/action-access';
import type { FormState } from '@/lib/http/form-state';
import { createNoteInput, noteOperations } from '@/lib/notes/schema';
import { createNote, deleteNote } from '@/lib/notes/service';

export async function createNoteAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(slug, noteOperations.create.who, formData, (scope) =>
    createNote(scope, createNoteInput.parse({ title: textField(formData, 'title'), body: textField(formData, 'body') })),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/notes`);
  return { ok: true, message: `Note “${outcome.result.title}” added.` };
}

export async function deleteNoteAction(slug: string, noteId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(slug, noteOperations.delete.who, formData, (scope) => deleteNote(scope, z.uuid().parse(noteId)));
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/notes`);
  return { ok: true, message: 'Note deleted.' };
}
