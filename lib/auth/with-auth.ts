import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import type { MembershipRole } from '@/db/schema';
import { AppError, notFound } from '@/lib/http/app-error';
import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody, parseQuery, refuseNul } from '@/lib/http/parse-input';
import type { RateLimitedAction } from '@/lib/rate-limit/limits';
import { limitByIp, limitByUser } from '@/lib/rate-limit/request-limits';
import { authenticateApiKey, bearerApiKey } from '@/lib/api-keys/authenticate-api-key';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';
import { assertSameOrigin, authenticateRequest, type AuthenticatedRequest } from './authenticate-request';
import type { Caller } from '@/lib/tenant/caller';
import { callerFromClaims } from './caller';
import { ensureProfile } from './ensure-profile';

/** What Next passes a route handler; `params` is a Promise since Next 15. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}
export type RouteHandler = (request: NextRequest, context: RouteContext) => Promise<Response>;

/** Schemas for the parts of a request a handler reads; each is validated before the handler runs. */
export interface InputSchemas {
  /** Path parameters; a value that fails (say, an id that is not a UUID) is answered 404. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * Not a schema: limits how often one IP (before authentication) and one
   * user may call the route (lib/rate-limit/limits.ts); over it, 429 with Retry-After.
   */
  rateLimit?: RateLimitedAction;
  /**
   * Not a schema. api-keys: on a `withMembership` route, refuse organization
   * API keys (403 `person_required`): things only a person does, such as
   * managing the keys themselves. `withAuth` routes always refuse keys.
   */
  personOnly?: boolean;
}

type Parsed<Schema, Fallback> = Schema extends z.ZodType ? z.output<Schema> : Fallback;

export interface AuthContext<Schemas extends InputSchemas> {
  request: NextRequest;
  caller: Caller;
  params: Parsed<Schemas['params'], Record<string, string>>;
  query: Parsed<Schemas['query'], undefined>;
  body: Parsed<Schemas['body'], undefined>;
}

export interface MemberContext<Schemas extends InputSchemas> extends AuthContext<Schemas> {
  /** The organization from the `[slug]` segment, the caller's membership and the tenant transaction. */
  scope: TenantScope;
}

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The one path every API request takes: authenticate (bearer token or session
 * cookie, same verifier), refuse cross-site cookie mutations, parse the
 * declared inputs, run the handler, and map any thrown error to one JSON shape.
 *
 *   export const POST = withAuth({ body: createOrganizationInput }, async ({ caller, body }) =>
 *     Response.json(await createOrganization(caller, body), { status: 201 }));
 */
export function withAuth<Schemas extends InputSchemas>(
  schemas: Schemas,
  handler: (context: AuthContext<Schemas>) => Promise<Response>,
): RouteHandler {
  return authenticated(schemas, handler, { acceptsApiKeys: false, who: 'signed in' });
}

/** Who a handler made here lets in, as the route's declared operation must say too. */
export interface RouteAccess {
  who: 'signed in' | MembershipRole;
  acceptsApiKeys: boolean;
}

const accessByHandler = new WeakMap<RouteHandler, RouteAccess>();

/**
 * What a route export made by `withAuth` or `withMembership` requires;
 * undefined for a handler that authenticates by other means (the Stripe
 * webhook, the email sweep). The routes test compares it with the declared
 * operation, so a route cannot let in someone other than its documentation says.
 */
export function routeAccess(handler: unknown): RouteAccess | undefined {
  return typeof handler === 'function' ? accessByHandler.get(handler as RouteHandler) : undefined;
}

