import { z } from 'zod';
import { accountOperations } from '@/lib/account/schema';
import { apiKeyOperations } from '@/lib/api-keys/schema';
import { auditOperations } from '@/lib/audit/schema';
import { billingOverviewOperations } from '@/lib/billing/billing-overview-schema';
import { billingSessionOperations } from '@/lib/billing/billing-session-schema';
import { stripeWebhookOperations } from '@/lib/billing/stripe-webhook-schema';
import { emailOperations } from '@/lib/email/operations';
import { noteOperations } from '@/lib/notes/schema';
import { projectOperations } from '@/lib/projects/schema';
import { invitationOperations } from '@/lib/tenancy/invitation-schema';
import { meOperations } from '@/lib/tenancy/me-schema';
import { memberOperations } from '@/lib/tenancy/member-schema';
import { organizationOperations } from '@/lib/tenancy/organization-schema';
import { ERROR_STATUS } from '@/lib/http/app-error';
import type { ApiOperation } from '@/lib/http/api-operation';

/*
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers
 * validate with and the domain functions answer with, so the description
 * cannot drift from the behaviour. OpenAPI 3.1 schemas are JSON Schema 2020-12,
 * which is what z.toJSONSchema emits.
 */

type Schema = z.ZodType;

/**
 * Every operation, as each resource declares it beside its schemas; the
 * routes take their role and input from the same objects. The order is the
 * document's order.
 */
export const OPERATIONS: readonly ApiOperation[] = [
  ...Object.values(meOperations),
  ...Object.values(accountOperations),
  ...Object.values(organizationOperations),
  ...Object.values(memberOperations),
  ...Object.values(invitationOperations),
  ...Object.values(projectOperations),
  ...Object.values(noteOperations),
  ...Object.values(auditOperations),
  ...Object.values(billingOverviewOperations),
  ...Object.values(apiKeyOperations),
  ...Object.values(billingSessionOperations),
  ...Object.values(stripeWebhookOperations),
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
export function acceptsApiKeys(operation: ApiOperation): boolean {
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
