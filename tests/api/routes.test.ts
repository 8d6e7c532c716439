import { describe, expect, it } from 'vitest';
import { routeAccess } from '@/lib/auth/with-auth';
import type { ApiOperation } from '@/lib/http/api-operation';
import { acceptsApiKeys, buildOpenApiDocument, OPERATIONS } from '@/lib/openapi/document';
import { ROUTES } from './harness';

/*
 * The declared operations, the OpenAPI document and the tests' route list
 * must follow the route files. The tests find routes by globbing app/api;
 * this checks the declarations and the document against the same files, so a
 * route nobody declared (or a declaration of a route that is gone) fails here
 * rather than in a client's integration, and so does a route that lets in
 * someone other than its declaration says.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Routes that are not part of the described API, each with its reason. */
const UNDESCRIBED: Record<string, string> = {
  '/api/openapi.json': 'the document itself',
  '/api/health': 'for load balancers and uptime checks, not for API clients',
};

/**
 * Organization routes made with `withAuth`, whose domain function checks the
 * declared role itself (reading it from the same declaration), each with its reason.
 */
const ROLE_CHECKED_INSIDE: Record<string, string> = {
  'POST /api/v1/orgs/{slug}/billing/checkout': 'startCheckout calls Stripe between two short tenant transactions',
  'POST /api/v1/orgs/{slug}/billing/portal': 'openBillingPortal calls Stripe after its tenant transaction',
};

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

async function servedHandlers(): Promise<Map<string, unknown>> {
  const handlers = new Map<string, unknown>();
  for (const [pattern, load] of ROUTES) {
    if (pattern in UNDESCRIBED) continue;
    const route = (await load()) as Record<string, unknown>;
    const path = pattern.replace(/\[(\w+)\]/g, '{$1}');
    for (const method of METHODS) if (typeof route[method] === 'function') handlers.set(key(method, path), route[method]);
  }
  return handlers;
}

function declaredOperations(): string[] {
  return OPERATIONS.map((operation) => key(operation.method, operation.path));
}

function describedOperations(): string[] {
  const { paths } = buildOpenApiDocument('http://localhost:3000');
  return Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => key(method, path)));
}

describe('the route files', () => {
  it('are all found by the tests’ router, the projects routes among them', () => {
    const patterns = ROUTES.map(([pattern]) => pattern);
    expect(patterns).toContain('/api/v1/orgs/[slug]/projects');
    expect(patterns).toContain('/api/v1/orgs/[slug]/projects/[id]');
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('left out of the document still exist, so no exemption outlives its route', () => {
    const patterns = ROUTES.map(([pattern]) => pattern);
    for (const pattern of Object.keys(UNDESCRIBED)) expect(patterns).toContain(pattern);
  });

  it('and the declared operations name the same operations, every method of every route, each once', async () => {
    const declared = declaredOperations();
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual([...(await servedHandlers()).keys()].sort());
  });

  it('and the OpenAPI document describe every declared operation', () => {
    expect(describedOperations().sort()).toEqual(declaredOperations().sort());
  });

  it('let in whom their declared operation names: the role, and API keys only where the document offers them', async () => {
    const handlers = await servedHandlers();
    const declared = new Map<string, ApiOperation>(OPERATIONS.map((operation) => [key(operation.method, operation.path), operation]));
    for (const [name, handler] of handlers) {
      const operation = declared.get(name);
      if (!operation) continue; // an undeclared route fails the test above
      const access = routeAccess(handler);
      if (operation.public) {
        expect(access, `${name} is public: it must authenticate by its own means, not as a user`).toBeUndefined();
        continue;
      }
      expect(access, `${name} must be made with withAuth or withMembership`).toBeDefined();
      const who = name in ROLE_CHECKED_INSIDE ? 'signed in' : operation.who;
      expect({ name, who: access!.who, acceptsApiKeys: access!.acceptsApiKeys }).toEqual({
        name,
        who,
        acceptsApiKeys: acceptsApiKeys(operation),
      });
    }
    for (const name of Object.keys(ROLE_CHECKED_INSIDE)) expect(declared.get(name)?.who).not.toBe('signed in');
  });
});
