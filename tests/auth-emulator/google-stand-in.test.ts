import { describe, expect, it } from 'vitest';
import { signInWithEmulator } from '../support/auth-emulator';
import { connectWithOfflineAccess as connect, DRIVE_SCOPE as DRIVE, postToGoogle } from '../support/google';
import { LOCAL_SECRET_KEY } from '../../scripts/auth-emulator/constants';
import { CLIENT_HEADERS, setupAuthEmulator } from './fixtures';

const emulator = setupAuthEmulator();
const google = (path: string) => `${emulator.url}/auth/v1/emulator/google${path}`;

const connectWithOfflineAccess = (email: string) => connect(emulator.url, email);

function refreshAtGoogle(refreshToken: string, clientId = 'local-google-client') {
  return postToGoogle(emulator.url, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: 'x' });
}

const listFiles = (accessToken: string) => fetch(google('/drive/v3/files'), { headers: { authorization: `Bearer ${accessToken}` } });

describe("the emulator's Google stand-in, driven by supabase-js", () => {
  it('passes scopes and query parameters through and returns a refresh token only when offline access was asked', async () => {
    const { client, session, authorizeUrl } = await connectWithOfflineAccess('drive-owner@example.com');
    expect(authorizeUrl.searchParams.get('scopes')).toBe(DRIVE);
    expect(authorizeUrl.searchParams.get('access_type')).toBe('offline');
    expect(session.provider_token).toMatch(/^ya29\.local-/);
    expect(session.provider_refresh_token).toMatch(/^1\/\/local-/);

    // Google's tokens come with the exchange only, never with a session refresh.
    const refreshed = await client.auth.refreshSession();
    expect(refreshed.data.session?.access_token).toBeTruthy();
    expect(refreshed.data.session).not.toHaveProperty('provider_token');
    expect(refreshed.data.session).not.toHaveProperty('provider_refresh_token');

    // A plain sign-in gets an access token but no refresh token.
    const plain = await signInWithEmulator(emulator.url, { email: 'plain@example.com' });
    expect(plain.session.provider_token).toMatch(/^ya29\.local-/);
    expect(plain.session).not.toHaveProperty('provider_refresh_token');
  });

  it('refreshes, reports scopes, serves Drive, and answers invalid_grant once the user removed access', async () => {
    const { session } = await connectWithOfflineAccess('revoker@example.com');
    const refreshToken = session.provider_refresh_token ?? '';

    const info = await (await fetch(google(`/tokeninfo?access_token=${session.provider_token}`))).json();
    expect(info.scope.split(' ')).toContain(DRIVE);

    const refreshed = await refreshAtGoogle(refreshToken);
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(body).not.toHaveProperty('refresh_token');
    const files = await listFiles(body.access_token);
    expect(files.status).toBe(200);
    expect((await files.json()).files.map((file: { name: string }) => file.name)).toContain('Quarterly plan');

    expect((await refreshAtGoogle(refreshToken, '')).status).toBe(401);

    // The account page's "Remove access" revokes the grant.
    const page = await (await fetch(google('/account?email=revoker@example.com'))).text();
    const grant = /name="grant" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const removed = await postToGoogle(emulator.url, '/account/revoke', { email: 'revoker@example.com', grant });
    expect(removed.status).toBe(303);
    const afterRevoke = await refreshAtGoogle(refreshToken);
    expect(afterRevoke.status).toBe(400);
    expect(await afterRevoke.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await listFiles(body.access_token)).status).toBe(401);
  });

  it('refuses Drive without a Drive scope, and the revoke endpoint revokes the whole grant', async () => {
    const plain = await signInWithEmulator(emulator.url, { email: 'no-drive@example.com' });
    expect((await listFiles(plain.session.provider_token ?? '')).status).toBe(403);

    const { session } = await connectWithOfflineAccess('self-revoker@example.com');
    const revoked = await postToGoogle(emulator.url, '/revoke', { token: session.provider_refresh_token ?? '' });
    expect(revoked.status).toBe(200);
    expect((await refreshAtGoogle(session.provider_refresh_token ?? '')).status).toBe(400);
  });

  it('the clock endpoint, opened by the secret key only, moves access tokens past their expiry and back', async () => {
    const { session } = await connectWithOfflineAccess('clock@example.com');
    const setClock = (key: string, body: object) =>
      fetch(`${emulator.url}/auth/v1/emulator/clock`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await setClock(CLIENT_HEADERS.apikey, { advance_seconds: 3601 })).status).toBe(403);
    expect((await setClock(LOCAL_SECRET_KEY, { advance_seconds: 3601 })).status).toBe(200);
    expect((await listFiles(session.provider_token ?? '')).status).toBe(401);
    const refreshed = await (await refreshAtGoogle(session.provider_refresh_token ?? '')).json();
    expect((await listFiles(refreshed.access_token)).status).toBe(200);

    // Reset puts the clock back to real time.
    expect((await setClock(CLIENT_HEADERS.apikey, { reset: true })).status).toBe(403);
    const reset = await setClock(LOCAL_SECRET_KEY, { reset: true });
    expect(reset.status).toBe(200);
    expect(Math.abs(Date.parse((await reset.json()).now) - Date.now())).toBeLessThan(60_000);
  });

  it('updateUser({ data }) merges into user_metadata', async () => {
    const { client } = await connectWithOfflineAccess('metadata@example.com');
    const { data, error } = await client.auth.updateUser({ data: { plan_hint: 'pro' } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toMatchObject({ plan_hint: 'pro', full_name: 'Drive User' });
    const again = await client.auth.getUser();
    expect(again.data.user?.user_metadata.plan_hint).toBe('pro');
  });
});

describe("the emulator's gateway, like Supabase's", () => {
  it('refuses API calls without an apikey, and lets browser redirects and the JWKS through', async () => {
    for (const path of ['/auth/v1/health', '/auth/v1/settings', '/auth/v1/user', '/auth/v1/token?grant_type=pkce']) {
      const response = await fetch(`${emulator.url}${path}`, { method: path.includes('token') ? 'POST' : 'GET' });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toEqual({ message: 'No API key found in request' });
    }
    expect((await fetch(`${emulator.url}/auth/v1/health`, { headers: { apikey: CLIENT_HEADERS.apikey } })).status).toBe(200);
    expect((await fetch(`${emulator.url}/auth/v1/.well-known/jwks.json`)).status).toBe(200);
    const authorize = await fetch(`${emulator.url}/auth/v1/authorize?provider=google`, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
  });
});
