import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import type { TestDatabase } from '../support/test-database';
import { as, useTestEnvironment } from './harness';

let emulator: AuthEmulator;
let database: TestDatabase;

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url, { API_KEY_PEPPER: 'rate-limit-test-pepper-of-32-characters!', API_KEY_RATE_LIMIT: '3/60' });
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

it('each key has its own request budget: over it, 429 with Retry-After, while other keys and people go on', async () => {
  const { accessToken } = await signInWithEmulator(emulator.url, { email: 'ada@example.com', name: 'Ada' });
  expect((await as(accessToken).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  const first = (await as(accessToken).post('/api/v1/orgs/acme/api-keys', { name: 'Busy' })).body.key as string;
  const second = (await as(accessToken).post('/api/v1/orgs/acme/api-keys', { name: 'Quiet' })).body.key as string;

  for (let request = 0; request < 3; request++) expect((await as(first).get('/api/v1/orgs/acme')).status).toBe(200);
  const limited = await as(first).get('/api/v1/orgs/acme');
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe('rate_limited');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

  expect((await as(second).get('/api/v1/orgs/acme')).status).toBe(200);
  expect((await as(accessToken).get('/api/v1/orgs/acme')).status).toBe(200);
});
