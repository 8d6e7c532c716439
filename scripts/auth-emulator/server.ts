import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireSecretKey, routeAdmin } from './admin';
import { assertAudience, authenticate } from './authenticate';
import { completeSignIn, showSignInPage, startAuthorization } from './authorize';
import { renderAvatarSvg } from './avatar';
import {
  AUTH_PATH_PREFIX,
  DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  DEFAULT_FLOW_STATE_EXPIRY_SECONDS,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS,
  DEFAULT_SITE_URL,
  LOCAL_SECRET_KEY,
} from './constants';
import type { EmulatorContext } from './context';
import { AuthHttpError, badRequest, toErrorResponse } from './errors';
import { routeGoogle } from './google/routes';
import { SEEDED_ACCOUNTS, userIdForEmail } from './google-accounts';
import { headerValue, readJsonObject, sendJson } from './http';
import { loadSigningKeys, publicJwks } from './keys';
import { logout } from './logout';
import { healthJson, settingsJson } from './settings';
import { findUserById, openStore } from './store';
import { issueToken } from './token';
import { toUserJson } from './user-json';

export { LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY } from './constants';

export interface AuthEmulatorOptions {
  port?: number; // default 54321; 0 = random free port
  host?: string; // default '127.0.0.1'
  dataDir?: string | null; // where keys+users persist (JSON files); null = in memory only
  siteUrl?: string; // default 'http://localhost:3000'
  additionalRedirectUrls?: string[]; // globs, as Supabase's URI allow list
  accessTokenLifetimeSeconds?: number; // default 3600
  algorithm?: 'ES256' | 'RS256'; // default ES256
  refreshTokenReuseIntervalSeconds?: number; // default 10 (hosted setting)
  secretKey?: string; // what opens the admin API; default LOCAL_SECRET_KEY
  keyRotationWindowSeconds?: number; // how long the previous algorithm's key still verifies; default: the access token lifetime
}

export interface AuthEmulator {
  url: string /* e.g. http://127.0.0.1:54321, no trailing slash */;
  close(): Promise<void>;
}

/** Knobs for tests only: a movable clock and a shorter auth-code lifetime. Not part of the public contract. */
export interface AuthEmulatorTestHooks {
  now?: () => number;
  flowStateExpirySeconds?: number;
}

