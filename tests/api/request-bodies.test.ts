import { NextRequest } from 'next/server';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_STAND_IN_WEBHOOK_SECRET } from '@/lib/local-stand-ins';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { countingBody } from '../support/counting-body';
import type { TestDatabase } from '../support/test-database';
import { dispatch, SITE_URL, useTestEnvironment } from './harness';

const MiB = 1024 * 1024;
/** A streamed body needs `duplex: 'half'`, which the DOM typings do not know yet. */
type StreamedInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]>;
let emulator: AuthEmulator;
let database: TestDatabase;
let token: string;

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url);
  token = (await signInWithEmulator(emulator.url, { email: 'ada@example.com', name: 'Ada' })).accessToken;
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

/** POSTs a streamed (chunked, no Content-Length) body of `totalBytes`. */
async function postStreamed(path: string, totalBytes: number, headers: Record<string, string>) {
  const body = countingBody(totalBytes);
  const request = new NextRequest(new URL(path, SITE_URL), { method: 'POST', headers, body: body.stream, duplex: 'half' } as StreamedInit);
  const response = await dispatch(request);
  return { status: response.status, body: await response.json(), bytesRead: body.bytesRead() };
}

const validLookingSignature = (timestamp = Math.floor(Date.now() / 1000)) => `t=${timestamp},v1=${'ab'.repeat(32)}`;

describe('the Stripe webhook judges the signature header before reading the body', () => {
  it.each([
    ['no signature header', undefined],
    ['a signature header that is not of the form t=…,v1=…', 'bogus'],
    ['a v1 that is not 64 hex characters', `t=${Math.floor(Date.now() / 1000)},v1=abc`],
    ['no timestamp', `v1=${'ab'.repeat(32)}`],
    ['a timestamp 10 minutes old', validLookingSignature(Math.floor(Date.now() / 1000) - 600)],
    ['a timestamp 10 minutes in the future', validLookingSignature(Math.floor(Date.now() / 1000) + 600)],
  ])('%s: 400 without reading a 50 MB body', async (_, signature) => {
    const response = await postStreamed('/api/webhooks/stripe', 50 * MiB, signature ? { 'stripe-signature': signature } : {});
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_signature');
    expect(response.bytesRead).toBe(0);
  });

  it('a well-formed header with a 50 MB body: 413 after reading no more than the 1 MiB Stripe never exceeds', async () => {
    const response = await postStreamed('/api/webhooks/stripe', 50 * MiB, { 'stripe-signature': validLookingSignature() });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect(response.bytesRead).toBeLessThanOrEqual(MiB + 16 * 1024);
  });

  it('a declared Content-Length above the limit is refused before reading', async () => {
    const body = countingBody(2 * MiB);
    const request = new NextRequest(new URL('/api/webhooks/stripe', SITE_URL), {
      method: 'POST',
      headers: { 'stripe-signature': validLookingSignature(), 'content-length': String(2 * MiB) },
      body: body.stream,
      duplex: 'half',
    } as StreamedInit);
    const response = await dispatch(request);
    expect(response.status).toBe(413);
    expect(body.bytesRead()).toBe(0);
  });

  it('an event signed with the endpoint secret a moment ago is still accepted', async () => {
    const payload = JSON.stringify({ id: 'evt_ok', object: 'event', type: 'price.created', created: 1, data: { object: {} } });
    const request = new NextRequest(new URL('/api/webhooks/stripe', SITE_URL), {
      method: 'POST',
      headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_STAND_IN_WEBHOOK_SECRET }) },
      body: payload,
    });
    const response = await dispatch(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});

describe('API bodies are read as a stream with a limit', () => {
  it('a chunked 50 MB body to create an organization is answered 413 after reading no more than the 64 KiB limit', async () => {
    const response = await postStreamed('/api/v1/orgs', 50 * MiB, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect(response.bytesRead).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
  });

  it('an unauthenticated body is not read at all', async () => {
    const response = await postStreamed('/api/v1/orgs', 50 * MiB, { 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    expect(response.bytesRead).toBe(0);
  });
});
