import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { noteOperations } from '@/lib/notes/schema';
import { deleteNote, getNote, updateNote } from '@/lib/notes/service';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const GET = withMembership(noteOperations.get.who, { params }, async ({ scope, params }) =>
  Response.json(await getNote(scope, params.id)),
);

export const PATCH = withMembership(noteOperations.update.who, { params, body: noteOperations.update.body }, async ({ scope, params, body }) =>
  Response.json(await updateNote(scope, params.id, body)),
);

export const DELETE = withMembership(noteOperations.delete.who, { params }, async ({ scope, params }) => {
  await deleteNote(scope, params.id);
  return new Response(null, { status: 204 });
});
