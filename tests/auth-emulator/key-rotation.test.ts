import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_SECRET_KEY } from '../../scripts/auth-emulator/constants';
import { startAuthEmulator } from '../../scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { CLIENT_HEADERS, createTestClock } from './fixtures';

const dataDir = mkdtempSync(path.join(tmpdir(), 'auth-emulator-rotation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const jwksAlgorithms = async (url: string) =>
  ((await (await fetch(`${url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { alg: string }[] }).keys.map((key) => key.alg).sort();

describe('changing the signing algorithm', () => {
  it('keeps the old key for verification during the rotation window only, then drops it from the JWKS', async () => {
    const clock = createTestClock();
    const es256 = await startAuthEmulator({ port: 0, dataDir });
    const signedIn = await signInWithEmulator(es256.url, { email: 'rotate@example.com' });
    await es256.close();

    const rs256 = await startAuthEmulator({ port: 0, dataDir, algorithm: 'RS256', keyRotationWindowSeconds: 600, accessTokenLifetimeSeconds: 7200 }, { now: clock.now });
    const getUser = () => fetch(`${rs256.url}/auth/v1/user`, { headers: { ...CLIENT_HEADERS, authorization: `Bearer ${signedIn.accessToken}` } });
    try {
      expect(await jwksAlgorithms(rs256.url)).toEqual(['ES256', 'RS256']);
      expect((await getUser()).status).toBe(200);

      clock.advanceSeconds(601);
      expect(await jwksAlgorithms(rs256.url)).toEqual(['RS256']);
      const refused = await getUser();
      expect(refused.status).toBe(403);
      expect(JSON.stringify(await refused.json())).toContain('bad_jwt');
    } finally {
      await rs256.close();
    }

    // A restart after the window forgets the old key for good.
    const restarted = await startAuthEmulator({ port: 0, dataDir, algorithm: 'RS256', keyRotationWindowSeconds: 600 }, { now: () => clock.now() + 1000 });
    try {
      expect(await jwksAlgorithms(restarted.url)).toEqual(['RS256']);
    } finally {
      await restarted.close();
    }
  });

  it('the clock endpoint moves the same window', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'auth-emulator-rotation-clock-'));
    try {
      await (await startAuthEmulator({ port: 0, dataDir: dir })).close();
      const rs256 = await startAuthEmulator({ port: 0, dataDir: dir, algorithm: 'RS256', keyRotationWindowSeconds: 60 });
      try {
        expect(await jwksAlgorithms(rs256.url)).toEqual(['ES256', 'RS256']);
        await fetch(`${rs256.url}/auth/v1/emulator/clock`, {
          method: 'POST',
          headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ advance_seconds: 61 }),
        });
        expect(await jwksAlgorithms(rs256.url)).toEqual(['RS256']);
      } finally {
        await rs256.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
