import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';

/*
 * Organization API keys on the way in and out, and the API operations on
 * them. Client-safe (no server-only imports), so the create form validates
 * with the same schema the API does; the database work is in ./service.ts.
 */

/** Roles a key may act with: never owner (nothing a script does needs it), never above its creator's (the database checks). */
export const API_KEY_ROLES = ['member', 'admin'] as const;

export const createApiKeyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('What the key is for, such as "CI deploys"'),
    role: z.enum(API_KEY_ROLES).default('member'),
    expires_at: z.iso
      .datetime({ offset: true })
      .nullable()
      .default(null)
      .refine((value) => value === null || Date.parse(value) > Date.now(), 'must be in the future')
      .describe('When the key stops working; null for never'),
  })
  .meta({ id: 'CreateApiKey' });

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(API_KEY_ROLES),
    prefix: z.string().describe('The key\'s first characters (`tnt_<public id>`), to recognise it; not a secret'),
    status: z.enum(['active', 'revoked', 'expired']),
    created_by: z.uuid(),
    expires_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable().describe('Updated at most once a minute'),
    revoked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = z
  .object({ api_key: apiKeySchema, key: z.string().describe('Shown once: only a keyed hash of its secret is stored') })
  .meta({ id: 'CreatedApiKey' });

export type ApiKeyView = z.infer<typeof apiKeySchema>;

const COLLECTION = '/api/v1/orgs/{slug}/api-keys';
const ITEM = `${COLLECTION}/{id}`;
const KEY_ERRORS = [...ORGANIZATION_ERRORS, 'forbidden', 'person_required'] as const;

/**
 * Managing keys is for people: a key cannot mint or revoke keys
 * (`personOnly`, 403 `person_required`).
 */
export const apiKeyOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'API keys (their secrets are never shown again)', who: 'admin', personOnly: true, response: { status: 200, schema: apiKeySchema, list: true }, errors: [...KEY_ERRORS] },
  create: { method: 'post', path: COLLECTION, summary: 'Create an API key acting as you with its role (member or admin, not above yours); the key is returned once', who: 'admin', personOnly: true, body: createApiKeyInput, response: { status: 201, schema: createdApiKeySchema }, errors: [...KEY_ERRORS, 'plan_limit', 'validation_failed'] },
  revoke: { method: 'delete', path: ITEM, summary: 'Revoke an API key; it stops working at once', who: 'admin', personOnly: true, response: { status: 200, schema: apiKeySchema }, errors: [...KEY_ERRORS] },
} as const satisfies Record<string, OrganizationOperation>;
