import { withMembership } from '@/lib/auth/with-auth';
import { pageQuerySchema, toPageRequest } from '@/lib/http/pagination';
import { noteOperations } from '@/lib/notes/schema';
import { createNote, listNotes } from '@/lib/notes/service';

export const dynamic = 'force-dynamic';

export const GET = withMembership(noteOperations.list.who, { query: pageQuerySchema }, async ({ scope, query }) =>
  Response.json(await listNotes(scope, toPageRequest(query))),
);

export const POST = withMembership(noteOperations.create.who, { body: noteOperations.create.body }, async ({ scope, body }) =>
  Response.json(await createNote(scope, body), { status: 201 }),
);
