import { z } from 'zod';
import { deleteAccountInput } from '@/lib/account/delete-account';
import { apiKeyOperations } from '@/lib/api-keys/schema';
import { auditEventSchema } from '@/lib/audit/list-audit-events';
import { billingOverviewSchema } from '@/lib/billing/billing-overview';
import { redirectUrlSchema, startCheckoutInput } from '@/lib/billing/checkout';
import { stripeEventSchema, webhookReceiptSchema } from '@/lib/billing/stripe-webhook';
import { emailOperations } from '@/lib/email/operations';
import { noteOperations } from '@/lib/notes/schema';
import { projectOperations } from '@/lib/projects/schema';
import {
  acceptInvitationInput,
  createdInvitationSchema,
  invitationSchema,
  inviteMemberInput,
} from '@/lib/tenancy/invitations';
import { meSchema } from '@/lib/tenancy/me';
import { changeRoleInput, memberSchema } from '@/lib/tenancy/members';
import { createOrganizationInput, organizationSchema, updateOrganizationInput } from '@/lib/tenancy/organizations';
import { ERROR_STATUS } from '@/lib/http/app-error';
import type { ApiOperation } from '@/lib/http/api-operation';

/*
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers
 * validate with and the domain functions answer with, so the description
 * cannot drift from the behaviour. OpenAPI 3.1 schemas are JSON Schema 2020-12,
 * which is what z.toJSONSchema emits.
 */

type Schema = z.ZodType;

const orgErrors = ['unauthorized', 'not_found'] as const;

