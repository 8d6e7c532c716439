import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { notFound } from '@/lib/http/app-error';
import { olderThan, toPage, type Page, type PageRequest } from '@/lib/http/pagination';
import type { TenantScope } from '@/lib/tenant/membership';
import type { createNoteInput, NoteView, updateNoteInput } from './schema';
import { notes, type Note } from './table';

export async function listNotes(scope: TenantScope, page: PageRequest): Promise<Page<NoteView>> {
  const rows = await scope.tx
    .select()
    .from(notes)
    .where(and(eq(notes.organizationId, scope.organization.id), olderThan(page.cursor, notes.createdAt, notes.id)))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, presentNote);
}

export async function getNote(scope: TenantScope, noteId: string): Promise<NoteView> {
  return presentNote(await findNote(scope, noteId));
}

export async function createNote(scope: TenantScope, input: z.infer<typeof createNoteInput>): Promise<NoteView> {
  const [note] = await scope.tx
    .insert(notes)
    .values({ organizationId: scope.organization.id, title: input.title, body: input.body ?? '', createdBy: scope.caller.userId })
    .returning();
  if (!note) throw new Error('the note insert returned nothing');
  return presentNote(note);
}

export async function updateNote(scope: TenantScope, noteId: string, input: z.infer<typeof updateNoteInput>): Promise<NoteView> {
  const before = await findNote(scope, noteId);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return presentNote(before);
  const [note] = await scope.tx
    .update(notes)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(notes.id, before.id))
    .returning();
  if (!note) throw notFound('Note');
  return presentNote(note);
}

export async function deleteNote(scope: TenantScope, noteId: string): Promise<void> {
  const note = await findNote(scope, noteId);
  await scope.tx.delete(notes).where(eq(notes.id, note.id));
}

/** Scoped by organization as well as id, so another organization's note id is simply not found. */
async function findNote(scope: TenantScope, noteId: string): Promise<Note> {
  const [note] = await scope.tx
    .select()
    .from(notes)
    .where(and(eq(notes.id, noteId), eq(notes.organizationId, scope.organization.id)));
  if (!note) throw notFound('Note');
  return note;
}

function presentNote(note: Note): NoteView {
  return {
    id: note.id,
    organization_id: note.organizationId,
    title: note.title,
    body: note.body,
    created_by: note.createdBy,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
  };
}
