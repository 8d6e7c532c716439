/**
 * A local stand-in for the Stripe API that the real, unmodified `stripe` client
 * talks to through its `host` / `port` / `protocol` options, plus hosted
 * Checkout / Portal pages, signed webhooks and a movable clock.
 * Dev and test only: never bundled into the app, never started in production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { STRIPE_STAND_IN_PORT, STRIPE_STAND_IN_SECRET_KEY, STRIPE_STAND_IN_WEBHOOK_SECRET } from '../../lib/local-stand-ins';
import { API_VERSION, renderEventForEndpoint, renderForVersion, resolveApiVersion, SERVED_API_VERSIONS, unservedVersionMessage } from './api-version';
import { processDueWork } from './billing-cycle';
import { Clock } from './clock';
import { StandInContext } from './context';
import { StripeApiError, unrecognizedUrl, type StripeErrorBody } from './errors';
import { decodeForm, type FormParams } from './form';
import { handleHostedPage } from './hosted-pages';
import { checkIdempotencyKey, fingerprint, rememberResult, shouldRemember } from './idempotency';
import { includeRequested } from './includable';
import { expandObject } from './list';
import { readExpand } from './params';
import { findApiRoute } from './routes';
import { seedCatalog } from './seed';
import { DEFAULT_SEED_PRODUCTS, type SeedProduct } from './seed-plans';
import { newId, Store } from './store';
import { WebhookDeliverer, type WebhookDeliverySettings } from './webhooks';

export type { SeedPrice, SeedProduct } from './seed-plans';

// The stand-in's port and the keys it agrees on with the app: lib/local-stand-ins.ts.
export const LOCAL_SECRET_KEY = STRIPE_STAND_IN_SECRET_KEY;
export const LOCAL_WEBHOOK_SECRET = STRIPE_STAND_IN_WEBHOOK_SECRET;
export const DEFAULT_STAND_IN_PORT = STRIPE_STAND_IN_PORT;
export const DEFAULT_WEBHOOK_URL = 'http://127.0.0.1:3000/api/webhooks/stripe';
/** Dev backoff: quick enough for a developer restarting the app, as patient as a coffee break. */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
/** Prefix of the stand-in's own control endpoints; nothing Stripe serves lives here. */
export const CONTROL_PREFIX = '/_stand-in';

export interface StripeStandInOptions {
  port?: number;
  host?: string;
  dataDir?: string | null;
  webhookUrl?: string | null;
  webhookSecret?: string;
  /** The API version the webhook endpoint is pinned to; events are rendered in it. Default: the package's. */
  webhookApiVersion?: string;
  seedPrices?: SeedProduct[];
  webhookRetryDelaysMs?: number[];
  /** Concurrent with jitter (Stripe's way) unless `order: 'strict'`; `holdTypes` are kept back until released. */
  webhookDelivery?: Partial<WebhookDeliverySettings> & { random?: () => number };
  /** Where delivery and request notes go; silent by default. */
  log?: (line: string) => void;
}

export interface StripeStandIn {
  url: string;
  port: number;
  close(): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
}

const DUE_WORK_INTERVAL_MS = 30_000;
const MAX_BODY_BYTES = 1_000_000;

