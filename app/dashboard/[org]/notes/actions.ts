'use server';

import { revalidatePath } from 'next/cache';
import { idInput, withMembershipAction } from '@/lib/auth/action-access';
import type { FormState } from '@/lib/http/form-state';
import { createNoteInput, noteOperations } from '@/lib/notes/schema';
import { createNote, deleteNote } from '@/lib/notes/service';

export async function createNoteAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(slug, formData, { role: noteOperations.create.who, input: createNoteInput }, (scope, input) =>
    createNote(scope, input),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/notes`);
  return { ok: true, message: `Note “${outcome.result.title}” added.` };
}

export async function deleteNoteAction(slug: string, noteId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: noteOperations.delete.who, input: idInput, read: () => ({ id: noteId }) },
    (scope, { id }) => deleteNote(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/notes`);
  return { ok: true, message: 'Note deleted.' };
}
