import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/openapi/document';
import { ROUTES } from './harness';

/*
 * The OpenAPI document and the tests' route list must follow the route files.
 * The tests find routes by globbing app/api; this checks the document against
 * the same files, so a route nobody described (or a description of a route
 * that is gone) fails here rather than in a client's integration.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Routes that are not part of the described API, each with its reason. */
const UNDESCRIBED: Record<string, string> = {
  '/api/openapi.json': 'the document itself',
  '/api/health': 'for load balancers and uptime checks, not for API clients',
};

async function servedOperations(): Promise<string[]> {
  const operations: string[] = [];
  for (const [pattern, load] of ROUTES) {
    if (pattern in UNDESCRIBED) continue;
    const route = (await load()) as Record<string, unknown>;
    const path = pattern.replace(/\[(\w+)\]/g, '{$1}');
    for (const method of METHODS) if (typeof route[method] === 'function') operations.push(`${method} ${path}`);
  }
  return operations.sort();
}

function describedOperations(): string[] {
  const { paths } = buildOpenApiDocument('http://localhost:3000');
  return Object.entries(paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('the route files', () => {
  it('are all found by the tests’ router, the projects routes among them', () => {
    const patterns = ROUTES.map(([pattern]) => pattern);
    expect(patterns).toContain('/api/v1/orgs/[slug]/projects');
    expect(patterns).toContain('/api/v1/orgs/[slug]/projects/[id]');
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('and the OpenAPI document name the same operations, every method of every route', async () => {
    expect(describedOperations()).toEqual(await servedOperations());
  });
});
