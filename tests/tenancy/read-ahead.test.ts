import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { projects } from '@/lib/projects/table';
import { callerFromClaims } from '@/lib/auth/caller';
import { verifyAccessToken } from '@/lib/auth/verify-access-token';
import { inOrganization } from '@/lib/tenant/membership';
import { signInWithEmulator } from '../support/auth-emulator';
import { ownerRows } from '../support/callers';
import type { TestDatabase } from '../support/test-database';
import { as, useTestEnvironment } from '../api/harness';

// A GET runs its first query alongside the membership check, trusting for that
// moment what this process found for the same caller and organization last
// time (lib/tenant/membership.ts). These tests change what was found between
// two reads and check that the second answers from the database, never from
// what was remembered; and that a read-only transaction cannot write.

let emulator: AuthEmulator;
let database: TestDatabase;
const users = {} as Record<'ada' | 'cara' | 'dan', { token: string; id: string }>;

async function signIn(email: string, name: string) {
  const session = await signInWithEmulator(emulator.url, { email, name });
  return { token: session.accessToken, id: session.userId };
}

async function join(slug: string, user: { token: string }, email: string, role: 'admin' | 'member') {
  const invitation = await as(users.ada.token).post(`/api/v1/orgs/${slug}/invitations`, { email, role });
  expect(invitation.status).toBe(201);
  const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
  expect((await as(user.token).post('/api/v1/invitations/accept', { token })).status).toBe(201);
}

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url);
  users.ada = await signIn('ada@example.com', 'Ada Owner');
  users.cara = await signIn('cara@example.com', 'Cara Admin');
  users.dan = await signIn('dan@example.com', 'Dan Member');
  expect((await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  expect((await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Rocket' })).status).toBe(201);
  await join('acme', users.cara, 'cara@example.com', 'admin');
  await join('acme', users.dan, 'dan@example.com', 'member');
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('reads that run ahead of the membership check', () => {
  it('a member removed since their last read gets 404 and no rows', async () => {
    expect((await as(users.dan.token).get('/api/v1/orgs/acme/projects')).body.data).toHaveLength(1);
    expect((await as(users.ada.token).delete(`/api/v1/orgs/acme/members/${users.dan.id}`)).status).toBe(204);

    const after = await as(users.dan.token).get('/api/v1/orgs/acme/projects');
    expect(after.status).toBe(404);
    expect(after.body.data).toBeUndefined();
    expect((await as(users.dan.token).get('/api/v1/orgs/acme')).status).toBe(404);
  });

  it('an admin demoted since their last read loses admin reads at once, and sees their new role', async () => {
    expect((await as(users.cara.token).get('/api/v1/orgs/acme/invitations')).status).toBe(200);
    expect((await as(users.cara.token).get('/api/v1/orgs/acme')).body.role).toBe('admin');
    expect((await as(users.ada.token).patch(`/api/v1/orgs/acme/members/${users.cara.id}`, { role: 'member' })).status).toBe(200);

    expect((await as(users.cara.token).get('/api/v1/orgs/acme')).body.role).toBe('member');
    const invitations = await as(users.cara.token).get('/api/v1/orgs/acme/invitations');
    expect(invitations.status).toBe(403);
    expect(invitations.body.data).toBeUndefined();
  });

  it('a renamed organization is read with its new name, and its old slug is not served from memory', async () => {
    expect((await as(users.ada.token).get('/api/v1/orgs/acme')).body.name).toBe('Acme');
    expect((await as(users.ada.token).patch('/api/v1/orgs/acme', { name: 'Acme Labs' })).status).toBe(200);
    expect((await as(users.ada.token).get('/api/v1/orgs/acme')).body.name).toBe('Acme Labs');

    expect((await as(users.ada.token).get('/api/v1/orgs/acme/projects')).status).toBe(200);
    expect((await as(users.ada.token).patch('/api/v1/orgs/acme', { slug: 'acme-labs' })).status).toBe(200);
    const old = await as(users.ada.token).get('/api/v1/orgs/acme/projects');
    expect(old.status).toBe(404);
    expect(old.body.data).toBeUndefined();
    expect((await as(users.ada.token).get('/api/v1/orgs/acme-labs')).body).toMatchObject({ name: 'Acme Labs', slug: 'acme-labs' });
  });

  it('a read-only tenant transaction cannot write, even with a remembered membership', async () => {
    const caller = callerFromClaims(await verifyAccessToken(users.ada.token));
    const before = await ownerRows<{ count: number }>(database, sql`select count(*)::int as count from projects`);
    for (let attempt = 0; attempt < 2; attempt++) {
      const write = inOrganization(
        caller,
        'acme-labs',
        'member',
        (scope) => scope.tx.insert(projects).values({ organizationId: scope.organization.id, name: 'Sneaky', createdBy: caller.userId }),
        { readOnly: true },
      );
      await expect(write).rejects.toThrow();
    }
    const after = await ownerRows<{ count: number }>(database, sql`select count(*)::int as count from projects`);
    expect(after[0]?.count).toBe(before[0]?.count);
  });

  it('work that hands back its query unawaited runs it exactly once', async () => {
    // A Drizzle query is a lazy thenable: each `then` on it would run it again.
    const caller = callerFromClaims(await verifyAccessToken(users.ada.token));
    const inserted = await inOrganization(caller, 'acme-labs', 'member', (scope) =>
      scope.tx.insert(projects).values({ organizationId: scope.organization.id, name: 'Exactly once', createdBy: caller.userId }).returning(),
    );
    expect(inserted).toHaveLength(1);
    const rows = await ownerRows(database, sql`select 1 from projects where name = 'Exactly once'`);
    expect(rows).toHaveLength(1);
  });

  it('work that fails after writing leaves nothing behind', async () => {
    const caller = callerFromClaims(await verifyAccessToken(users.ada.token));
    const failing = inOrganization(caller, 'acme-labs', 'member', async (scope) => {
      await scope.tx.insert(projects).values({ organizationId: scope.organization.id, name: 'Half done', createdBy: caller.userId });
      throw new Error('the handler failed after its insert');
    });
    await expect(failing).rejects.toThrow('the handler failed after its insert');
    const rows = await ownerRows(database, sql`select 1 from projects where name = 'Half done'`);
    expect(rows).toHaveLength(0);
  });
});
