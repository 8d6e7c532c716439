/// <reference types="vite/client" />
/**
 * Calls the real route handlers the way Next would: a NextRequest in, the
 * handler chosen by matching the path against the app/api file tree, params
 * as a Promise. `startHttpServer` puts the same dispatcher behind a real port,
 * so a test can be a plain `fetch` client with no cookies at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { LOCAL_SECRET_KEY } from '@/scripts/auth-emulator/constants';
import { toNextRequest, writeResponse } from '../../scripts/route-handler-over-http';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export const SITE_URL = 'http://localhost:3000';

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type RouteModule = object;

/**
 * Every route file under app/api, found the way Next finds them, so a new
 * route is reachable from the tests without being listed anywhere.
 * `/app/api/v1/orgs/[slug]/route.ts` serves `/api/v1/orgs/[slug]`. Static
 * segments win over dynamic ones, as in Next's router.
 */
export const ROUTES: [pattern: string, load: () => Promise<RouteModule>][] = Object.entries(
  import.meta.glob<RouteModule>('/app/api/**/route.ts'),
)
  .map(([file, load]): [string, () => Promise<RouteModule>] => [file.slice('/app'.length, -'/route.ts'.length), load])
  .sort(([a], [b]) => dynamicSegments(a) - dynamicSegments(b) || a.localeCompare(b));

function dynamicSegments(pattern: string): number {
  return pattern.split('/').filter((part) => part.startsWith('[')).length;
}

function matchRoute(pathname: string) {
  const segments = pathname.split('/');
  for (const [pattern, load] of ROUTES) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index] ?? '';
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name) params[name] = decodeURIComponent(segment);
      return name !== undefined || part === segment;
    });
    if (matches) return { load, params };
  }
  return null;
}

/** Routes one request to its handler, as Next's router would (404 and 405 included). */
export async function dispatch(request: NextRequest): Promise<Response> {
  const route = matchRoute(request.nextUrl.pathname);
  if (!route) return new Response(null, { status: 404 });
  const handler = (await route.load() as Record<string, unknown>)[request.method] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  return handler(request, { params: Promise.resolve(route.params) });
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read whatever JSON came back
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.body !== undefined) {
    // Bytes go as they are, so a test can send what JSON.stringify never makes (invalid UTF-8).
    if (typeof options.body === 'string') body = options.body;
    else if (options.body instanceof Uint8Array) body = new Uint8Array(options.body);
    else body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await dispatch(new NextRequest(new URL(path, SITE_URL), { method, headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A client bound to one access token: `as(ada).post('/api/v1/orgs', { name: 'Acme' })`. */
export function as(token: string | undefined) {
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, { token, headers }),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, { token, body, headers }),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', path, { token, body, headers }),
    delete: (path: string, body?: unknown, headers?: Record<string, string>) => call('DELETE', path, { token, body, headers }),
  };
}

/** Serves `dispatch` on a free port. */
export async function startHttpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (incoming, outgoing) => {
    await writeResponse(outgoing, await dispatch(await toNextRequest(incoming)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Points the app at `supabaseUrl` and a fresh database of this file's own.
 * Must run before the first handler call: env() is read once per module graph.
 */
export async function useTestEnvironment(supabaseUrl: string, extraEnv: Record<string, string> = {}): Promise<TestDatabase> {
  Object.assign(process.env, {
    NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_local_emulator_key',
    // The emulator's admin key, for deleting a sign-in along with an account.
    SUPABASE_SECRET_KEY: LOCAL_SECRET_KEY,
    NEXT_PUBLIC_SITE_URL: SITE_URL,
    ...extraEnv,
  });
  const database = await createTestDatabase();
  // Not a React hook, despite the name: it points lib/tenant/database at this file's database.
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  return database;
}

/** Every tenant row, for "nothing changed" assertions made with the owner connection (no RLS). */
export async function snapshotTenantTables(database: TestDatabase) {
  const { sql } = await import('drizzle-orm');
  const tables = ['organizations', 'memberships', 'invitations', 'projects', 'audit_events'] as const;
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const result = await database.db.execute(sql.raw(`select * from ${table} order by id`));
    snapshot[table] = Array.isArray(result) ? [...result] : (result as { rows: unknown[] }).rows;
  }
  return snapshot;
}
