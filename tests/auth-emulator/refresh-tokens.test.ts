import { describe, expect, it } from 'vitest';
import { createEmulatorClient, createMemoryStorage, signInWithEmulator } from '../support/auth-emulator';
import { CLIENT_HEADERS, createTestClock, postToken, setupAuthEmulator } from './fixtures';

const clock = createTestClock();
const emulator = setupAuthEmulator({ refreshTokenReuseIntervalSeconds: 10 }, { now: clock.now });

const refresh = (refreshToken: string) => postToken(emulator.url, 'refresh_token', { refresh_token: refreshToken });

async function getUserStatus(accessToken: string) {
  const response = await fetch(`${emulator.url}/auth/v1/user`, {
    headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

describe('refreshing a session', () => {
  it('supabase-js refreshSession rotates the refresh token and keeps the user and session', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'rotate@example.com', name: 'Rotate' });
    const client = createEmulatorClient(emulator.url, createMemoryStorage());
    const { data, error } = await client.auth.refreshSession({ refresh_token: signedIn.refreshToken });

    expect(error).toBeNull();
    expect(data.session?.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(data.session?.refresh_token).not.toBe(signedIn.refreshToken);
    expect(data.session?.access_token).not.toBe(signedIn.accessToken);
    expect(data.user?.id).toBe(signedIn.userId);
    expect(data.session).not.toHaveProperty('provider_token');
    const sessionIdOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).session_id;
    expect(sessionIdOf(data.session?.access_token ?? '')).toBe(sessionIdOf(signedIn.accessToken));
  });

  it('re-presenting the immediate parent returns the current refresh token, at any time', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'parent@example.com' });
    const child = await refresh(signedIn.refreshToken);
    expect(child.status).toBe(200);

    clock.advanceSeconds(3600);
    try {
      const retried = await refresh(signedIn.refreshToken);
      expect(retried.status).toBe(200);
      expect(retried.body.refresh_token).toBe(child.body.refresh_token);
      expect(retried.body.access_token).toEqual(expect.any(String));
    } finally {
      clock.advanceSeconds(-3600);
    }
  });

  it('an older refresh token reused within the reuse interval gets a fresh child', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'concurrent@example.com' });
    const first = await refresh(signedIn.refreshToken);
    const second = await refresh(first.body.refresh_token as string);
    expect(second.status).toBe(200);

    clock.advanceSeconds(5);
    try {
      const reused = await refresh(signedIn.refreshToken);
      expect(reused.status).toBe(200);
      expect(reused.body.refresh_token).not.toBe(second.body.refresh_token);
      expect(reused.body.refresh_token).not.toBe(first.body.refresh_token);
    } finally {
      clock.advanceSeconds(-5);
    }
  });

  it('a reused refresh token outside the reuse interval revokes the session', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'stolen@example.com' });
    const first = await refresh(signedIn.refreshToken);
    const current = await refresh(first.body.refresh_token as string);
    expect(current.status).toBe(200);

    clock.advanceSeconds(11);
    try {
      const replayed = await refresh(signedIn.refreshToken);
      expect(replayed.status).toBe(400);
      expect(replayed.body).toEqual({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });

      // The legitimate holder's token was revoked with the rest of the family.
      clock.advanceSeconds(11);
      const holder = await refresh(current.body.refresh_token as string);
      expect(holder.status).toBe(400);
      expect(holder.body.code).toBe('refresh_token_already_used');
    } finally {
      clock.advanceSeconds(-22);
    }
  });

  it('supabase-js surfaces reuse detection as an AuthApiError', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'stolen-js@example.com' });
    const client = createEmulatorClient(emulator.url);
    const first = await refresh(signedIn.refreshToken);
    await refresh(first.body.refresh_token as string);
    clock.advanceSeconds(11);
    try {
      const { error } = await client.auth.refreshSession({ refresh_token: signedIn.refreshToken });
      expect(error?.status).toBe(400);
      expect(error?.code).toBe('refresh_token_already_used');
    } finally {
      clock.advanceSeconds(-11);
    }
  });

  it('an unknown refresh token is refresh_token_not_found', async () => {
    const result = await refresh('abcdefghijkl');
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
  });

  it('a refresh token in the wrong format is validation_failed', async () => {
    for (const token of ['', 'short', 'ABCDEFGHIJKL', 'abcdefghijk!', 'abcdefghijklmnop']) {
      const result = await refresh(token);
      expect(result.status, token).toBe(400);
      expect(result.body, token).toEqual({ code: 'validation_failed', message: 'Refresh token is not valid' });
    }
  });

  it('a refreshed access token keeps working on /user while the first one does too until it expires', async () => {
    const signedIn = await signInWithEmulator(emulator.url, { email: 'both@example.com' });
    const refreshed = await refresh(signedIn.refreshToken);
    expect(await getUserStatus(refreshed.body.access_token as string)).toBe(200);
    expect(await getUserStatus(signedIn.accessToken)).toBe(200);
  });
});
