import { expect, test } from '@playwright/test';
import { countingBody } from '../tests/support/counting-body';

// Against the real `next start`: the server itself must not buffer a body the
// handler refuses, so what the client managed to send is what is measured.
const MiB = 1024 * 1024;

async function postStreamed(url: string, totalBytes: number, headers: Record<string, string>) {
  const body = countingBody(totalBytes, 64 * 1024);
  const response = await fetch(url, { method: 'POST', headers, body: body.stream, duplex: 'half' } as RequestInit & { duplex: 'half' });
  const json = await response.json();
  return { status: response.status, json, bytesSent: body.bytesRead() };
}

test('a 200 MB webhook with no signature is refused before the body is read', async ({ baseURL }) => {
  const response = await postStreamed(`${baseURL}/api/webhooks/stripe`, 200 * MiB, { 'content-type': 'application/json' });
  expect(response.status).toBe(400);
  expect(response.json.error.code).toBe('invalid_signature');
  // Socket buffers take a few MiB before anyone reads; nowhere near the 200 sent by a full read.
  expect(response.bytesSent).toBeLessThan(32 * MiB);
});

test('a chunked 200 MB body with a Stripe-looking signature stops at the webhook limit with 413', async ({ baseURL }) => {
  const signature = `t=${Math.floor(Date.now() / 1000)},v1=${'ab'.repeat(32)}`;
  const response = await postStreamed(`${baseURL}/api/webhooks/stripe`, 200 * MiB, { 'stripe-signature': signature });
  expect(response.status).toBe(413);
  expect(response.bytesSent).toBeLessThan(32 * MiB);
});