// Resources in their own folder declare their operations (lib/projects/schema.ts); the rest are listed here until they move.
const OPERATIONS: ApiOperation[] = [
  { method: 'get', path: '/api/v1/me', summary: 'The caller and their organizations', who: 'signed in', response: { status: 200, schema: meSchema }, errors: ['unauthorized'] },
  { method: 'delete', path: '/api/v1/me', summary: 'Delete my account: leave every organization (deleting those where I am alone, their subscriptions cancelled first), my profile and my sign-in', who: 'signed in', body: deleteAccountInput, response: { status: 204 }, errors: ['unauthorized', 'validation_failed', 'last_owner', 'billing_unavailable', 'auth_unavailable'] },
  { method: 'get', path: '/api/v1/orgs', summary: 'My organizations', who: 'signed in', response: { status: 200, schema: organizationSchema, list: true }, errors: ['unauthorized'] },
  { method: 'post', path: '/api/v1/orgs', summary: 'Create an organization (the caller becomes its owner)', who: 'signed in', body: createOrganizationInput, response: { status: 201, schema: organizationSchema }, errors: ['unauthorized', 'validation_failed', 'slug_taken', 'rate_limited'] },
  { method: 'get', path: '/api/v1/orgs/{slug}', summary: 'An organization and my role in it', who: 'member', response: { status: 200, schema: organizationSchema }, errors: [...orgErrors] },
  { method: 'patch', path: '/api/v1/orgs/{slug}', summary: 'Rename an organization or change its slug', who: 'admin', body: updateOrganizationInput, response: { status: 200, schema: organizationSchema }, errors: [...orgErrors, 'forbidden', 'validation_failed', 'slug_taken'] },
  { method: 'delete', path: '/api/v1/orgs/{slug}', summary: 'Delete an organization and everything in it, cancelling its subscription at Stripe first', who: 'owner', response: { status: 204 }, errors: [...orgErrors, 'forbidden', 'billing_unavailable'] },
  { method: 'get', path: '/api/v1/orgs/{slug}/members', summary: 'Members with name, email and role', who: 'member', response: { status: 200, schema: memberSchema, list: true }, errors: [...orgErrors] },
  { method: 'patch', path: '/api/v1/orgs/{slug}/members/{userId}', summary: 'Change a member’s role (only owners grant or remove owner)', who: 'admin', body: changeRoleInput, response: { status: 200, schema: memberSchema }, errors: [...orgErrors, 'forbidden', 'validation_failed', 'last_owner'] },
  { method: 'delete', path: '/api/v1/orgs/{slug}/members/{userId}', summary: 'Remove a member, or leave (your own user id)', who: 'member', response: { status: 204 }, errors: [...orgErrors, 'forbidden', 'last_owner'] },
  { method: 'get', path: '/api/v1/orgs/{slug}/invitations', summary: 'Invitations (tokens are never shown again)', who: 'admin', response: { status: 200, schema: invitationSchema, list: true }, errors: [...orgErrors, 'forbidden'] },
  { method: 'post', path: '/api/v1/orgs/{slug}/invitations', summary: 'Invite by email; the accept URL is returned once', who: 'admin', body: inviteMemberInput, response: { status: 201, schema: createdInvitationSchema }, errors: [...orgErrors, 'plan_limit', 'forbidden', 'validation_failed', 'already_member', 'rate_limited'] },
  { method: 'delete', path: '/api/v1/orgs/{slug}/invitations/{id}', summary: 'Revoke an invitation', who: 'admin', response: { status: 204 }, errors: [...orgErrors, 'forbidden', 'invitation_used'] },
  { method: 'post', path: '/api/v1/invitations/accept', summary: 'Accept an invitation sent to the caller’s email', who: 'signed in', body: acceptInvitationInput, response: { status: 201, schema: organizationSchema }, errors: ['unauthorized', 'not_found', 'validation_failed', 'invitation_email_mismatch', 'invitation_revoked', 'invitation_used', 'invitation_expired', 'already_member', 'rate_limited'] },
  ...Object.values(projectOperations),
  ...Object.values(noteOperations),
  { method: 'get', path: '/api/v1/orgs/{slug}/audit', summary: 'Audit events, newest first', who: 'admin', response: { status: 200, schema: auditEventSchema, paged: true }, errors: [...orgErrors, 'plan_upgrade_required', 'forbidden', 'validation_failed'] },
  { method: 'get', path: '/api/v1/orgs/{slug}/billing', summary: 'Plan, subscription status, limits and usage', who: 'member', response: { status: 200, schema: billingOverviewSchema }, errors: [...orgErrors] },
  ...Object.values(apiKeyOperations),
  { method: 'post', path: '/api/v1/orgs/{slug}/billing/checkout', summary: 'Start a Stripe Checkout for a paid plan; redirect the buyer to `url`', who: 'admin', personOnly: true, body: startCheckoutInput, response: { status: 200, schema: redirectUrlSchema }, errors: [...orgErrors, 'forbidden', 'validation_failed', 'subscription_exists', 'billing_unavailable', 'rate_limited'] },
  { method: 'post', path: '/api/v1/orgs/{slug}/billing/portal', summary: 'Open the Stripe Customer Portal (change plan, cancel, card, invoices); redirect to `url`', who: 'admin', personOnly: true, response: { status: 200, schema: redirectUrlSchema }, errors: [...orgErrors, 'forbidden', 'billing_not_set_up', 'billing_unavailable', 'rate_limited'] },
  { method: 'post', path: '/api/webhooks/stripe', summary: 'Stripe’s webhook endpoint: re-reads the customer’s subscriptions from Stripe; duplicates and unknown types are answered 200', who: 'Stripe (the Stripe-Signature header, no bearer token)', public: true, body: stripeEventSchema, response: { status: 200, schema: webhookReceiptSchema }, errors: ['invalid_signature', 'internal'] },
  ...Object.values(emailOperations),
];

