import { createServerClient } from '@supabase/ssr';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { giveOrganizationPlan } from '../support/plans';
import type { TestDatabase } from '../support/test-database';
import { as, call, SITE_URL, snapshotTenantTables, startHttpServer, useTestEnvironment } from './harness';

let emulator: AuthEmulator;
let database: TestDatabase;
const users = {} as Record<'ada' | 'bob' | 'cara' | 'dan' | 'eve', { token: string; id: string; email: string }>;
let acmeProjectId: string;

async function signIn(email: string, name: string) {
  const session = await signInWithEmulator(emulator.url, { email, name });
  return { token: session.accessToken, id: session.userId, email };
}

/** Invites `email` into `slug` as `inviter` and returns the token from the accept URL. */
async function invite(inviterToken: string, slug: string, email: string, role = 'member') {
  const response = await as(inviterToken).post(`/api/v1/orgs/${slug}/invitations`, { email, role });
  expect(response.status).toBe(201);
  return { id: response.body.invitation.id as string, token: new URL(response.body.accept_url).pathname.split('/').at(-1)! };
}

async function query<Row>(text: string): Promise<Row[]> {
  const result = await database.db.execute(sql.raw(text));
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url);
  users.ada = await signIn('ada@example.com', 'Ada Lovelace');
  users.bob = await signIn('bob@example.com', 'Bob Outsider');
  users.cara = await signIn('cara@example.com', 'Cara Member');
  users.dan = await signIn('dan@example.com', 'Dan Admin');
  users.eve = await signIn('eve@example.com', 'Eve Newcomer');

  // Acme: ada owns it, dan is admin, cara is a member. Bobco is bob's alone.
  expect((await as(users.ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' })).status).toBe(201);
  expect((await as(users.bob.token).post('/api/v1/orgs', { name: 'Bobco', slug: 'bobco' })).status).toBe(201);
  // Acme grows past the free plan's members and reads its audit log: it is on Business.
  await giveOrganizationPlan(database, 'acme', 'business');
  const forCara = await invite(users.ada.token, 'acme', 'cara@example.com');
  const forDan = await invite(users.ada.token, 'acme', 'DAN@example.com', 'admin');
  expect((await as(users.cara.token).post('/api/v1/invitations/accept', { token: forCara.token })).status).toBe(201);
  expect((await as(users.dan.token).post('/api/v1/invitations/accept', { token: forDan.token })).status).toBe(201);
  const project = await as(users.ada.token).post('/api/v1/orgs/acme/projects', { name: 'Rocket', description: 'Top secret' });
  acmeProjectId = project.body.id;
  await as(users.bob.token).post('/api/v1/orgs/bobco/projects', { name: 'Bob’s thing' });
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('a signed-in user', () => {
  it('sees themself and their organizations at /me, with a profile made from the token on first call', async () => {
    const response = await as(users.cara.token).get('/api/v1/me');
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ id: users.cara.id, email: 'cara@example.com', name: 'Cara Member' });
    expect(response.body.organizations).toEqual([expect.objectContaining({ slug: 'acme', name: 'Acme', role: 'member' })]);
  });

  it('creates an organization, becomes its owner, and gets a unique slug derived from the name', async () => {
    const first = await as(users.eve.token).post('/api/v1/orgs', { name: 'Ünïcode Labs!' });
    const second = await as(users.eve.token).post('/api/v1/orgs', { name: 'Unicode Labs' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ slug: 'unicode-labs', name: 'Ünïcode Labs!', role: 'owner' });
    expect(second.body.slug).toBe('unicode-labs-2');
    const mine = await as(users.eve.token).get('/api/v1/orgs');
    expect(mine.body.data.map((org: { slug: string }) => org.slug)).toEqual(['unicode-labs', 'unicode-labs-2']);
    expect(mine.body.next_cursor).toBeNull();
  });

  it('gets 409 for an explicit slug that is taken, even by an organization they cannot see', async () => {
    const response = await as(users.eve.token).post('/api/v1/orgs', { name: 'Mine', slug: 'acme' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('slug_taken');
  });

  it('gets 422 with the field errors for bad input and for unknown fields', async () => {
    const response = await as(users.eve.token).post('/api/v1/orgs', { name: '', slug: 'No Spaces', owner_id: users.ada.id });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['name', 'owner_id', 'slug']);
    expect((await as(users.eve.token).post('/api/v1/orgs', '{"name":')).status).toBe(422);
    expect((await as(users.eve.token).post('/api/v1/orgs', { name: 'x' }, { 'content-type': 'text/plain' })).status).toBe(415);
  });
});

describe('organization settings', () => {
  it('lets a member read the organization and their role', async () => {
    const response = await as(users.cara.token).get('/api/v1/orgs/acme');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ slug: 'acme', name: 'Acme', role: 'member' });
  });

  it('lets an admin rename it, records it in the audit log, and refuses a member (403)', async () => {
    expect((await as(users.cara.token).patch('/api/v1/orgs/acme', { name: 'Cara Corp' })).status).toBe(403);
    const renamed = await as(users.dan.token).patch('/api/v1/orgs/acme', { name: 'Acme Inc' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug: 'acme', name: 'Acme Inc', role: 'admin' });
    const audit = await as(users.ada.token).get('/api/v1/orgs/acme/audit?limit=1');
    expect(audit.body.data[0]).toMatchObject({ action: 'organization.updated', actor_id: users.dan.id });
  });

  it('answers 409 when the new slug is taken', async () => {
    const response = await as(users.ada.token).patch('/api/v1/orgs/acme', { slug: 'bobco' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('slug_taken');
  });

  it('lets only an owner delete it, and then everything of that organization is gone', async () => {
    const created = await as(users.eve.token).post('/api/v1/orgs', { name: 'Doomed', slug: 'doomed' });
    await as(users.eve.token).post('/api/v1/orgs/doomed/projects', { name: 'Soon gone' });
    await invite(users.eve.token, 'doomed', 'someone@example.com');

    expect((await as(users.dan.token).delete('/api/v1/orgs/acme')).status).toBe(403);
    const deleted = await as(users.eve.token).delete('/api/v1/orgs/doomed');
    expect(deleted.status).toBe(204);
    expect((await as(users.eve.token).get('/api/v1/orgs/doomed')).status).toBe(404);
    for (const table of ['memberships', 'invitations', 'projects', 'audit_events']) {
      expect(await query(`select 1 from ${table} where organization_id = '${created.body.id}'`)).toEqual([]);
    }
  });
});

describe('members and roles', () => {
  it('lists members with name, email and role', async () => {
    const response = await as(users.cara.token).get('/api/v1/orgs/acme/members');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      expect.objectContaining({ user_id: users.ada.id, email: 'ada@example.com', name: 'Ada Lovelace', role: 'owner' }),
      expect.objectContaining({ user_id: users.cara.id, email: 'cara@example.com', role: 'member' }),
      expect.objectContaining({ user_id: users.dan.id, email: 'dan@example.com', role: 'admin' }),
    ]);
  });

  it('a member cannot promote themself', async () => {
    const before = await snapshotTenantTables(database);
    const response = await as(users.cara.token).patch(`/api/v1/orgs/acme/members/${users.cara.id}`, { role: 'admin' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('an admin cannot make themself owner, nor demote or remove an owner', async () => {
    const before = await snapshotTenantTables(database);
    expect((await as(users.dan.token).patch(`/api/v1/orgs/acme/members/${users.dan.id}`, { role: 'owner' })).status).toBe(403);
    expect((await as(users.dan.token).patch(`/api/v1/orgs/acme/members/${users.ada.id}`, { role: 'member' })).status).toBe(403);
    expect((await as(users.dan.token).delete(`/api/v1/orgs/acme/members/${users.ada.id}`)).status).toBe(403);
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('the last owner can neither be demoted nor leave (409 last_owner)', async () => {
    const before = await snapshotTenantTables(database);
    const demoted = await as(users.ada.token).patch(`/api/v1/orgs/acme/members/${users.ada.id}`, { role: 'admin' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe('last_owner');
    const left = await as(users.ada.token).delete(`/api/v1/orgs/acme/members/${users.ada.id}`);
    expect(left.status).toBe(409);
    expect(left.body.error.code).toBe('last_owner');
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('an owner can hand over ownership, after which the former owner may step down', async () => {
    const org = await as(users.eve.token).post('/api/v1/orgs', { name: 'Handover', slug: 'handover' });
    expect(org.status).toBe(201);
    await giveOrganizationPlan(database, 'handover', 'business'); // for the audit log
    const { token } = await invite(users.eve.token, 'handover', 'cara@example.com', 'owner');
    expect((await as(users.cara.token).post('/api/v1/invitations/accept', { token })).body.role).toBe('owner');
    const stepDown = await as(users.eve.token).patch(`/api/v1/orgs/handover/members/${users.eve.id}`, { role: 'member' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.role).toBe('member');
    expect((await as(users.eve.token).delete(`/api/v1/orgs/handover/members/${users.eve.id}`)).status).toBe(204);
    expect((await as(users.eve.token).get('/api/v1/orgs/handover')).status).toBe(404);
    const audit = await as(users.cara.token).get('/api/v1/orgs/handover/audit');
    expect(audit.body.data.map((event: { action: string }) => event.action)).toEqual([
      'member.left',
      'member.role_changed',
      'invitation.accepted',
      'invitation.created',
      'organization.created',
    ]);
  });

  it('a member can leave, and an admin can remove a member', async () => {
    const { token } = await invite(users.dan.token, 'acme', 'eve@example.com');
    expect((await as(users.eve.token).post('/api/v1/invitations/accept', { token })).status).toBe(201);
    expect((await as(users.cara.token).delete(`/api/v1/orgs/acme/members/${users.eve.id}`)).status).toBe(403);
    expect((await as(users.dan.token).delete(`/api/v1/orgs/acme/members/${users.eve.id}`)).status).toBe(204);
    expect((await as(users.eve.token).get('/api/v1/orgs/acme')).status).toBe(404);
  });
});

describe('invitations', () => {
  it('returns the accept URL once and stores only a hash of its token', async () => {
    const response = await as(users.ada.token).post('/api/v1/orgs/acme/invitations', { email: 'New@Example.com', role: 'member' });
    expect(response.status).toBe(201);
    expect(response.body.invitation).toMatchObject({ email: 'new@example.com', role: 'member', status: 'pending' });
    const acceptUrl = new URL(response.body.accept_url);
    expect(acceptUrl.origin + acceptUrl.pathname.replace(/[^/]+$/, '')).toBe('http://localhost:3000/invite/');
    const token = acceptUrl.pathname.split('/').at(-1)!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const listed = await as(users.ada.token).get('/api/v1/orgs/acme/invitations');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const [stored] = await query<{ token_hash: string }>(`select token_hash from invitations where id = '${response.body.invitation.id}'`);
    expect(stored?.token_hash).not.toContain(token);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an admin cannot invite an owner; a member cannot invite at all', async () => {
    expect((await as(users.dan.token).post('/api/v1/orgs/acme/invitations', { email: 'x@example.com', role: 'owner' })).status).toBe(403);
    expect((await as(users.cara.token).post('/api/v1/orgs/acme/invitations', { email: 'x@example.com' })).status).toBe(403);
    expect((await as(users.cara.token).get('/api/v1/orgs/acme/invitations')).status).toBe(403);
  });

  it('refuses an invitation accepted with another email (403) and changes nothing', async () => {
    const { token } = await invite(users.ada.token, 'acme', 'someone-else@example.com');
    const before = await snapshotTenantTables(database);
    const response = await as(users.bob.token).post('/api/v1/invitations/accept', { token });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('invitation_email_mismatch');
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('refuses an invitation accepted twice (409)', async () => {
    const { token } = await invite(users.ada.token, 'acme', 'bob@example.com');
    expect((await as(users.bob.token).post('/api/v1/invitations/accept', { token })).status).toBe(201);
    const before = await snapshotTenantTables(database);
    const again = await as(users.bob.token).post('/api/v1/invitations/accept', { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invitation_used');
    expect(await snapshotTenantTables(database)).toEqual(before);
    // Undo, so bob is an outsider again for the attacks below.
    expect((await as(users.bob.token).delete(`/api/v1/orgs/acme/members/${users.bob.id}`)).status).toBe(204);
  });

  it('refuses an expired invitation (410) and a revoked one (409)', async () => {
    const expired = await invite(users.ada.token, 'acme', 'eve@example.com');
    await query(`update invitations set expires_at = now() - interval '1 minute' where id = '${expired.id}'`);
    const revoked = await invite(users.ada.token, 'acme', 'eve@example.com');
    expect((await as(users.dan.token).delete(`/api/v1/orgs/acme/invitations/${revoked.id}`)).status).toBe(204);

    const before = await snapshotTenantTables(database);
    const late = await as(users.eve.token).post('/api/v1/invitations/accept', { token: expired.token });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('invitation_expired');
    const withdrawn = await as(users.eve.token).post('/api/v1/invitations/accept', { token: revoked.token });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.code).toBe('invitation_revoked');
    const unknown = await as(users.eve.token).post('/api/v1/invitations/accept', { token: 'x'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(await snapshotTenantTables(database)).toEqual(before);
  });
});

describe('projects', () => {
  it('lets members create, read and update projects; only admins and owners delete them', async () => {
    const created = await as(users.cara.token).post('/api/v1/orgs/acme/projects', { name: 'Cara’s', description: null });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Cara’s', description: null, created_by: users.cara.id });
    const path = `/api/v1/orgs/acme/projects/${created.body.id}`;
    expect((await as(users.cara.token).get(path)).body.name).toBe('Cara’s');
    expect((await as(users.cara.token).patch(path, { description: 'Now described' })).body.description).toBe('Now described');
    expect((await as(users.cara.token).delete(path)).status).toBe(403);
    expect((await as(users.dan.token).delete(path)).status).toBe(204);
    expect((await as(users.cara.token).get(path)).status).toBe(404);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    await as(users.eve.token).post('/api/v1/orgs', { name: 'Pager', slug: 'pager' });
    await giveOrganizationPlan(database, 'pager', 'business'); // five projects, more than free allows
    for (let index = 1; index <= 5; index += 1) {
      await as(users.eve.token).post('/api/v1/orgs/pager/projects', { name: `Project ${index}` });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await as(users.eve.token).get(`/api/v1/orgs/pager/projects?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      names.push(...response.body.data.map((project: { name: string }) => project.name));
      cursor = response.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toEqual(['Project 5', 'Project 4', 'Project 3', 'Project 2', 'Project 1']);
  });

  it('answers 422 for a limit out of range or a forged cursor', async () => {
    expect((await as(users.ada.token).get('/api/v1/orgs/acme/projects?limit=0')).status).toBe(422);
    expect((await as(users.ada.token).get('/api/v1/orgs/acme/projects?limit=101')).status).toBe(422);
    expect((await as(users.ada.token).get('/api/v1/orgs/acme/projects?cursor=bm9wZQ')).status).toBe(422);
  });

  it('ignores nothing silently: a client-sent creator id is refused as an unknown field', async () => {
    const response = await as(users.cara.token).post('/api/v1/orgs/acme/projects', { name: 'Forged', created_by: users.ada.id });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual([{ field: 'created_by', message: 'Unknown field' }]);
  });
});

describe('the audit log', () => {
  it('records every mutation with its actor, newest first, readable by admins but not members', async () => {
    const response = await as(users.dan.token).get('/api/v1/orgs/acme/audit?limit=100');
    expect(response.status).toBe(200);
    const actions = response.body.data.map((event: { action: string }) => event.action);
    expect(actions.at(-1)).toBe('organization.created');
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.accepted', 'invitation.revoked', 'project.created', 'project.deleted', 'member.removed', 'member.left']),
    );
    expect((await as(users.cara.token).get('/api/v1/orgs/acme/audit')).status).toBe(403);
  });
});

describe('user B against user A’s organization', () => {
  const notFoundBody = { error: { code: 'not_found', message: 'Organization not found' } };

  it('cannot tell A’s organization from one that does not exist', async () => {
    const theirs = await as(users.bob.token).get('/api/v1/orgs/acme');
    const missing = await as(users.bob.token).get('/api/v1/orgs/no-such-org');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(notFoundBody);
    expect(missing.body).toEqual(notFoundBody);
  });

  it('cannot read, change or delete anything of A’s by slug or by id, and nothing changes', async () => {
    const [invitation] = await query<{ id: string }>(`select id from invitations limit 1`);
    const bob = as(users.bob.token);
    const before = await snapshotTenantTables(database);
    const attempts = [
      bob.patch('/api/v1/orgs/acme', { name: 'Pwned' }),
      bob.delete('/api/v1/orgs/acme'),
      bob.get('/api/v1/orgs/acme/members'),
      bob.patch(`/api/v1/orgs/acme/members/${users.bob.id}`, { role: 'owner' }),
      bob.patch(`/api/v1/orgs/acme/members/${users.cara.id}`, { role: 'admin' }),
      bob.delete(`/api/v1/orgs/acme/members/${users.ada.id}`),
      bob.get('/api/v1/orgs/acme/invitations'),
      bob.post('/api/v1/orgs/acme/invitations', { email: 'bob2@example.com', role: 'owner' }),
      bob.delete(`/api/v1/orgs/acme/invitations/${invitation!.id}`),
      bob.get('/api/v1/orgs/acme/projects'),
      bob.post('/api/v1/orgs/acme/projects', { name: 'Planted' }),
      bob.get(`/api/v1/orgs/acme/projects/${acmeProjectId}`),
      bob.patch(`/api/v1/orgs/acme/projects/${acmeProjectId}`, { name: 'Pwned' }),
      bob.delete(`/api/v1/orgs/acme/projects/${acmeProjectId}`),
      bob.get('/api/v1/orgs/acme/audit'),
      // By id through B's own organization: the id is real, but not in bobco.
      bob.get(`/api/v1/orgs/bobco/projects/${acmeProjectId}`),
      bob.patch(`/api/v1/orgs/bobco/projects/${acmeProjectId}`, { name: 'Pwned' }),
      bob.delete(`/api/v1/orgs/bobco/projects/${acmeProjectId}`),
      bob.delete(`/api/v1/orgs/bobco/invitations/${invitation!.id}`),
      bob.patch(`/api/v1/orgs/bobco/members/${users.ada.id}`, { role: 'member' }),
      bob.delete(`/api/v1/orgs/bobco/members/${users.ada.id}`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect(await snapshotTenantTables(database)).toEqual(before);
  });

  it('a malformed id in the path is a 404, not a server error', async () => {
    const response = await as(users.ada.token).get('/api/v1/orgs/acme/projects/not-a-uuid');
    expect(response.status).toBe(404);
  });
});

describe('the web app’s cookie session', () => {
  /** The cookies @supabase/ssr itself writes for a session, obtained by running it, not by imitating it. */
  async function sessionCookieHeader(email: string, name: string): Promise<string> {
    const session = await signInWithEmulator(emulator.url, { email, name });
    const jar = new Map<string, string>();
    const supabase = createServerClient(emulator.url, 'sb_publishable_local_emulator_key', {
      cookies: {
        getAll: () => [...jar].map(([cookieName, value]) => ({ name: cookieName, value })),
        setAll: (cookies) => cookies.forEach((cookie) => jar.set(cookie.name, cookie.value)),
      },
    });
    const { error } = await supabase.auth.setSession({ access_token: session.accessToken, refresh_token: session.refreshToken });
    expect(error).toBeNull();
    expect([...jar.keys()].some((cookieName) => /^sb-127-auth-token(\.\d+)?$/.test(cookieName))).toBe(true);
    return [...jar].map(([cookieName, value]) => `${cookieName}=${value}`).join('; ');
  }

  it('authenticates reads with the session cookie alone', async () => {
    const cookie = await sessionCookieHeader('ada@example.com', 'Ada Lovelace');
    const response = await call('GET', '/api/v1/orgs/acme', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.body.role).toBe('owner');
  });

  it('refuses a cookie-authenticated mutation without a same-origin Origin (CSRF) and changes nothing', async () => {
    const cookie = await sessionCookieHeader('ada@example.com', 'Ada Lovelace');
    const before = await snapshotTenantTables(database);
    const refused: Record<string, string>[] = [{ cookie }, { cookie, origin: 'https://evil.example.com' }, { cookie, origin: 'null' }];
    for (const headers of refused) {
      const response = await call('POST', '/api/v1/orgs/acme/projects', { headers, body: { name: 'Forged by a form' } });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('cross_origin_request');
    }
    expect(await snapshotTenantTables(database)).toEqual(before);
    const sameOrigin = await call('POST', '/api/v1/orgs/acme/projects', {
      headers: { cookie, origin: SITE_URL },
      body: { name: 'From the dashboard' },
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('refreshes a session that is about to expire and hands the new cookies back on the response', async () => {
    const cookie = await sessionCookieHeader('ada@example.com', 'Ada Lovelace');
    // @supabase/ssr splits a large session into `.0`, `.1` … chunks; join them to edit the session.
    const encoded = cookie
      .split('; ')
      .map((pair) => pair.split(/=(.*)/s) as [string, string])
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([, value]) => value)
      .join('');
    const session = JSON.parse(Buffer.from(encoded.replace(/^base64-/, ''), 'base64url').toString('utf8'));
    const expiring = { ...session, expires_at: Math.floor(Date.now() / 1000) - 10 };
    const stale = `sb-127-auth-token=base64-${Buffer.from(JSON.stringify(expiring)).toString('base64url')}`;

    const response = await call('GET', '/api/v1/orgs/acme', { headers: { cookie: stale } });
    expect(response.status).toBe(200);
    const chunks = response.headers
      .getSetCookie()
      .map((line) => /^sb-127-auth-token(?:\.(\d+))?=([^;]*)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && match[2] !== '')
      .sort((a, b) => Number(a[1] ?? 0) - Number(b[1] ?? 0))
      .map((match) => match[2])
      .join('');
    const refreshed = JSON.parse(Buffer.from(chunks.replace(/^base64-/, ''), 'base64url').toString('utf8'));
    expect(refreshed.refresh_token).not.toBe(session.refresh_token);
    expect(refreshed.expires_at).toBeGreaterThan(Date.now() / 1000);
  });

  it('answers 401 for a cookie whose session is not valid', async () => {
    const response = await call('GET', '/api/v1/me', { headers: { cookie: 'sb-127-auth-token=base64-bm9wZQ' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });
});

describe('a bearer-token client with no cookies (plain fetch)', () => {
  it('accepts a token from the local Supabase Auth emulator exactly as issued', async () => {
    const fresh = await signIn('fresh@example.com', 'Fresh Face');
    const response = await as(fresh.token).get('/api/v1/me');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: { id: fresh.id, email: 'fresh@example.com', name: 'Fresh Face', avatar_url: expect.any(String) },
      organizations: [],
    });
  });

  it('can do everything the browser can: create, invite, accept, work, audit, clean up', async () => {
    const server = await startHttpServer();
    try {
      const api = async (token: string, method: string, path: string, body?: unknown) => {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: response.status, body: response.status === 204 ? null : await response.json() };
      };
      const owner = await signIn('script@example.com', 'Script Owner');
      const helper = await signIn('helper@example.com', 'Script Helper');

      expect((await api(owner.token, 'POST', '/api/v1/orgs', { name: 'Scripted' })).body.slug).toBe('scripted');
      await giveOrganizationPlan(database, 'scripted', 'business'); // for the audit log
      const invitation = await api(owner.token, 'POST', '/api/v1/orgs/scripted/invitations', { email: 'helper@example.com', role: 'admin' });
      const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
      expect((await api(helper.token, 'POST', '/api/v1/invitations/accept', { token })).status).toBe(201);
      const project = await api(helper.token, 'POST', '/api/v1/orgs/scripted/projects', { name: 'Via fetch' });
      expect(project.status).toBe(201);
      expect((await api(helper.token, 'PATCH', `/api/v1/orgs/scripted/projects/${project.body.id}`, { name: 'Renamed' })).body.name).toBe('Renamed');
      expect((await api(helper.token, 'GET', '/api/v1/orgs/scripted/projects')).body.data).toHaveLength(1);
      expect((await api(owner.token, 'PATCH', `/api/v1/orgs/scripted/members/${helper.id}`, { role: 'member' })).body.role).toBe('member');
      expect((await api(owner.token, 'GET', '/api/v1/orgs/scripted/members')).body.data).toHaveLength(2);
      expect((await api(owner.token, 'GET', '/api/v1/orgs/scripted/audit')).body.data.length).toBeGreaterThanOrEqual(5);
      expect((await api(owner.token, 'DELETE', `/api/v1/orgs/scripted/projects/${project.body.id}`)).status).toBe(204);
      expect((await api(owner.token, 'DELETE', '/api/v1/orgs/scripted')).status).toBe(204);
    } finally {
      await server.close();
    }
  });
});

describe('an unexpected failure', () => {
  it('answers 500 with a request id to quote, the same id in the log, and no internals', async () => {
    const { errorResponse } = await import('@/lib/http/error-response');
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const response = errorResponse(new Error('relation "secret_table" does not exist'));
      const body = await response.json();
      expect(response.status).toBe(500);
      expect(body.error).toEqual({ code: 'internal', message: expect.any(String), request_id: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain('secret_table');
      expect(String(logged[0]?.[0])).toContain(body.error.request_id);
    } finally {
      console.error = original;
    }
  });
});

describe('the OpenAPI document', () => {
  it('is public and describes every route with the same schemas the handlers validate with', async () => {
    const response = await as(undefined).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/orgs/{slug}/projects/{id}', '/api/v1/invitations/accept', '/api/v1/orgs/{slug}/audit']),
    );
    const createProject = response.body.components.schemas.CreateProject;
    expect(createProject).toMatchObject({ type: 'object', required: ['name'], additionalProperties: false });
    expect(response.body.paths['/api/v1/orgs/{slug}/projects'].post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Project',
    });
  });
});
