import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';

/*
 * Notes, the second example resource, made by README's "Add a resource":
 * inputs, the view and the API operations, client-safe so forms validate
 * with the same schemas. The table and its policies are in ./table.ts, the
 * database work in ./service.ts.
 */

const titleSchema = z.string().trim().min(1, 'must not be empty').max(200);
const bodySchema = z.string().trim().max(10_000);

export const createNoteInput = z.strictObject({ title: titleSchema, body: bodySchema.optional() }).meta({ id: 'CreateNote' });
export const updateNoteInput = z
  .strictObject({ title: titleSchema.optional(), body: bodySchema.optional() })
  .meta({ id: 'UpdateNote' });

export const noteSchema = z
  .object({
    id: z.uuid(),
    organization_id: z.uuid(),
    title: z.string(),
    body: z.string(),
    created_by: z.uuid().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Note' });

export type NoteView = z.infer<typeof noteSchema>;

const COLLECTION = '/api/v1/orgs/{slug}/notes';
const ITEM = `${COLLECTION}/{id}`;

/** Members read and write notes; deleting one needs admin (said again in SQL, in ./table.ts, where the database enforces it). */
export const noteOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'Notes, newest first', who: 'member', response: { status: 200, schema: noteSchema, paged: true }, errors: [...ORGANIZATION_ERRORS, 'validation_failed'] },
  create: { method: 'post', path: COLLECTION, summary: 'Write a note', who: 'member', body: createNoteInput, response: { status: 201, schema: noteSchema }, errors: [...ORGANIZATION_ERRORS, 'validation_failed'] },
  get: { method: 'get', path: ITEM, summary: 'One note', who: 'member', response: { status: 200, schema: noteSchema }, errors: [...ORGANIZATION_ERRORS] },
  update: { method: 'patch', path: ITEM, summary: 'Edit a note', who: 'member', body: updateNoteInput, response: { status: 200, schema: noteSchema }, errors: [...ORGANIZATION_ERRORS, 'validation_failed'] },
  delete: { method: 'delete', path: ITEM, summary: 'Delete a note', who: 'admin', response: { status: 204 }, errors: [...ORGANIZATION_ERRORS, 'forbidden'] },
} as const satisfies Record<string, OrganizationOperation>;