const ERROR_DESCRIPTIONS: Partial<Record<keyof typeof ERROR_STATUS, string>> = {
  unauthorized: 'No token, or a token or API key that failed verification (malformed, unknown, revoked or expired)',
  person_required: 'Called with an API key; only a signed-in person may do this',
  not_found: 'Does not exist, or the caller is not a member (indistinguishable on purpose)',
  forbidden: 'A member without the required role',
  validation_failed: 'Invalid input; `error.fields` lists each field',
  plan_limit: 'The plan’s limit is reached; the message names the plan that lifts it',
  plan_upgrade_required: 'A paid feature the current plan does not include',
  subscription_exists: 'The organization already has a subscription; change it in the portal',
  billing_not_set_up: 'The organization has never checked out, so it has no billing account yet',
  billing_unavailable: 'Stripe could not be reached; nothing was changed, try again',
  rate_limited: 'Too many requests from this user, IP or API key; `Retry-After` says how many seconds to wait',
  invalid_signature: 'Missing, forged or stale Stripe-Signature; nothing was changed',
  internal: 'A failure on our side (Stripe retries the delivery)',
};

/** api-keys: keys work on an organization's own routes, except those only a person may call. */
function acceptsApiKeys(operation: ApiOperation): boolean {
  return operation.path.startsWith('/api/v1/orgs/{slug}') && !operation.personOnly;
}

/** Builds the document; cheap enough to build per request, and cached by the route anyway. */
export function buildOpenApiDocument(serverUrl: string) {
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
            message: { type: 'string' },
            fields: {
              type: 'array',
              items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
            },
            request_id: { type: 'string', description: 'Present on 500s; quote it when reporting a problem' },
          },
        },
      },
    },
  };
  // Schemas with `.meta({ id })` come out as `$defs`; they become components,
  // and every reference to them points there instead.
  const reference = (schema: Schema, io: 'input' | 'output') => {
    const generated = JSON.parse(
      JSON.stringify(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' })).replaceAll(
        '"#/$defs/',
        '"#/components/schemas/',
      ),
    ) as { $schema?: string; $defs?: Record<string, unknown> } & Record<string, unknown>;
    const { $schema, $defs, ...rest } = generated;
    void $schema;
    Object.assign(schemas, $defs);
    return rest;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: name === 'slug' ? { type: 'string' } : { type: 'string', format: 'uuid' },
    }));
    if (operation.response?.paged) {
      parameters.push(
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } as never },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string', description: 'next_cursor of the previous page' } as never },
      );
    }
    const responses: Record<string, unknown> = {};
    const response = operation.response;
    if (response?.schema) {
      const item = reference(response.schema, 'output');
      const schema =
        response.list || response.paged
          ? {
              type: 'object',
              required: ['data', 'next_cursor'],
              properties: { data: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] } },
            }
          : item;
      responses[String(response.status)] = { description: operation.summary, content: { 'application/json': { schema } } };
    } else if (response) {
      responses[String(response.status)] = { description: 'Done; no body' };
    }
    for (const code of operation.errors) {
      const status = String(ERROR_STATUS[code]);
      const existing = responses[status] as { description: string } | undefined;
      const description = ERROR_DESCRIPTIONS[code] ?? code;
      responses[status] = {
        description: existing ? `${existing.description}; ${description}` : description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      summary: operation.summary,
      description: `Who: ${operation.who}.`,
      ...(operation.public ? { security: [] } : acceptsApiKeys(operation) ? { security: [{ bearer: [] }, { apiKey: [] }] } : {}),
      parameters: parameters.length ? parameters : undefined,
      requestBody: operation.body
        ? { required: true, content: { 'application/json': { schema: reference(operation.body, 'input') } } }
        : undefined,
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tenantry API',
      version: '1',
      description:
        'Authenticate with `Authorization: Bearer <Supabase access token>`, or, on the organization routes that list ' +
        'the `apiKey` scheme, `Authorization: Bearer tnt_…` (an organization API key). Errors are `{"error":{"code","message"}}`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'tnt_<public id>_<secret>',
          description: 'An organization API key: acts in its one organization with its role, as the admin who created it',
        },
      },
    },
  };
}
