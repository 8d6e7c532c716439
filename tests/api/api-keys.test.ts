import { createHmac } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@/lib/tenant/caller';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { attemptAs, ownerRows } from '../support/callers';
import type { TestDatabase } from '../support/test-database';
import { as, useTestEnvironment } from './harness';

const PEPPER = 'test-pepper-of-at-least-thirty-two-characters';
const KEY_FORMAT = /^tnt_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/;

let emulator: AuthEmulator;
let database: TestDatabase;
const users = {} as Record<'ada' | 'bob' | 'cara' | 'dan', { token: string; id: string }>;
/** Admin key (made by dan) and member key (made by ada) of Acme. */
const keys = {} as Record<'admin' | 'member', { key: string; id: string }>;

async function signIn(email: string, name: string) {
  const session = await signInWithEmulator(emulator.url, { email, name });
  return { token: session.accessToken, id: session.userId };
}

const owner = <Row = Record<string, unknown>>(query: SQL) => ownerRows<Row>(database, query);

async function createKey(token: string, slug: string, body: Record<string, unknown>) {
  const response = await as(token).post(`/api/v1/orgs/${slug}/api-keys`, body);
  expect(response.status).toBe(201);
  return { key: response.body.key as string, id: response.body.api_key.id as string };
}

async function lastUsedAt(id: string): Promise<string | null> {
  const [row] = await owner<{ last_used_at: string | null }>(sql`select last_used_at::text from api_keys where id = ${id}`);
  return row!.last_used_at;
}

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url, { API_KEY_PEPPER: PEPPER, API_KEY_RATE_LIMIT: 'off' });
  users.ada = await signIn('ada@example.com', 'Ada Owner');
  users.bob = await signIn('bob@example.com', 'Bob Outsider');
  users.cara = await signIn('cara@example.com', 'Cara Member');
  users.dan = await signIn('dan@example.com', 'Dan Admin');
  expect((await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  expect((await as(users.ada.token).post('/api/v1/orgs', { name: 'Ada Co', slug: 'adaco' })).status).toBe(201);
  expect((await as(users.bob.token).post('/api/v1/orgs', { name: 'Bobco', slug: 'bobco' })).status).toBe(201);
  for (const [user, role] of [[users.cara, 'member'], [users.dan, 'admin']] as const) {
    const invitation = await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: `${user === users.cara ? 'cara' : 'dan'}@example.com`, role });
    const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
    expect((await as(user.token).post('/api/v1/invitations/accept', { token })).status).toBe(201);
  }
  await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Rocket' });
  await as(users.ada.token).post('/api/v1/orgs/adaco/projects', { name: 'Ada secret' });
  await as(users.bob.token).post('/api/v1/orgs/bobco/projects', { name: 'Bob secret' });
  keys.admin = await createKey(users.dan.token, 'acme', { name: 'Deploys', role: 'admin' });
  keys.member = await createKey(users.ada.token, 'acme', { name: 'Reporting' });
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('managing keys', () => {
  it('shows a key once, in the tnt_ format, and stores only a keyed hash of its secret', async () => {
    expect(keys.admin.key).toMatch(KEY_FORMAT);
    const listed = await as(users.ada.token).get('/api/v1/orgs/acme/api-keys');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(keys.admin.key.split('_')[2]);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: keys.member.id, name: 'Reporting', role: 'member', status: 'active', created_by: users.ada.id }),
      expect.objectContaining({ id: keys.admin.id, name: 'Deploys', role: 'admin', prefix: keys.admin.key.split('_').slice(0, 2).join('_') }),
    ]);
    const [row] = await owner<Record<string, unknown>>(sql`select * from api_keys where id = ${keys.admin.id}`);
    const secret = keys.admin.key.split('_')[2]!;
    expect(row!.secret_hash).toBe(createHmac('sha256', PEPPER).update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('a member cannot manage keys, and an admin cannot make an owner key', async () => {
    expect((await as(users.cara.token).get('/api/v1/orgs/acme/api-keys')).body.error.code).toBe('forbidden');
    expect((await as(users.cara.token).post('/api/v1/orgs/acme/api-keys', { name: 'Mine' })).status).toBe(403);
    expect((await as(users.dan.token).post('/api/v1/orgs/acme/api-keys', { name: 'Boss', role: 'owner' })).status).toBe(422);
    expect((await as(users.bob.token).get('/api/v1/orgs/acme/api-keys')).status).toBe(404);
  });

  it('counts live keys toward the plan: the free plan allows 2, and revoking one makes room', async () => {
    const third = await as(users.ada.token).post('/api/v1/orgs/acme/api-keys', { name: 'Third' });
    expect(third.status).toBe(402);
    expect(third.body.error).toMatchObject({ code: 'plan_limit', message: expect.stringContaining('2 API keys') });
    const spare = await createKey(users.bob.token, 'bobco', { name: 'Spare', role: 'admin' });
    expect((await as(users.bob.token).delete(`/api/v1/orgs/bobco/api-keys/${spare.id}`)).body.status).toBe('revoked');
    await createKey(users.bob.token, 'bobco', { name: 'Again' });
    await createKey(users.bob.token, 'bobco', { name: 'And again' });
  });

  it('records creating and revoking a key in the audit log', async () => {
    const spare = await createKey(users.ada.token, 'adaco', { name: 'Short lived' });
    await as(users.ada.token).delete(`/api/v1/orgs/adaco/api-keys/${spare.id}`);
    const events = await owner<{ action: string; actor_id: string; target_id: string; details: Record<string, unknown> }>(
      sql`select action, actor_id, target_id, details from audit_events where target_id = ${spare.id} order by created_at`,
    );
    expect(events).toEqual([
      expect.objectContaining({ action: 'api_key.created', actor_id: users.ada.id, details: { name: 'Short lived', role: 'member' } }),
      expect.objectContaining({ action: 'api_key.revoked', actor_id: users.ada.id, details: { name: 'Short lived' } }),
    ]);
  });
});

