import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '../../scripts/auth-emulator/server';
import { attemptAs, makeCaller, ownerRows } from '../support/callers';
import { connectWithOfflineAccess, postToGoogle } from '../support/google';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * The vault against the emulator's Google stand-in and a real database: what
 * is stored, when Google is asked for a new token, and what the database lets
 * a signed-in user do with the rows when the app is bypassed.
 */

let database: TestDatabase;
let emulator: AuthEmulator;
let vault: typeof import('@/lib/google/connections');
let drive: typeof import('@/lib/google/drive');

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  // Read once by lib/env.ts on first use, which comes after this.
  process.env.GOOGLE_API_BASE_URL = `${emulator.url}/auth/v1/emulator/google`;
  process.env.TOKEN_ENCRYPTION_KEY = `k1:${randomBytes(32).toString('base64')}`;
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  vault = await import('@/lib/google/connections');
  drive = await import('@/lib/google/drive');
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

/** A person who signed in with offline Drive access, their profile, and the row the callback stores. */
async function connectedUser(email: string) {
  const { session } = await connectWithOfflineAccess(emulator.url, email);
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  await upsertProfile({ id: session.user.id, email });
  await vault.saveGoogleConnection(session.user.id, {
    accessToken: session.provider_token ?? '',
    refreshToken: session.provider_refresh_token ?? '',
  });
  return { userId: session.user.id, caller: makeCaller(email, session.user.id), accessToken: session.provider_token ?? '', refreshToken: session.provider_refresh_token ?? '' };
}

async function expireStoredAccessToken(userId: string) {
  await ownerRows(database, sql`update google_connections set access_token_expires_at = now() + interval '30 seconds' where user_id = ${userId}::uuid`);
}

async function problemOf(work: Promise<unknown>) {
  try {
    await work;
    return 'none';
  } catch (error) {
    if (error instanceof vault.GoogleAccessError) return error.problem;
    throw error;
  }
}

describe('the Google token vault', () => {
  it('rows hold only ciphertext, with the key id and the scopes Google reported', async () => {
    const user = await connectedUser('cipher@example.com');
    const rows = await ownerRows(database, sql`select * from google_connections where user_id = ${user.userId}::uuid`);
    expect(rows).toHaveLength(1);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(user.refreshToken);
    expect(text).not.toContain(user.accessToken);
    expect(text).not.toMatch(/ya29\.|1\/\//);
    expect(rows[0]).toMatchObject({ key_id: 'k1', status: 'connected' });
    expect(String(rows[0]?.scopes).split(' ')).toContain('https://www.googleapis.com/auth/drive.metadata.readonly');
    expect(await vault.googleConnectionsOf(user.caller)).toEqual([expect.objectContaining({ status: 'connected' })]);
  });

  it('hands out the stored access token while it is fresh, and one refresh for concurrent callers near expiry', async () => {
    const user = await connectedUser('concurrent@example.com');
    expect(await vault.getGoogleAccessToken(user.caller, drive.DRIVE_SCOPES)).toBe(user.accessToken);

    await expireStoredAccessToken(user.userId);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => vault.getGoogleAccessToken(user.caller, drive.DRIVE_SCOPES)));
    // Every refresh mints a different token, so one token for all five means one refresh.
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(user.accessToken);
    expect((await drive.listRecentDriveFiles(user.caller)).map((file) => file.name)).toContain('Quarterly plan');
  });

  it('marks the connection disconnected when Google answers invalid_grant', async () => {
    const user = await connectedUser('revoked@example.com');
    expect((await postToGoogle(emulator.url, '/revoke', { token: user.refreshToken })).status).toBe(200);
    // The cached token was revoked with the grant: Drive refuses it, the refresh gets invalid_grant.
    expect(await problemOf(drive.listRecentDriveFiles(user.caller))).toBe('disconnected');
    expect(await vault.googleConnectionsOf(user.caller)).toEqual([expect.objectContaining({ status: 'disconnected' })]);
    expect(await problemOf(vault.getGoogleAccessToken(user.caller, drive.DRIVE_SCOPES))).toBe('disconnected');
  });

  it('a user without a connection, or asking for scopes never granted, is not connected', async () => {
    const user = await connectedUser('scoped@example.com');
    expect(await problemOf(vault.getGoogleAccessToken(user.caller, ['https://www.googleapis.com/auth/gmail.readonly']))).toBe('not_connected');
    expect(await problemOf(vault.getGoogleAccessToken(makeCaller('nobody@example.com'), drive.DRIVE_SCOPES))).toBe('not_connected');
  });

  it('disconnecting revokes the grant at Google and deletes the row', async () => {
    const user = await connectedUser('leaving@example.com');
    await vault.disconnectGoogle(user.caller);
    expect(await vault.googleConnectionsOf(user.caller)).toEqual([]);
    const refresh = await postToGoogle(emulator.url, '/token', { grant_type: 'refresh_token', refresh_token: user.refreshToken, client_id: 'c' });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('row level security on google_connections, attacked in SQL as role authenticated', () => {
  it('the owner may read and delete their rows; nobody else sees, plants or changes one', async () => {
    const owner = await connectedUser('rls-owner@example.com');
    const ownerCaller = makeCaller('rls-owner@example.com', owner.userId);
    const attacker = makeCaller('attacker@example.com');

    expect(await attemptAs(database, attacker, sql`select * from google_connections`)).toEqual({ refused: false, rows: [] });
    const mine = await attemptAs(database, ownerCaller, sql`select id, user_id from google_connections`);
    expect(mine).toMatchObject({ refused: false, rows: [{ user_id: owner.userId }] });

    const planted = await attemptAs(
      database,
      attacker,
      sql`insert into google_connections (user_id, scopes, key_id, refresh_token_ciphertext) values (${owner.userId}::uuid, 'x', 'k1', 'v1.x') returning id`,
    );
    expect(planted).toMatchObject({ refused: true, code: '42501' });
    const ownInsert = await attemptAs(
      database,
      ownerCaller,
      sql`insert into google_connections (user_id, scopes, key_id, refresh_token_ciphertext) values (${owner.userId}::uuid, 'x', 'k1', 'v1.x') returning id`,
    );
    expect(ownInsert).toMatchObject({ refused: true, code: '42501' });
    expect(await attemptAs(database, ownerCaller, sql`update google_connections set status = 'connected' returning id`)).toMatchObject({
      refused: true,
      code: '42501',
    });
    expect(await attemptAs(database, attacker, sql`delete from google_connections returning id`)).toEqual({ refused: false, rows: [] });

    expect(await attemptAs(database, ownerCaller, sql`delete from google_connections returning user_id`)).toMatchObject({
      refused: false,
      rows: [{ user_id: owner.userId }],
    });
  });
});
