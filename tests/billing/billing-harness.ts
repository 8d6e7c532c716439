/**
 * What the billing tests share: the auth emulator, the Stripe stand-in (state
 * in memory, port 0) talked to by the app's real `stripe` client, a per-file
 * database, and the app's handlers called directly, billing routes included.
 *
 * Webhooks reach the app in one of two ways:
 * - `delivery: 'stand-in'`: the stand-in signs and POSTs every event to a
 *   small server that hands it to the app's webhook route, as Stripe would.
 * - `delivery: 'manual'`: nothing is delivered by itself; a test reads the
 *   stand-in's events (GET /v1/events) and delivers the ones it wants, in the
 *   order it wants, signed like Stripe signs them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import Stripe from 'stripe';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { LOCAL_WEBHOOK_SECRET, startStripeStandIn, type StripeStandIn, type StripeStandInOptions } from '@/scripts/stripe-stand-in/server';
// Not a React hook, despite its name: it points the app at this file's database and environment.
import { as, call, dispatch, SITE_URL, useTestEnvironment as prepareTestEnvironment, type ApiResponse } from '../api/harness';
import { signInWithEmulator } from '../support/auth-emulator';
import { createStandInClient } from '../support/stripe-stand-in';
import type { TestDatabase } from '../support/test-database';

// The billing routes are in the shared route table; tests use the same client.
export { as, call };

/** Delivers `payload` to the app's webhook route with the given Stripe-Signature header (or none). */
export function postWebhook(payload: string, signature: string | null): Promise<ApiResponse> {
  return call('POST', '/api/webhooks/stripe', {
    body: payload,
    headers: signature === null ? {} : { 'stripe-signature': signature },
  });
}

/** Delivers `event` as Stripe would: its JSON, freshly signed with the endpoint secret. */
export function deliver(event: Stripe.Event, secret = LOCAL_WEBHOOK_SECRET): Promise<ApiResponse> {
  const payload = JSON.stringify(event, null, 2);
  return postWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret }));
}

export interface User {
  token: string;
  id: string;
  email: string;
}

export interface BillingTestEnvironment {
  emulator: AuthEmulator;
  standIn: StripeStandIn;
  /** The same kind of client the app uses, for arranging and checking state at Stripe. */
  stripe: Stripe;
  database: TestDatabase;
  signIn(email: string, name: string): Promise<User>;
  /** Events at the stand-in, oldest first (`manual` delivery reads them from here). */
  events(filter?: { type?: string }): Promise<Stripe.Event[]>;
  /** Rows of a SQL query, run as the database owner (no RLS). */
  query<Row>(text: string): Promise<Row[]>;
  close(): Promise<void>;
}

export async function startBillingTestEnvironment(options: {
  delivery: 'stand-in' | 'manual';
  /** How the stand-in delivers (default: concurrent with jitter, as Stripe); `holdTypes` wait for a release. */
  webhookDelivery?: StripeStandInOptions['webhookDelivery'];
  /** More of the app's environment, such as BILLING=off. */
  env?: Record<string, string>;
}): Promise<BillingTestEnvironment> {
  const emulator = await startAuthEmulator({ port: 0, dataDir: null });
  const forwarder = options.delivery === 'stand-in' ? await startWebhookForwarder() : null;
  const standIn = await startStripeStandIn({
    port: 0,
    dataDir: null,
    webhookUrl: forwarder?.url ?? null,
    webhookRetryDelaysMs: [50, 100, 200, 400],
    ...(options.webhookDelivery ? { webhookDelivery: options.webhookDelivery } : {}),
  });
  const database = await prepareTestEnvironment(emulator.url, {
    STRIPE_API_BASE: standIn.url,
    // Whatever the shell has, these tests talk to the stand-in with its local secrets.
    STRIPE_SECRET_KEY: '',
    STRIPE_WEBHOOK_SECRET: '',
    ...options.env,
  });
  const stripe = createStandInClient(standIn.port);
  return {
    emulator,
    standIn,
    stripe,
    database,
    async signIn(email, name) {
      const session = await signInWithEmulator(emulator.url, { email, name });
      return { token: session.accessToken, id: session.userId, email };
    },
    async events(filter = {}) {
      const events: Stripe.Event[] = [];
      for await (const event of stripe.events.list({ limit: 100, ...(filter.type ? { type: filter.type } : {}) })) events.push(event);
      return events.reverse();
    },
    async query<Row>(text: string) {
      const result = await database.db.execute(sql.raw(text));
      return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
    },
    async close() {
      await standIn.close();
      await forwarder?.close();
      await database.dispose();
      await emulator.close();
    },
  };
}

/** A server in front of the app's webhook route, for the stand-in to deliver to. */
async function startWebhookForwarder(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await dispatch(
      new NextRequest(new URL('/api/webhooks/stripe', SITE_URL), { method: 'POST', headers, body: Buffer.concat(chunks) }),
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Invites `email` into `slug` and accepts as `invitee`. */
export async function addMember(inviter: User, slug: string, invitee: User, role: 'member' | 'admin' = 'member') {
  const invitation = await as(inviter.token).post(`/api/v1/orgs/${slug}/invitations`, { email: invitee.email, role });
  if (invitation.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invitation.body)}`);
  const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
  const accepted = await as(invitee.token).post('/api/v1/invitations/accept', { token });
  if (accepted.status !== 201) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
}