describe('calling the API with a key', () => {
  it('reads its organization with Authorization: Bearer tnt_…', async () => {
    const response = await as(keys.member.key).get('/api/v1/orgs/acme/projects');
    expect(response.status).toBe(200);
    expect(response.body.data.map((project: { name: string }) => project.name)).toEqual(['Rocket']);
  });

  it('is 404 on any other organization, even one its creator belongs to', async () => {
    expect((await as(keys.member.key).get('/api/v1/orgs/adaco/projects')).status).toBe(404);
    expect((await as(keys.member.key).get('/api/v1/orgs/bobco')).status).toBe(404);
  });

  it('records a write as done by the key and the person who created it', async () => {
    const created = await as(keys.admin.key).post('/api/v1/orgs/acme/projects', { name: 'Made by a script' });
    expect(created.status).toBe(201);
    const [event] = await owner<{ actor_id: string; details: Record<string, unknown> }>(
      sql`select actor_id, details from audit_events where action = 'project.created' and target_id = ${created.body.id}`,
    );
    expect(event).toEqual({ actor_id: users.dan.id, details: { name: 'Made by a script', api_key: { id: keys.admin.id, name: 'Deploys' } } });
  });

  it('acts with its own role: a member key cannot delete a project', async () => {
    const project = await as(keys.member.key).post('/api/v1/orgs/acme/projects', { name: 'Temporary' });
    const refused = await as(keys.member.key).delete(`/api/v1/orgs/acme/projects/${project.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await as(keys.admin.key).delete(`/api/v1/orgs/acme/projects/${project.body.id}`)).status).toBe(204);
  });

  it('an admin key cannot invite an owner or delete the organization', async () => {
    const invite = await as(keys.admin.key).post('/api/v1/orgs/acme/invitations', { email: 'new@example.com', role: 'owner' });
    expect(invite.status).toBe(403);
    expect((await as(keys.admin.key).delete('/api/v1/orgs/acme')).status).toBe(403);
    expect((await owner(sql`select 1 from organizations where slug = 'acme'`)).length).toBe(1);
  });

  it('a member key cannot make its creator leave: leaving is a person\'s act', async () => {
    const refused = await as(keys.member.key).delete(`/api/v1/orgs/acme/members/${users.ada.id}`);
    expect(refused.status).toBe(403);
    expect((await owner(sql`select 1 from memberships m join organizations o on o.id = m.organization_id where o.slug = 'acme' and m.user_id = ${users.ada.id}`)).length).toBe(1);
  });

  it('is refused with 403 person_required where only a person makes sense', async () => {
    const attempts = [
      as(keys.admin.key).get('/api/v1/me'),
      as(keys.admin.key).get('/api/v1/orgs'),
      as(keys.admin.key).post('/api/v1/orgs', { name: 'By a key' }),
      as(keys.admin.key).post('/api/v1/invitations/accept', { token: 'x'.repeat(43) }),
      as(keys.admin.key).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' }),
      as(keys.admin.key).post('/api/v1/orgs/acme/billing/portal'),
      as(keys.admin.key).get('/api/v1/orgs/acme/api-keys'),
      as(keys.admin.key).post('/api/v1/orgs/acme/api-keys', { name: 'Child key' }),
      as(keys.admin.key).delete(`/api/v1/orgs/acme/api-keys/${keys.member.id}`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('person_required');
    }
  });

  it('answers 401, never 500, for a malformed, unknown or wrong key', async () => {
    const [, publicId, secret] = keys.member.key.split('_');
    const flipped = secret!.slice(0, -1) + (secret!.endsWith('a') ? 'b' : 'a');
    for (const key of ['tnt_', 'tnt_short_key', `tnt_${publicId}_${flipped}`, `tnt_AAAAAAAAAAAA_${secret}`, `${keys.member.key}x`]) {
      const response = await as(key).get('/api/v1/orgs/acme/projects');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('stops working once revoked or expired (401)', async () => {
    const revoked = await createKey(users.ada.token, 'adaco', { name: 'Revoked soon' });
    expect((await as(revoked.key).get('/api/v1/orgs/adaco')).status).toBe(200);
    await as(users.ada.token).delete(`/api/v1/orgs/adaco/api-keys/${revoked.id}`);
    expect((await as(revoked.key).get('/api/v1/orgs/adaco')).status).toBe(401);

    const expiring = await createKey(users.ada.token, 'adaco', { name: 'Expiring', expires_at: new Date(Date.now() + 60_000).toISOString() });
    expect((await as(expiring.key).get('/api/v1/orgs/adaco')).status).toBe(200);
    await owner(sql`update api_keys set expires_at = now() - interval '1 second', created_at = now() - interval '1 minute' where id = ${expiring.id}`);
    expect((await as(expiring.key).get('/api/v1/orgs/adaco')).status).toBe(401);
  });

  it('writes last_used_at at most once a minute', async () => {
    const fresh = await createKey(users.ada.token, 'adaco', { name: 'Timestamps' });
    expect(await lastUsedAt(fresh.id)).toBeNull();
    await as(fresh.key).get('/api/v1/orgs/adaco');
    const first = await lastUsedAt(fresh.id);
    expect(first).not.toBeNull();
    await as(fresh.key).get('/api/v1/orgs/adaco');
    expect(await lastUsedAt(fresh.id)).toBe(first);
    await owner(sql`update api_keys set last_used_at = now() - interval '61 seconds' where id = ${fresh.id}`);
    const aged = await lastUsedAt(fresh.id);
    await as(fresh.key).get('/api/v1/orgs/adaco');
    expect(await lastUsedAt(fresh.id)).not.toBe(aged);
  });

  it('loses what its creator loses: demoted to member, an admin key acts as a member', async () => {
    await as(users.ada.token).patch(`/api/v1/orgs/acme/members/${users.dan.id}`, { role: 'member' });
    try {
      const project = await as(keys.admin.key).post('/api/v1/orgs/acme/projects', { name: 'Doomed' });
      expect((await as(keys.admin.key).delete(`/api/v1/orgs/acme/projects/${project.body.id}`)).status).toBe(403);
    } finally {
      await as(users.ada.token).patch(`/api/v1/orgs/acme/members/${users.dan.id}`, { role: 'admin' });
    }
  });
});

describe('in SQL, as `authenticated` with a key\'s claims', () => {
  // The organization and role in a key's claims are the app's to read; the database trusts only the key's row.
  const keyCaller = (sub: string, keyId: string): Caller => ({
    kind: 'api-key',
    keyId,
    keyName: 'claimed',
    organizationId: '00000000-0000-0000-0000-000000000000',
    role: 'admin',
    userId: sub,
    email: null,
  });
  const attempt = (caller: Caller, query: SQL) => attemptAs(database, caller, query);

  it('sees only the key\'s organization, though its creator belongs to others', async () => {
    const ada = keyCaller(users.ada.id, keys.member.id);
    const projects = await attempt(ada, sql`select p.name from projects p join organizations o on o.id = p.organization_id where o.slug <> 'acme'`);
    expect(projects).toEqual({ refused: false, rows: [] });
    expect(await attempt(ada, sql`select slug from organizations`)).toEqual({ refused: false, rows: [{ slug: 'acme' }] });
    expect(await attempt(ada, sql`select id from api_keys`)).toEqual({ refused: false, rows: [] });
  });

  it('cannot borrow another person\'s key, nor use a revoked one', async () => {
    const borrowed = keyCaller(users.bob.id, keys.member.id);
    expect(await attempt(borrowed, sql`select slug from organizations`)).toEqual({ refused: false, rows: [] });
    const [revoked] = await owner<{ id: string; created_by: string }>(sql`select id, created_by from api_keys where revoked_at is not null limit 1`);
    expect(await attempt(keyCaller(revoked!.created_by, revoked!.id), sql`select slug from organizations`)).toEqual({ refused: false, rows: [] });
  });

  it('a member key cannot delete projects, an admin key cannot invite an owner, delete the organization or make keys', async () => {
    const member = keyCaller(users.ada.id, keys.member.id);
    const admin = keyCaller(users.dan.id, keys.admin.id);
    expect(await attempt(member, sql`delete from projects returning id`)).toEqual({ refused: false, rows: [] });
    const [acme] = await owner<{ id: string }>(sql`select id from organizations where slug = 'acme'`);
    expect(await attempt(admin, sql`select * from tenantry.create_invitation(${acme!.id}::uuid, 'x@example.com', 'owner')`)).toMatchObject({ refused: true, message: 'forbidden' });
    expect(await attempt(admin, sql`select tenantry.delete_organization(${acme!.id}::uuid)`)).toMatchObject({ refused: true, message: 'forbidden' });
    expect(
      await attempt(admin, sql`select tenantry.create_api_key(${acme!.id}::uuid, 'child', 'member', null, 'AAAAAAAAAAAA', ${'0'.repeat(64)})`),
    ).toMatchObject({ refused: true, message: 'person_required' });
  });

  it('no one reads a key\'s hash or writes the table directly', async () => {
    const ada: Caller = { kind: 'person', userId: users.ada.id, email: 'ada@example.com', claims: { sub: users.ada.id, role: 'authenticated' } };
    expect(await attempt(ada, sql`select secret_hash from api_keys`)).toMatchObject({ refused: true, code: '42501' });
    expect(await attempt(ada, sql`update api_keys set revoked_at = null`)).toMatchObject({ refused: true, code: '42501' });
    expect(await attempt(ada, sql`select tenantry.current_api_key_access()`)).toMatchObject({ refused: true, code: '42501' });
  });
});
