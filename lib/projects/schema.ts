import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';

/*
 * The example tenant-owned resource: what a project looks like on the way in
 * and out, and the API operations on it. Client-safe (no server-only
 * imports), so forms can validate with the same schemas the API does; the
 * database work is in ./service.ts. README's "Add a resource" walks through
 * copying this folder.
 */

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);
const descriptionSchema = z.string().trim().max(2000).nullable();

export const createProjectInput = z
  .strictObject({ name: nameSchema, description: descriptionSchema.optional() })
  .meta({ id: 'CreateProject' });
export const updateProjectInput = z
  .strictObject({ name: nameSchema.optional(), description: descriptionSchema.optional() })
  .meta({ id: 'UpdateProject' });

export const projectSchema = z
  .object({
    id: z.uuid(),
    organization_id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Project' });

export type ProjectView = z.infer<typeof projectSchema>;

const COLLECTION = '/api/v1/orgs/{slug}/projects';
const ITEM = `${COLLECTION}/{id}`;

/**
 * The API on projects. Routes take their role from here, and the OpenAPI
 * document its rows: "deleting a project needs admin" is said once in
 * TypeScript (and once in SQL, where the database enforces it).
 */
export const projectOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'Projects, newest first', who: 'member', response: { status: 200, schema: projectSchema, paged: true }, errors: [...ORGANIZATION_ERRORS, 'validation_failed'] },
  create: { method: 'post', path: COLLECTION, summary: 'Create a project', who: 'member', body: createProjectInput, response: { status: 201, schema: projectSchema }, errors: [...ORGANIZATION_ERRORS, 'plan_limit', 'validation_failed', 'rate_limited'] },
  get: { method: 'get', path: ITEM, summary: 'One project', who: 'member', response: { status: 200, schema: projectSchema }, errors: [...ORGANIZATION_ERRORS] },
  update: { method: 'patch', path: ITEM, summary: 'Update a project', who: 'member', body: updateProjectInput, response: { status: 200, schema: projectSchema }, errors: [...ORGANIZATION_ERRORS, 'validation_failed', 'rate_limited'] },
  delete: { method: 'delete', path: ITEM, summary: 'Delete a project', who: 'admin', response: { status: 204 }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'rate_limited'] },
} as const satisfies Record<string, OrganizationOperation>;
