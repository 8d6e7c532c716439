import { createClient } from '@supabase/supabase-js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { createMemoryStorage, signInWithEmulator, submitSignInPage, EMULATOR_CALLBACK_URL } from '../support/auth-emulator';
import { CLIENT_HEADERS, createTestClock, setupAuthEmulator } from './fixtures';

/** A supabase-js client whose every request is recorded, to tell local verification from a server round trip. */
function recordingClient(url: string) {
  const requests: string[] = [];
  const client = createClient(url, LOCAL_PUBLISHABLE_KEY, {
    global: {
      fetch: (input, init) => {
        requests.push(`${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : input.toString()).pathname}`);
        return fetch(input, init);
      },
    },
    auth: {
      flowType: 'pkce',
      persistSession: true,
      storage: createMemoryStorage(),
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
  });
  return { client, requests };
}

async function getUser(url: string, authorization: string | undefined, headers: Record<string, string> = CLIENT_HEADERS) {
  const requestHeaders: Record<string, string> = { ...headers };
  delete requestHeaders.authorization;
  if (authorization !== undefined) requestHeaders.authorization = authorization;
  const response = await fetch(`${url}/auth/v1/user`, { headers: requestHeaders });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

for (const algorithm of ['ES256', 'RS256'] as const) {
  describe(`access tokens signed with ${algorithm}`, () => {
    const emulator = setupAuthEmulator({ algorithm });

    it('carry exactly the header and claims Supabase puts in them', async () => {
      const { accessToken, userId, session } = await signInWithEmulator(emulator.url, { email: 'claims@example.com', name: 'Claire Claims' });
      const header = decodeProtectedHeader(accessToken);
      expect(header).toEqual({ alg: algorithm, kid: expect.any(String), typ: 'JWT' });

      const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString());
      expect(Object.keys(claims)).toEqual([
        'iss', 'sub', 'aud', 'exp', 'iat', 'email', 'phone', 'app_metadata', 'user_metadata', 'role', 'aal', 'amr',
        'session_id', 'is_anonymous',
      ]);
      expect(claims).toMatchObject({
        iss: `${emulator.url}/auth/v1`,
        sub: userId,
        aud: 'authenticated',
        email: 'claims@example.com',
        phone: '',
        role: 'authenticated',
        aal: 'aal1',
        is_anonymous: false,
        app_metadata: { provider: 'google', providers: ['google'] },
        user_metadata: { full_name: 'Claire Claims', iss: 'https://accounts.google.com', email_verified: true },
      });
      expect(claims.exp - claims.iat).toBe(3600);
      expect(claims.exp).toBe(session.expires_at);
      expect(claims.amr).toEqual([{ method: 'oauth', timestamp: expect.any(Number) }]);
      expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('getClaims verifies them locally against the JWKS, without calling /user', async () => {
      const { client, requests } = recordingClient(emulator.url);
      const { data: started } = await client.auth.signInWithOAuth({
        provider: 'google',
        options: { redirectTo: EMULATOR_CALLBACK_URL, skipBrowserRedirect: true },
      });
      const callback = await submitSignInPage(started.url ?? '', { email: 'local-verify@example.com' });
      await client.auth.exchangeCodeForSession(callback.searchParams.get('code') ?? '');

      const { data, error } = await client.auth.getClaims();
      expect(error).toBeNull();
      expect(data?.claims.email).toBe('local-verify@example.com');
      expect(data?.header.alg).toBe(algorithm);
      expect(requests).not.toContain('GET /auth/v1/user');
      expect(requests).toContain('GET /auth/v1/.well-known/jwks.json');
    });

    it('getClaims rejects a token whose signature was tampered with', async () => {
      const { accessToken } = await signInWithEmulator(emulator.url, { email: 'tamper@example.com' });
      const [header, payload, signature = ''] = accessToken.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), email: 'admin@example.com' }),
      ).toString('base64url');
      const { client } = recordingClient(emulator.url);
      const { data, error } = await client.auth.getClaims(`${header}.${forgedPayload}.${signature}`);
      expect(data).toBeNull();
      expect(error?.message).toContain('Invalid JWT signature');
    });

    it('a server can verify them with the JWKS, issuer and audience', async () => {
      const { accessToken, userId } = await signInWithEmulator(emulator.url, { email: 'server@example.com' });
      const jwks = createRemoteJWKSet(new URL(`${emulator.url}/auth/v1/.well-known/jwks.json`));
      const { payload } = await jwtVerify(accessToken, jwks, {
        issuer: `${emulator.url}/auth/v1`,
        audience: 'authenticated',
        algorithms: [algorithm],
      });
      expect(payload.sub).toBe(userId);
    });

    it('the JWKS publishes a WebCrypto-importable public key with a cache header', async () => {
      const response = await fetch(`${emulator.url}/auth/v1/.well-known/jwks.json`);
      expect(response.headers.get('cache-control')).toBe('public, max-age=600');
      const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
      expect(keys).toHaveLength(1);
      const [key] = keys;
      expect(key).toMatchObject({ alg: algorithm, use: 'sig', key_ops: ['verify'], kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
      expect(key).not.toHaveProperty('ext');
      if (algorithm === 'ES256') expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) });
      else expect(key).toMatchObject({ kty: 'RSA', n: expect.any(String), e: 'AQAB' });
      const importAlgorithm =
        algorithm === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      await expect(crypto.subtle.importKey('jwk', key as JsonWebKey, importAlgorithm, true, ['verify'])).resolves.toBeDefined();
    });
  });
}

