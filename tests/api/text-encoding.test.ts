import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/http/error-response';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import type { TestDatabase } from '../support/test-database';
import { as, call, snapshotTenantTables, useTestEnvironment } from './harness';

// NUL (U+0000) is fine in JSON and JavaScript but not in Postgres text: every
// place it can arrive is refused with 422 naming the field, never a 500.
let emulator: AuthEmulator;
let database: TestDatabase;
let token: string;
let projectId: string;

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url);
  token = (await signInWithEmulator(emulator.url, { email: 'ada@example.com', name: 'Ada' })).accessToken;
  expect((await as(token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  projectId = (await as(token).post('/api/v1/orgs/acme/projects', { name: 'Rocket' })).body.id;
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('a NUL character in input', () => {
  it('in an organization name, a project name or description: 422 naming the field, and nothing is stored', async () => {
    const before = await snapshotTenantTables(database);
    const attempts = [
      [await as(token).post('/api/v1/orgs', { name: 'Ac\u0000me' }), 'name'],
      [await as(token).patch('/api/v1/orgs/acme', { name: 'x\u0000' }), 'name'],
      [await as(token).post('/api/v1/orgs/acme/projects', { name: 'Moon', description: 'top\u0000secret' }), 'description'],
      [await as(token).patch(`/api/v1/orgs/acme/projects/${projectId}`, { name: '\u0000' }), 'name'],
      [await as(token).post('/api/v1/orgs/acme/invitations', { email: 'eve@example.com\u0000', role: 'member' }), 'email'],
      [await as(token).post('/api/v1/invitations/accept', { token: 'abc\u0000' }), 'token'],
    ] as const;
    for (const [response, field] of attempts) {
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.fields).toEqual([{ field, message: 'Must not contain NUL characters' }]);
    }
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('in a key of the body: 422 too', async () => {
    const response = await as(token).post('/api/v1/orgs', { name: 'Acme 2', ['sl\u0000ug']: 'x' });
    expect(response.status).toBe(422);
  });

  it('in a slug or id in the path: 422', async () => {
    for (const path of ['/api/v1/orgs/ac%00me', '/api/v1/orgs/ac%00me/projects', `/api/v1/orgs/acme/projects/${projectId}%00`]) {
      const response = await as(token).get(path);
      expect(response.status, path).toBe(422);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });

  it('in a query parameter: 422', async () => {
    const response = await as(token).get('/api/v1/orgs/acme/projects?cursor=%00');
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual([{ field: 'cursor', message: 'Must not contain NUL characters' }]);
  });
});

describe('a body that is not valid UTF-8', () => {
  it('is refused with 400, not stored with replacement characters', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const response = await call('POST', '/api/v1/orgs', { token, headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_body');
    const organizations = await database.db.execute(sql`select name from organizations where name like 'Caf%'`);
    expect(Array.isArray(organizations) ? organizations : (organizations as { rows: unknown[] }).rows).toEqual([]);
  });

  it('valid UTF-8 beyond ASCII is kept as sent', async () => {
    const response = await as(token).post('/api/v1/orgs', { name: 'Café Zürich 東京' });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe('Café Zürich 東京');
  });
});

describe('a text encoding error from the database itself', () => {
  it('is answered 422, not 500', async () => {
    const error = await database.db.execute(sql`select ${'a\u0000b'}::text`).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).not.toBeNull();
    const response = errorResponse(error);
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe('validation_failed');
  });
});
