import { z } from 'zod';
import { ORGANIZATION_ERRORS, type ApiOperation } from '@/lib/http/api-operation';
import { MEMBERSHIP_ROLES } from '@/lib/tenant/roles';
import { slugSchema } from './slug';

/*
 * Organizations on the way in and out, and the API operations on them.
 * Client-safe, so the create and settings forms validate with the same
 * schemas the API does; the database work is in ./organizations.ts.
 */

const nameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const createOrganizationInput = z
  .strictObject({ name: nameSchema, slug: slugSchema.optional() })
  .meta({ id: 'CreateOrganization' });
export const updateOrganizationInput = z
  .strictObject({ name: nameSchema.optional(), slug: slugSchema.optional() })
  .meta({ id: 'UpdateOrganization' });

export const organizationSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    role: z.enum(MEMBERSHIP_ROLES).describe('The caller’s role in this organization'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });

export type OrganizationView = z.infer<typeof organizationSchema>;

const COLLECTION = '/api/v1/orgs';
const ITEM = `${COLLECTION}/{slug}`;

/** Anyone signed in lists their organizations and creates one; inside one, renaming needs admin and deleting needs owner. */
export const organizationOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'My organizations', who: 'signed in', response: { status: 200, schema: organizationSchema, list: true }, errors: ['unauthorized'] },
  create: { method: 'post', path: COLLECTION, summary: 'Create an organization (the caller becomes its owner)', who: 'signed in', body: createOrganizationInput, response: { status: 201, schema: organizationSchema }, errors: ['unauthorized', 'validation_failed', 'slug_taken', 'rate_limited'] },
  get: { method: 'get', path: ITEM, summary: 'An organization and my role in it', who: 'member', response: { status: 200, schema: organizationSchema }, errors: [...ORGANIZATION_ERRORS] },
  update: { method: 'patch', path: ITEM, summary: 'Rename an organization or change its slug', who: 'admin', body: updateOrganizationInput, response: { status: 200, schema: organizationSchema }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'validation_failed', 'slug_taken'] },
  delete: { method: 'delete', path: ITEM, summary: 'Delete an organization and everything in it, cancelling its subscription at Stripe first', who: 'owner', response: { status: 204 }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'billing_unavailable'] },
} as const satisfies Record<string, ApiOperation>;
