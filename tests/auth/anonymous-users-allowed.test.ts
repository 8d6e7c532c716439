import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, useTestEnvironment } from '../api/harness';
import type { TestDatabase } from '../support/test-database';
import { startTokenSigner } from '../support/token-signer';

// The one setting that lets Supabase anonymous users in (they are refused by
// default: tests/auth/access-token-attacks.test.ts).
let signer: Awaited<ReturnType<typeof startTokenSigner>>;
let database: TestDatabase;

beforeAll(async () => {
  signer = await startTokenSigner();
  database = await useTestEnvironment(signer.supabaseUrl, { ALLOW_ANONYMOUS_USERS: '1' });
});

afterAll(async () => {
  await database?.dispose();
  await signer?.close();
});

it('with ALLOW_ANONYMOUS_USERS=1 an anonymous user may create an organization', async () => {
  const token = await signer.sign(randomUUID(), { is_anonymous: true });
  const created = await as(token).post('/api/v1/orgs', { name: 'Guest Org', slug: 'guest-org' });
  expect(created.status).toBe(201);
});