export async function startAuthEmulator(
  options: AuthEmulatorOptions = {},
  testHooks: AuthEmulatorTestHooks = {},
): Promise<AuthEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  const dataDir = options.dataDir === undefined ? null : options.dataDir;
  const algorithm = options.algorithm ?? 'ES256';
  const keys = await loadSigningKeys(dataDir, algorithm, {
    now: (testHooks.now ?? Date.now)(),
    windowSeconds:
      options.keyRotationWindowSeconds ?? options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  });
  const store = openStore(dataDir);

  const clock = { offsetMs: 0, base: testHooks.now ?? Date.now };
  // The context needs the bound port, so it is filled in once listening.
  const ready: { context?: EmulatorContext } = {};
  const server = createServer((request, response) => {
    if (!ready.context) {
      response.writeHead(503).end();
      return;
    }
    void handleRequest(ready.context, request, response);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${port}`;
  ready.context = {
    url,
    issuer: `${url}${AUTH_PATH_PREFIX}`,
    siteUrl: options.siteUrl ?? DEFAULT_SITE_URL,
    additionalRedirectUrls: options.additionalRedirectUrls ?? [],
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
    refreshTokenReuseIntervalSeconds:
      options.refreshTokenReuseIntervalSeconds ?? DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS,
    flowStateExpirySeconds: testHooks.flowStateExpirySeconds ?? DEFAULT_FLOW_STATE_EXPIRY_SECONDS,
    keys,
    secretKey: options.secretKey ?? LOCAL_SECRET_KEY,
    store,
    now: () => clock.base() + clock.offsetMs,
    advanceClock: (milliseconds) => {
      clock.offsetMs += milliseconds;
    },
    resetClock: () => {
      clock.offsetMs = 0;
    },
  };

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) return reject(error);
          // Let in-process clients see the FIN before anyone restarts on this port;
          // otherwise fetch's connection pool reuses a dead keep-alive socket.
          setTimeout(resolve, 25);
        });
        // Keep-alive sockets from fetch clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(context: EmulatorContext, request: IncomingMessage, response: ServerResponse) {
  try {
    applyCors(request, response);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    await route(context, request, url, response);
  } catch (error) {
    const errorId = randomUUID();
    if (!(error instanceof AuthHttpError) || error.status >= 500) {
      console.error(`[auth-emulator] ${errorId}`, error);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const { status, headers, body } = toErrorResponse(error, headerValue(request, 'x-supabase-api-version'), errorId);
    sendJson(response, status, body, headers);
  }
}

async function route(context: EmulatorContext, request: IncomingMessage, url: URL, response: ServerResponse) {
  const method = request.method ?? 'GET';
  const path = url.pathname.startsWith(AUTH_PATH_PREFIX)
    ? url.pathname.slice(AUTH_PATH_PREFIX.length).replace(/\/+$/, '') || '/'
    : null;

  if (path !== null && !opensWithoutApiKey(path) && !headerValue(request, 'apikey') && !url.searchParams.get('apikey')) {
    // Supabase's API gateway answers before Auth does, in its own shape.
    return sendJson(response, 401, { message: 'No API key found in request' });
  }

  switch (`${method} ${path}`) {
    case 'GET /authorize':
      return startAuthorization(context, request, url, response);
    case 'GET /emulator/sign-in':
      return showSignInPage(context, url, response);
    case 'POST /emulator/sign-in':
      return completeSignIn(context, request, response);
    case 'POST /token':
      return issueToken(context, request, url, response);
    case 'GET /user': {
      const caller = await authenticate(context, request);
      assertAudience(request, caller.claims);
      return sendJson(response, 200, toUserJson(caller.user));
    }
    case 'PUT /user':
      return updateUser(context, request, response);
    case 'POST /emulator/clock':
      return advanceClock(context, request, response);
    case 'POST /logout':
      return logout(context, request, url, response);
    case 'GET /.well-known/jwks.json':
      return sendJson(response, 200, publicJwks(context.keys, context.now()), { 'Cache-Control': 'public, max-age=600' });
    case 'GET /settings':
      return sendJson(response, 200, settingsJson());
    case 'GET /health':
      return sendJson(response, 200, healthJson());
  }

  if (path !== null && routeAdmin(context, request, method, path, response)) return;
  if (path !== null && (await routeGoogle(context, request, method, path, url, response))) return;

  const avatar = path === null ? null : /^\/emulator\/avatar\/([0-9a-f-]{36})\.svg$/.exec(path);
  if (method === 'GET' && avatar?.[1]) return serveAvatar(context, avatar[1], response);

  throw new AuthHttpError(404, 'not_found', 'Not Found');
}

/**
 * What Supabase's gateway lets through without an `apikey`: the browser
 * redirects (a link cannot carry a header) and the JWKS, which verifiers
 * fetch anonymously. `/emulator/*` is the emulator's own: the account
 * chooser, avatars, the Google stand-in (Google knows no `apikey`) and the
 * clock, which the secret key guards.
 */
function opensWithoutApiKey(path: string): boolean {
  return path === '/authorize' || path === '/.well-known/jwks.json' || path.startsWith('/emulator/');
}

/**
 * `PUT /user` as `supabase.auth.updateUser({ data })` calls it: `data` is
 * merged into `user_metadata` (a key set to null stays, as GoTrue keeps it).
 * Email, phone and password changes need flows the emulator does not stand in for.
 */
async function updateUser(context: EmulatorContext, request: IncomingMessage, response: ServerResponse) {
  const caller = await authenticate(context, request);
  const body = await readJsonObject(request);
  for (const field of ['email', 'phone', 'password', 'nonce']) {
    if (body[field] !== undefined) throw badRequest('validation_failed', `Updating ${field} is not supported by the local emulator`);
  }
  const { data } = body;
  if (data !== undefined && data !== null) {
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw badRequest('bad_json', 'Could not parse request body as JSON: field "data" must be an object');
    }
    caller.user.userMetadata = { ...caller.user.userMetadata, ...(data as Record<string, unknown>) };
    caller.user.updatedAt = context.now();
    context.store.save();
  }
  sendJson(response, 200, toUserJson(caller.user));
}

/**
 * Test-only: moves the emulator's clock so token expiry can be reached without
 * waiting; `{ "reset": true }` puts it back, for a test that shares the emulator.
 */
async function advanceClock(context: EmulatorContext, request: IncomingMessage, response: ServerResponse) {
  requireSecretKey(context, request);
  const body = await readJsonObject(request);
  if (body.reset === true) {
    context.resetClock();
    return sendJson(response, 200, { now: new Date(context.now()).toISOString() });
  }
  const seconds = body.advance_seconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw badRequest('validation_failed', 'advance_seconds must be a positive number, or reset true');
  }
  context.advanceClock(seconds * 1000);
  sendJson(response, 200, { now: new Date(context.now()).toISOString() });
}

function serveAvatar(context: EmulatorContext, userId: string, response: ServerResponse) {
  const user = findUserById(context.store.state, userId);
  const seeded = SEEDED_ACCOUNTS.find((account) => userIdForEmail(account.email) === userId);
  const name = typeof user?.userMetadata.full_name === 'string' ? user.userMetadata.full_name : (seeded?.name ?? '?');
  const svg = renderAvatarSvg(userId, name);
  response.writeHead(200, {
    'Content-Type': 'image/svg+xml',
    'Content-Length': Buffer.byteLength(svg),
    'Cache-Control': 'public, max-age=300',
    // SVG can carry script; served as an image with no script allowed.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(svg);
}

/**
 * Browser fetches from the app's origin (auth-js in a client component) need
 * CORS. Like GoTrue (credentials allowed), the request's origin is echoed.
 */
function applyCors(request: IncomingMessage, response: ServerResponse) {
  const origin = headerValue(request, 'origin');
  if (!origin) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', 'X-Total-Count, Link, X-Supabase-Api-Version');
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
    const requestedHeaders = headerValue(request, 'access-control-request-headers');
    response.setHeader(
      'Access-Control-Allow-Headers',
      requestedHeaders ||
        'apikey, authorization, content-type, x-client-info, x-supabase-api-version, accept, x-client-ip, x-jwt-aud',
    );
    response.setHeader('Access-Control-Max-Age', '600');
  }
}