describe('GET /user', () => {
  const clock = createTestClock();
  const emulator = setupAuthEmulator({}, { now: clock.now });
  const otherEmulator = setupAuthEmulator();

  it('getUser returns the signed-in user from the server', async () => {
    const { accessToken, userId } = await signInWithEmulator(emulator.url, { email: 'get-user@example.com', name: 'Gus' });
    const { client } = recordingClient(emulator.url);
    const { data, error } = await client.auth.getUser(accessToken);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(userId);
    expect(data.user?.user_metadata.name).toBe('Gus');
    expect(data.user?.identities?.[0]?.provider).toBe('google');
  });

  it('without a bearer token is 401 no_authorization', async () => {
    for (const authorization of [undefined, '', 'Bearer', 'Basic abc', 'Bearer a b']) {
      const result = await getUser(emulator.url, authorization);
      expect(result.status, String(authorization)).toBe(401);
      expect(result.body.code, String(authorization)).toBe('no_authorization');
    }
  });

  it('a malformed, foreign-key or tampered token is 403 bad_jwt', async () => {
    const foreign = await signInWithEmulator(otherEmulator.url, { email: 'foreign@example.com' });
    const own = await signInWithEmulator(emulator.url, { email: 'own@example.com' });
    const [header, , signature] = own.accessToken.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: own.userId, aud: 'authenticated', exp: 9999999999 })).toString('base64url')}.${signature}`;
    for (const token of ['not-a-jwt', foreign.accessToken, forged, LOCAL_PUBLISHABLE_KEY]) {
      const result = await getUser(emulator.url, `Bearer ${token}`);
      expect(result.status).toBe(403);
      expect(result.body.code).toBe('bad_jwt');
    }
  });

  it('an expired token is 403 bad_jwt', async () => {
    const { accessToken } = await signInWithEmulator(emulator.url, { email: 'expired@example.com' });
    clock.advanceSeconds(3601);
    try {
      const result = await getUser(emulator.url, `Bearer ${accessToken}`);
      expect(result.status).toBe(403);
      expect(result.body.code).toBe('bad_jwt');
      expect(result.body.message).toContain('expired');
    } finally {
      clock.advanceSeconds(-3601);
    }
  });

  it('a token for a signed-out session is 403 session_not_found, and supabase-js treats it as signed out', async () => {
    const { accessToken } = await signInWithEmulator(emulator.url, { email: 'gone@example.com' });
    await fetch(`${emulator.url}/auth/v1/logout`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` },
    });
    const result = await getUser(emulator.url, `Bearer ${accessToken}`);
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('session_not_found');

    const { client } = recordingClient(emulator.url);
    const { error } = await client.auth.getUser(accessToken);
    expect(error?.name).toBe('AuthSessionMissingError');
  });

  it('a token for another audience is 400 validation_failed', async () => {
    const { accessToken } = await signInWithEmulator(emulator.url, { email: 'audience@example.com' });
    const result = await getUser(emulator.url, `Bearer ${accessToken}`, { ...CLIENT_HEADERS, 'x-jwt-aud': 'service' });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('validation_failed');
  });
});

describe('the access token lifetime option', () => {
  const emulator = setupAuthEmulator({ accessTokenLifetimeSeconds: 5 });

  it('short-lived tokens expire after the configured number of seconds', async () => {
    const { session, accessToken } = await signInWithEmulator(emulator.url, { email: 'short@example.com' });
    expect(session.expires_in).toBe(5);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(5);
  });
});
