import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { attemptAs, makeCaller, ownerRows } from '../support/callers';
import type { TestDatabase } from '../support/test-database';
import { as, useTestEnvironment } from './harness';

// Notes were added by README's "Add a resource": one folder (lib/notes, with
// its table and policies), two route files, one page and two migrations.
// These tests hold the copy to the same rules as projects, through the API
// and in SQL as `authenticated`.

let emulator: AuthEmulator;
let database: TestDatabase;
const users = {} as Record<'ada' | 'bob' | 'cara', { token: string; id: string; email: string }>;

async function signIn(email: string, name: string) {
  const session = await signInWithEmulator(emulator.url, { email, name });
  return { token: session.accessToken, id: session.userId, email };
}

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url);
  users.ada = await signIn('ada@example.com', 'Ada Owner');
  users.bob = await signIn('bob@example.com', 'Bob Outsider');
  users.cara = await signIn('cara@example.com', 'Cara Member');
  expect((await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  expect((await as(users.bob.token).post('/api/v1/orgs', { name: 'Bobco', slug: 'bobco' })).status).toBe(201);
  const invitation = await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: 'cara@example.com', role: 'member' });
  const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
  expect((await as(users.cara.token).post('/api/v1/invitations/accept', { token })).status).toBe(201);
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('notes through the API', () => {
  it('members write, list, read and edit notes; the body is trimmed and the creator recorded', async () => {
    const created = await as(users.cara.token).post('/api/v1/orgs/acme/notes', { title: ' Launch ', body: 'Tuesday at 10' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Launch', body: 'Tuesday at 10', created_by: users.cara.id });
    const listed = await as(users.ada.token).get('/api/v1/orgs/acme/notes');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((note: { title: string }) => note.title)).toEqual(['Launch']);
    const edited = await as(users.ada.token).patch(`/api/v1/orgs/acme/notes/${created.body.id}`, { body: 'Wednesday' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Launch', body: 'Wednesday' });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const refused = await as(users.cara.token).post('/api/v1/orgs/acme/notes', { title: '   ', extra: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('validation_failed');
    const [blank] = await ownerRows<{ count: number }>(database, sql`select count(*)::int as count from notes where title = ''`);
    expect(blank?.count).toBe(0);
  });

  it('a member cannot delete a note; an admin or owner can, and the audit log records each change', async () => {
    const note = await as(users.cara.token).post('/api/v1/orgs/acme/notes', { title: 'Temporary' });
    const byMember = await as(users.cara.token).delete(`/api/v1/orgs/acme/notes/${note.body.id}`);
    expect(byMember.status).toBe(403);
    expect((await as(users.ada.token).get(`/api/v1/orgs/acme/notes/${note.body.id}`)).status).toBe(200);
    expect((await as(users.ada.token).delete(`/api/v1/orgs/acme/notes/${note.body.id}`)).status).toBe(204);
    expect((await as(users.ada.token).get(`/api/v1/orgs/acme/notes/${note.body.id}`)).status).toBe(404);
    const actions = await ownerRows<{ action: string }>(
      database,
      sql`select action from audit_events where target_id = ${note.body.id} order by created_at, id`,
    );
    expect(actions.map((row) => row.action)).toEqual(['note.created', 'note.deleted']);
  });

  it("another organization's note is not found, through its own URL or another's", async () => {
    const secret = await as(users.bob.token).post('/api/v1/orgs/bobco/notes', { title: 'Bob secret' });
    expect(secret.status).toBe(201);
    expect((await as(users.ada.token).get(`/api/v1/orgs/acme/notes/${secret.body.id}`)).status).toBe(404);
    expect((await as(users.ada.token).patch(`/api/v1/orgs/acme/notes/${secret.body.id}`, { title: 'Mine' })).status).toBe(404);
    expect((await as(users.ada.token).get('/api/v1/orgs/bobco/notes')).status).toBe(404);
  });
});

describe('notes in SQL as authenticated', () => {
  it('a member sees only their organizations’ notes, cannot delete, and cannot write as someone else or into another organization', async () => {
    const cara = makeCaller(users.cara.email, users.cara.id);
    const [acme] = await ownerRows<{ id: string }>(database, sql`select id from organizations where slug = 'acme'`);
    const [bobco] = await ownerRows<{ id: string }>(database, sql`select id from organizations where slug = 'bobco'`);

    const visible = await attemptAs(database, cara, sql`select title from notes order by title`);
    expect(visible).toEqual({ refused: false, rows: [{ title: 'Launch' }] });

    const deleted = await attemptAs(database, cara, sql`delete from notes returning id`);
    expect(deleted).toEqual({ refused: false, rows: [] });

    const plantedElsewhere = await attemptAs(
      database,
      cara,
      sql`insert into notes (organization_id, title, created_by) values (${bobco!.id}, 'Planted', ${users.cara.id})`,
    );
    expect(plantedElsewhere).toMatchObject({ refused: true, code: '42501' });

    const asSomeoneElse = await attemptAs(
      database,
      cara,
      sql`insert into notes (organization_id, title, created_by) values (${acme!.id}, 'Forged', ${users.ada.id})`,
    );
    expect(asSomeoneElse).toMatchObject({ refused: true, code: '42501' });

    const movedAway = await attemptAs(database, cara, sql`update notes set organization_id = ${bobco!.id} returning id`);
    expect(movedAway.refused).toBe(true);

    const anonymous = await attemptAs(database, 'anon', sql`select * from notes`);
    expect(anonymous.refused).toBe(true);

    const [all] = await ownerRows<{ count: number }>(database, sql`select count(*)::int as count from notes`);
    expect(all?.count).toBe(2);
  });
});
