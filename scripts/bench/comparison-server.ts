/**
 * The comparison server for `npm run bench`; never part of the product.
 *
 * One plain node:http process serves the projects list two ways that differ
 * only in how the caller is authenticated, so the difference between them is
 * the cost of that choice and nothing else:
 *
 *   GET /api/v1/orgs/{slug}/projects             the product's own route handler: the token
 *                                                verified locally with jose against the cached JWKS
 *   GET /round-trip/api/v1/orgs/{slug}/projects  `supabase.auth.getUser(token)` on every request
 *                                                (the auth server checks the token), then the same
 *                                                membership check, tenant transaction and query
 *   GET /distant-round-trip/api/v1/orgs/{slug}/projects
 *                                                the same, with the auth server BENCH_AUTH_RTT_MS away
 *
 * plus the product's `/api/health?db=0` as this server's floor and the POST
 * routes the seeding uses. The lib code is imported as is; run with
 * `--conditions=react-server` so its `server-only` markers resolve to nothing.
 * Env: BENCH_PORT, and the app's own variables (LOCAL_DATA_DIR or DATABASE_URL,
 * NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { GET as health } from '@/app/api/health/route';
import { GET as listProjectsRoute, POST as createProjectRoute } from '@/app/api/v1/orgs/[slug]/projects/route';
import { POST as createOrganizationRoute } from '@/app/api/v1/orgs/route';
import type { Caller } from '@/lib/tenant/caller';
import type { RouteHandler } from '@/lib/auth/with-auth';
import { getDatabase } from '@/lib/tenant/database';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { errorResponse } from '@/lib/http/error-response';
import { pageQuerySchema, toPageRequest } from '@/lib/http/pagination';
import { parseQuery } from '@/lib/http/parse-input';
import { listProjects } from '@/lib/projects/service';
import { inOrganization } from '@/lib/tenant/membership';
import { toNextRequest, writeResponse } from '../route-handler-over-http';

const { supabaseUrl, supabasePublishableKey } = env();
const authOptions = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };
const supabase = createClient(supabaseUrl, supabasePublishableKey, { auth: authOptions });

/**
 * The same client, with every auth server answer held back BENCH_AUTH_RTT_MS
 * (default 20) before it is read: on one machine the round trip costs only
 * loopback, while a Supabase project in the app's own region is about 20 ms
 * away. The wait is simulated here, in the client, rather than by a relay in
 * front of the auth server: a relay would change the token issuer URL the
 * local verifier checks.
 */
const roundTripMs = Number(process.env.BENCH_AUTH_RTT_MS ?? '20');
const distantSupabase = createClient(supabaseUrl, supabasePublishableKey, {
  auth: authOptions,
  global: {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      await new Promise((resolve) => setTimeout(resolve, roundTripMs));
      return response;
    },
  },
});

/** The pattern this benchmark compares against: ask the auth server about the token on every request. */
function listProjectsViaGetUser(client: typeof supabase): RouteHandler {
  return async (request, context) => {
    try {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!token) throw new AppError('unauthorized', 'Send the access token as Authorization: Bearer <token>.');
      const { data, error } = await client.auth.getUser(token);
      if (error || !data.user) throw new AppError('unauthorized', 'The access token is invalid.');
      // The auth server vouched for the token, so its claims can be read without checking the signature again.
      const caller: Caller = { kind: 'person', userId: data.user.id, email: data.user.email ?? null, claims: decodeJwt(token) };
      const { slug } = (await context.params) as { slug: string };
      const page = toPageRequest(parseQuery(request, pageQuerySchema));
      const result = await inOrganization(caller, slug, 'member', (scope) => listProjects(scope, page), { readOnly: true });
      return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const routes: { method: string; pattern: RegExp; handler: RouteHandler }[] = [
  { method: 'GET', pattern: /^\/api\/health$/, handler: (request) => health(request) },
  { method: 'POST', pattern: /^\/api\/v1\/orgs$/, handler: createOrganizationRoute },
  { method: 'GET', pattern: /^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects$/, handler: listProjectsRoute },
  { method: 'POST', pattern: /^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects$/, handler: createProjectRoute },
  { method: 'GET', pattern: /^\/round-trip\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects$/, handler: listProjectsViaGetUser(supabase) },
  { method: 'GET', pattern: /^\/distant-round-trip\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects$/, handler: listProjectsViaGetUser(distantSupabase) },
];

/** The same NextRequest a route handler gets under Next, built from the raw request. */
async function handle(incoming: IncomingMessage, outgoing: ServerResponse) {
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  const method = incoming.method ?? 'GET';
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
  if (!route) {
    outgoing.writeHead(404).end();
    return;
  }
  const request = await toNextRequest(incoming);
  const params = { ...route.pattern.exec(url.pathname)?.groups };
  const response = await route.handler(request, { params: Promise.resolve(params) });
  await writeResponse(outgoing, response);
}

await getDatabase(); // open (and in local mode migrate) before the first request, as instrumentation.ts does under Next
const server = createServer((incoming, outgoing) => {
  handle(incoming, outgoing).catch((error: unknown) => {
    console.error('[comparison-server]', error);
    if (!outgoing.headersSent) outgoing.writeHead(500);
    outgoing.end();
  });
});
server.listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => console.log('ready'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