function authenticated<Schemas extends InputSchemas>(
  schemas: Schemas,
  handler: (context: AuthContext<Schemas>) => Promise<Response>,
  { acceptsApiKeys, who }: { acceptsApiKeys: boolean; who: RouteAccess['who'] },
): RouteHandler {
  const routeHandler: RouteHandler = async (request, routeContext) => {
    let authenticated: AuthenticatedRequest | undefined;
    let response: Response;
    try {
      if (schemas.rateLimit) await limitByIp(schemas.rateLimit, request.headers);
      let caller: Caller;
      // api-keys: `Bearer tnt_…` is an organization API key, checked by its own verifier (never the JWT one).
      const apiKey = bearerApiKey(request);
      if (apiKey !== null) {
        caller = await authenticateApiKey(apiKey, { accepted: acceptsApiKeys && !schemas.personOnly });
        if (schemas.rateLimit) await limitByUser(schemas.rateLimit, caller.userId);
      } else {
        authenticated = await authenticateRequest(request);
        if (schemas.rateLimit) await limitByUser(schemas.rateLimit, authenticated.claims.sub);
        if (authenticated.via === 'cookie' && MUTATING_METHODS.has(request.method)) assertSameOrigin(request);
        await ensureProfile(authenticated.claims);
        caller = callerFromClaims(authenticated.claims);
      }
      const context = await parseInputs(request, routeContext, schemas);
      response = await handler({ request, caller, ...context });
    } catch (error) {
      response = errorResponse(error, unauthorizedHeaders(error, request), request);
    }
    return finish(response, authenticated);
  };
  accessByHandler.set(routeHandler, { who, acceptsApiKeys: acceptsApiKeys && !schemas.personOnly });
  return routeHandler;
}

/**
 * `withAuth` for routes under `/orgs/[slug]`: the caller must be a member with
 * at least `minimumRole`, and the handler runs inside that organization's
 * tenant transaction (RLS on), so what it changes commits or rolls back as one.
 */
export function withMembership<Schemas extends InputSchemas>(
  minimumRole: MembershipRole,
  schemas: Schemas,
  handler: (context: MemberContext<Schemas>) => Promise<Response>,
): RouteHandler {
  const inScope = async (context: AuthContext<Schemas>) => {
    const slug = (context.params as Record<string, unknown>).slug;
    if (typeof slug !== 'string') throw notFound('Organization');
    // A GET only reads: its transaction is READ ONLY, and its first query may go with the membership check.
    const readOnly = READ_METHODS.has(context.request.method);
    return inOrganization(context.caller, slug, minimumRole, (scope) => handler({ ...context, scope }), { readOnly });
  };
  return authenticated(schemas, inScope, { acceptsApiKeys: true, who: minimumRole });
}

async function parseInputs<Schemas extends InputSchemas>(
  request: NextRequest,
  routeContext: RouteContext,
  schemas: Schemas,
): Promise<Pick<AuthContext<Schemas>, 'params' | 'query' | 'body'>> {
  const rawParams = (await routeContext.params) ?? {};
  refuseNul(rawParams);
  let params: unknown = rawParams;
  if (schemas.params) {
    const result = schemas.params.safeParse(rawParams);
    // A malformed id cannot name anything that exists.
    if (!result.success) throw notFound('Resource');
    params = result.data;
  }
  const query = schemas.query ? parseQuery(request, schemas.query) : undefined;
  const body = schemas.body ? await parseJsonBody(request, schemas.body) : undefined;
  return { params, query, body } as Pick<AuthContext<Schemas>, 'params' | 'query' | 'body'>;
}

/** RFC 6750: tell a client without a token to send one, and one with a bad token that it is bad. */
function unauthorizedHeaders(error: unknown, request: NextRequest): HeadersInit | undefined {
  if (!(error instanceof AppError) || error.status !== 401) return undefined;
  const sentCredentials =
    request.headers.has('authorization') || request.cookies.getAll().some((cookie) => cookie.name.startsWith('sb-'));
  return {
    'WWW-Authenticate': sentCredentials
      ? // Header values must be printable ASCII, or building the response itself throws.
        `Bearer error="invalid_token", error_description="${error.message.replace(/[^\x20-\x7e]|["\\]/g, '')}"`
      : 'Bearer',
  };
}

function finish(response: Response, authenticated: AuthenticatedRequest | undefined): Response {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  if (!authenticated?.cookiesToSet.length) return response;
  // A refreshed cookie session must reach the browser, or its next request
  // presents a refresh token that has already been used.
  const withCookies = new NextResponse(response.body, { status: response.status, headers: response.headers });
  for (const { name, value, options } of authenticated.cookiesToSet) withCookies.cookies.set(name, value, options);
  for (const [key, value] of Object.entries(authenticated.cookieHeaders)) withCookies.headers.set(key, value);
  return withCookies;
}
