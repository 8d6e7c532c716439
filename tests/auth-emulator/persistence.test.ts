import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAuthEmulator } from '../../scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { CLIENT_HEADERS, postToken } from './fixtures';

const dataDir = mkdtempSync(path.join(tmpdir(), 'auth-emulator-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('restarting the emulator with the same data dir', () => {
  it('keeps keys, users and sessions, so a signed-in developer stays signed in', async () => {
    const first = await startAuthEmulator({ port: 0, dataDir });
    const signedIn = await signInWithEmulator(first.url, { email: 'restart@example.com', name: 'Rey Start' });
    const jwksBefore = await (await fetch(`${first.url}/auth/v1/.well-known/jwks.json`)).json();
    const port = Number(new URL(first.url).port);
    await first.close();

    const second = await startAuthEmulator({ port, dataDir });
    try {
      expect(second.url).toBe(first.url);
      expect(await (await fetch(`${second.url}/auth/v1/.well-known/jwks.json`)).json()).toEqual(jwksBefore);

      const user = await fetch(`${second.url}/auth/v1/user`, {
        headers: { ...CLIENT_HEADERS, authorization: `Bearer ${signedIn.accessToken}` },
      });
      expect(user.status).toBe(200);
      expect(((await user.json()) as { id: string }).id).toBe(signedIn.userId);

      const refreshed = await postToken(second.url, 'refresh_token', { refresh_token: signedIn.refreshToken });
      expect(refreshed.status).toBe(200);
      expect((refreshed.body.user as { id: string }).id).toBe(signedIn.userId);

      const again = await signInWithEmulator(second.url, { email: 'restart@example.com' });
      expect(again.userId).toBe(signedIn.userId);
    } finally {
      await second.close();
    }
    expect(readdirSync(dataDir).sort()).toEqual(['signing-keys.json', 'state.json']);
  });

  it('switching to RS256 adds a key and keeps the old one published, so existing tokens still verify', async () => {
    const es256 = await startAuthEmulator({ port: 0, dataDir });
    const signedIn = await signInWithEmulator(es256.url, { email: 'switch@example.com' });
    const port = Number(new URL(es256.url).port);
    await es256.close();

    const rs256 = await startAuthEmulator({ port, dataDir, algorithm: 'RS256' });
    try {
      const { keys } = (await (await fetch(`${rs256.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { alg: string }[] };
      expect(keys.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
      const user = await fetch(`${rs256.url}/auth/v1/user`, {
        headers: { ...CLIENT_HEADERS, authorization: `Bearer ${signedIn.accessToken}` },
      });
      expect(user.status).toBe(200);
      const fresh = await signInWithEmulator(rs256.url, { email: 'switch@example.com' });
      expect(JSON.parse(Buffer.from(fresh.accessToken.split('.')[0] ?? '', 'base64url').toString()).alg).toBe('RS256');
    } finally {
      await rs256.close();
    }
  });
});

describe('an in-memory emulator', () => {
  it('writes nothing to disk and forgets sessions on restart', async () => {
    const first = await startAuthEmulator({ port: 0, dataDir: null });
    const signedIn = await signInWithEmulator(first.url, { email: 'memory@example.com' });
    const port = Number(new URL(first.url).port);
    await first.close();

    const second = await startAuthEmulator({ port, dataDir: null });
    try {
      const refreshed = await postToken(second.url, 'refresh_token', { refresh_token: signedIn.refreshToken });
      expect(refreshed.body.code).toBe('refresh_token_not_found');
      const again = await signInWithEmulator(second.url, { email: 'memory@example.com' });
      expect(again.userId).toBe(signedIn.userId);
    } finally {
      await second.close();
    }
  });
});