export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const store = Store.open(options.dataDir === undefined ? null : options.dataDir);
  const clock = new Clock(store.state);
  const webhookApiVersion = options.webhookApiVersion ?? API_VERSION;
  if (!SERVED_API_VERSIONS.includes(webhookApiVersion)) throw new Error(unservedVersionMessage(webhookApiVersion));
  const deliverer = new WebhookDeliverer({
    url: options.webhookUrl === undefined ? DEFAULT_WEBHOOK_URL : options.webhookUrl,
    secret: options.webhookSecret ?? LOCAL_WEBHOOK_SECRET,
    retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    ...options.webhookDelivery,
    payloadFor: (eventId) => {
      const event = store.state.events[eventId];
      return event ? JSON.stringify(renderEventForEndpoint(event, webhookApiVersion), null, 2) : null;
    },
    onDelivered: (eventId) => {
      const event = store.state.events[eventId];
      if (event) event.pending_webhooks = 0;
      store.save();
    },
    log,
  });

  let ctx: StandInContext | null = null;
  const server = createServer((request, response) => {
    if (ctx === null) {
      response.writeHead(503).end();
      return;
    }
    handleRequest(ctx, request, response, deliverer, log).catch((error: unknown) => {
      log(`stand-in: unexpected error: ${String(error)}`);
      if (!response.headersSent) sendError(response, 500, { type: 'api_error', message: 'The stand-in failed unexpectedly.' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_STAND_IN_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${port}`;
  ctx = new StandInContext(store, clock, url, deliverer);
  const context = ctx;
  seedCatalog(context, options.seedPrices ?? DEFAULT_SEED_PRODUCTS);
  processDueWork(context);
  store.save();

  // Real time passes too: let renewals and expiries fall due without an explicit advance.
  const timer = setInterval(() => {
    try {
      processDueWork(context);
      store.save();
    } catch (error) {
      log(`stand-in: billing cycle failed: ${String(error)}`);
    }
  }, DUE_WORK_INTERVAL_MS);
  timer.unref();

  return {
    url,
    port,
    async advanceClock(seconds: number) {
      clock.advance(seconds);
      processDueWork(context);
      store.save();
    },
    async close() {
      clearInterval(timer);
      await deliverer.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.save();
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new StripeApiError(413, { type: 'invalid_request_error', message: 'Request body too large.' });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, no-store',
    'stripe-version': API_VERSION,
    ...headers,
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, error: StripeErrorBody, headers: Record<string, string> = {}): void {
  // The client retries 5xx unless told not to; the stand-in's own failures are deterministic.
  const retryHeader: Record<string, string> = status >= 500 ? { 'stripe-should-retry': 'false' } : {};
  sendJson(response, status, JSON.stringify({ error }, null, 2), { ...retryHeader, ...headers });
}

function decodesCleanly(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Bearer `sk_test_…` (what stripe-node sends) or HTTP Basic with the key as user (what curl -u sends). */
function readApiKey(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
  return '';
}

function authenticationError(key: string | null): StripeErrorBody {
  if (key === null) {
    return {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    };
  }
  const masked = key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : key;
  return {
    type: 'invalid_request_error',
    message: `Invalid API Key provided: ${masked}. The local Stripe stand-in accepts test-mode secret keys (sk_test_…).`,
  };
}

async function handleRequest(
  ctx: StandInContext,
  request: IncomingMessage,
  response: ServerResponse,
  deliverer: WebhookDeliverer,
  log: (line: string) => void,
): Promise<void> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://stand-in');
  if (!decodesCleanly(url.pathname)) {
    sendError(response, 400, {
      type: 'invalid_request_error',
      message: `The request path ${url.pathname} has a malformed percent-escape; encode "%" as %25.`,
    });
    return;
  }
  if (url.pathname.startsWith('/v1/')) return handleApi(ctx, request, response, method, url, log);
  if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return handleControl(ctx, request, response, method, url, deliverer);
  const body = method === 'POST' ? await readBody(request) : '';
  if (handleHostedPage(ctx, method, url, decodeForm(body), response)) return;
  sendError(response, 404, unrecognizedUrl(method, url.pathname).body);
}

async function handleApi(
  ctx: StandInContext,
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  url: URL,
  log: (line: string) => void,
): Promise<void> {
  const requestId = newId('req_', 14);
  const baseHeaders: Record<string, string> = { 'request-id': requestId };
  const key = readApiKey(request);
  if (key === null || !key.startsWith('sk_test_')) {
    sendError(response, 401, authenticationError(key), { ...baseHeaders, 'www-authenticate': 'Bearer realm="Stripe"' });
    return;
  }
  let params: FormParams;
  try {
    const body = await readBody(request);
    params = { ...decodeForm(url.search.slice(1)), ...(method === 'POST' ? decodeForm(body) : {}) };
  } catch (error) {
    const status = error instanceof StripeApiError ? error.status : 400;
    sendError(response, status, { type: 'invalid_request_error', message: 'Could not read the request body.' }, baseHeaders);
    return;
  }
  const idempotencyKey = method === 'POST' ? (request.headers['idempotency-key'] as string | undefined) ?? null : null;
  let apiVersion = API_VERSION;
  try {
    apiVersion = resolveApiVersion(request.headers['stripe-version'] as string | undefined);
    baseHeaders['stripe-version'] = apiVersion;
    if (idempotencyKey !== null) {
      const outcome = checkIdempotencyKey(ctx.state, idempotencyKey, method, url.pathname, params);
      if (outcome.kind === 'replay') {
        sendJson(response, outcome.record.status, outcome.record.body, {
          ...baseHeaders,
          'idempotent-replayed': 'true',
          'idempotency-key': idempotencyKey,
          ...(outcome.record.status >= 500 ? { 'stripe-should-retry': 'false' } : {}),
        });
        return;
      }
    }
  } catch (error) {
    if (error instanceof StripeApiError) {
      sendError(response, error.status, error.body, baseHeaders);
      return;
    }
    throw error;
  }

  let status = 200;
  let body: string;
  ctx.currentRequest = { id: requestId, idempotencyKey };
  try {
    const route = findApiRoute(method, url.pathname);
    if (!route) throw unrecognizedUrl(method, url.pathname);
    const expand = readExpand(params);
    const result = includeRequested(ctx, route.handler(ctx, params, route.id), expand);
    body = JSON.stringify(renderForVersion(expandObject(ctx.state, result, expand), apiVersion), null, 2);
  } catch (error) {
    if (error instanceof StripeApiError) {
      status = error.status;
      body = JSON.stringify({ error: { ...error.body, request_log_url: null } }, null, 2);
    } else {
      log(`stand-in: ${method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      status = 500;
      body = JSON.stringify({ error: { type: 'api_error', message: `The stand-in failed on ${method} ${url.pathname}.` } }, null, 2);
    }
  } finally {
    ctx.currentRequest = null;
  }
  if (idempotencyKey !== null && shouldRemember(status)) {
    rememberResult(ctx.state, idempotencyKey, { method, path: url.pathname, fingerprint: fingerprint(params), status, body });
  }
  ctx.store.save();
  sendJson(response, status, body, {
    ...baseHeaders,
    ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}),
    ...(status >= 500 ? { 'stripe-should-retry': 'false' } : {}),
  });
}

/**
 * `/_stand-in/…`: moving the clock and resending events. JSON in and out; no
 * API key, since the stand-in only listens on loopback by default.
 */
async function handleControl(
  ctx: StandInContext,
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  url: URL,
  deliverer: WebhookDeliverer,
): Promise<void> {
  const path = url.pathname.slice(CONTROL_PREFIX.length);
  const reply = (status: number, value: unknown) => sendJson(response, status, JSON.stringify(value, null, 2));
  const fail = (status: number, message: string) => reply(status, { error: { type: 'invalid_request_error', message } });
  const body = method === 'POST' ? await readBody(request) : '';
  let input: Record<string, unknown> = {};
  if (body.trim().startsWith('{')) {
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return fail(400, 'Body is not valid JSON.');
    }
  } else if (body) {
    input = decodeForm(body);
  }

  if (method === 'GET' && path === '/health') {
    return reply(200, { ok: true, now: ctx.clock.now(), api_version: API_VERSION, webhooks: deliverer.isEnabled });
  }
  if (method === 'GET' && path === '/clock') {
    return reply(200, { now: ctx.clock.now(), offset_seconds: ctx.state.clockOffsetSeconds });
  }
  if (method === 'POST' && path === '/clock/advance') {
    const seconds = Number(input['seconds'] ?? url.searchParams.get('seconds'));
    if (!Number.isInteger(seconds) || seconds < 0) return fail(400, 'Give `seconds`, a non-negative integer.');
    ctx.clock.advance(seconds);
    processDueWork(ctx);
    ctx.store.save();
    return reply(200, { now: ctx.clock.now(), offset_seconds: ctx.state.clockOffsetSeconds });
  }
  if (path === '/webhooks' || path.startsWith('/webhooks/')) {
    if (!deliverer.isEnabled && method === 'POST') return fail(409, 'Webhook delivery is off (no webhook URL configured).');
    const types = readTypes(input['types']);
    if (types === null) return fail(400, '`types` must be a list of event types, e.g. ["checkout.session.completed"].');
    if (method === 'POST' && path === '/webhooks') {
      const order = input['order'];
      if (order !== undefined && order !== 'concurrent' && order !== 'strict') return fail(400, '`order` is "concurrent" or "strict".');
      const jitter = input['max_jitter_ms'] === undefined ? undefined : Number(input['max_jitter_ms']);
      if (jitter !== undefined && (!Number.isInteger(jitter) || jitter < 0)) return fail(400, '`max_jitter_ms` is a non-negative integer.');
      deliverer.configure({ ...(order !== undefined ? { order } : {}), ...(jitter !== undefined ? { maxJitterMs: jitter } : {}) });
    } else if (method === 'POST' && path === '/webhooks/hold') {
      if (!types || types.length === 0) return fail(400, 'Give `types`, the event types to hold back.');
      deliverer.hold(types);
    } else if (method === 'POST' && path === '/webhooks/release') {
      return reply(200, { released: deliverer.release(types), ...webhookSettings(deliverer) });
    } else if (!(method === 'GET' && path === '/webhooks')) {
      return fail(404, `Unknown control endpoint ${method} ${url.pathname}. See scripts/stripe-stand-in/README.md.`);
    }
    return reply(200, webhookSettings(deliverer));
  }
  const resend = /^\/events\/([^/]+)\/resend$/.exec(path);
  if (method === 'POST' && resend) {
    const eventId = decodeURIComponent(resend[1] ?? '');
    const event = ctx.state.events[eventId];
    if (!event) return fail(404, `No such event: '${eventId}'`);
    if (!deliverer.isEnabled) return fail(409, 'Webhook delivery is off (no webhook URL configured).');
    event.pending_webhooks += 1;
    ctx.store.save();
    deliverer.enqueue(eventId, event.type);
    return reply(200, { resent: eventId });
  }
  return fail(404, `Unknown control endpoint ${method} ${url.pathname}. See scripts/stripe-stand-in/README.md.`);
}

/** `types` as a JSON list, or one form value / comma-separated string; undefined when absent, null when unreadable. */
function readTypes(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || !list.every((type) => typeof type === 'string')) return null;
  return list.map((type: string) => type.trim()).filter(Boolean);
}

function webhookSettings(deliverer: WebhookDeliverer) {
  const settings = deliverer.currentSettings;
  return {
    enabled: deliverer.isEnabled,
    order: settings.order,
    max_jitter_ms: settings.maxJitterMs,
    hold_types: settings.holdTypes,
    held: settings.held,
  };
}
