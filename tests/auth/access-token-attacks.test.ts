import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../support/test-database';
import { as, useTestEnvironment } from '../api/harness';

/*
 * A stand-in Supabase that only publishes keys, so each attack can be signed
 * exactly as an attacker would, and so the test can count how often the API
 * fetches the key set.
 */

const KID = 'signing-key-1';
const HS256_SECRET = 'legacy-jwt-secret-with-at-least-32-characters!';

let server: Server;
let supabaseUrl: string;
let jwksFetches = 0;
let database: TestDatabase;
let signingKey: CryptoKey;
let publicJwk: JWK;
let publicPem: string;
let attackerKey: CryptoKey;
/** What the key set endpoint publishes; a test withdraws a key by changing it. */
let publishedKeys: JWK[] = [];

const userId = randomUUID();

function claims(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `${supabaseUrl}/auth/v1`,
    aud: 'authenticated',
    sub: userId,
    role: 'authenticated',
    email: 'mallory@example.com',
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

function sign(payload: JWTPayload, key: CryptoKey | Uint8Array = signingKey, header: Record<string, unknown> = {}) {
  const alg = key instanceof Uint8Array ? 'HS256' : 'ES256';
  return new SignJWT(payload).setProtectedHeader({ alg, kid: KID, typ: 'JWT', ...header }).sign(key);
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  publicPem = await exportSPKI(pair.publicKey);
  attackerKey = (await generateKeyPair('ES256')).privateKey;
  publishedKeys = [publicJwk];

  server = createServer((request, response) => {
    if (request.url === '/auth/v1/.well-known/jwks.json') {
      jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: publishedKeys }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  supabaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await useTestEnvironment(supabaseUrl);
});

afterAll(async () => {
  await database?.dispose();
  await new Promise((resolve) => server?.close(resolve));
});

async function expectRejected(token: string | undefined) {
  const response = await as(token).get('/api/v1/me');
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('unauthorized');
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
}

describe('a request with a forged or broken access token', () => {
  it('without any token gets 401 and a bare Bearer challenge', async () => {
    const response = await as(undefined).get('/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('with a token that is not a JWT gets 401', async () => {
    await expectRejected('garbage');
    await expectRejected('a.b.c');
    await expectRejected(`${encode({ alg: 'ES256' })}.!!!.???`);
    const response = await as(undefined).get('/api/v1/me', { authorization: 'Basic dXNlcjpwYXNz' });
    expect(response.status).toBe(401);
  });

  it('with alg "none" and no signature gets 401', async () => {
    await expectRejected(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`);
    await expectRejected(`${encode({ alg: 'none', typ: 'JWT', kid: KID })}.${encode(claims())}.`);
  });

  it('HMAC-signed with the public key (key confusion) gets 401', async () => {
    await expectRejected(await sign(claims(), new TextEncoder().encode(publicPem)));
    await expectRejected(await sign(claims(), new TextEncoder().encode(JSON.stringify(publicJwk))));
  });

  it('that has expired gets 401, even within the clock tolerance of a minute ago', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(await sign(claims({ iat: now - 7200, exp: now - 3600 })));
    await expectRejected(await sign(claims({ iat: now - 7200, exp: now - 60 })));
  });

  it('that is not valid yet gets 401', async () => {
    await expectRejected(await sign(claims({ nbf: Math.floor(Date.now() / 1000) + 600 })));
  });

  it('from another issuer, for another audience, or for the anon role gets 401', async () => {
    await expectRejected(await sign(claims({ iss: 'https://evil.example.com/auth/v1' })));
    await expectRejected(await sign(claims({ aud: 'service_role' })));
    await expectRejected(await sign(claims({ role: 'anon' })));
    await expectRejected(await sign(claims({ role: 'service_role' })));
  });

  it('whose subject is not a user id gets 401', async () => {
    await expectRejected(await sign(claims({ sub: 'admin' })));
    await expectRejected(await sign(claims({ sub: undefined })));
  });

  it('with an unknown kid gets 401', async () => {
    await expectRejected(await sign(claims(), signingKey, { kid: 'no-such-key' }));
  });

  it('with a valid header and signature over a tampered payload gets 401', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    await expectRejected(`${header}.${encode(claims({ sub: randomUUID(), email: 'victim@example.com' }))}.${signature}`);
  });

  it('signed by another key that claims the right kid gets 401', async () => {
    await expectRejected(await sign(claims(), attackerKey));
  });

  it('with a 100 KB header gets 401 without being parsed', async () => {
    const header = encode({ alg: 'ES256', kid: KID, padding: 'x'.repeat(100 * 1024) });
    const [, payload, signature] = (await sign(claims())).split('.');
    await expectRejected(`${header}.${payload}.${signature}`);
  });

  it('never gets a 500, whatever the token', async () => {
    const odd = ['', ' ', '.', '..', '...', 'Bearer', encode('x'), `${encode([])}.${encode([])}.`, `${encode({ alg: 'ES256', kid: 7 })}.e30.AA`];
    for (const token of odd) {
      const response = await as(undefined).get('/api/v1/me', { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
    }
  });
});

describe('a valid access token', () => {
  it('is accepted, and the key set is fetched once however many requests follow', async () => {
    const token = await sign(claims());
    const before = jwksFetches;
    const responses = await Promise.all(Array.from({ length: 20 }, () => as(token).get('/api/v1/me')));
    for (const response of responses) expect(response.status).toBe(200);
    expect(responses[0]?.body.user).toMatchObject({ id: userId, email: 'mallory@example.com' });
    expect(jwksFetches - before).toBeLessThanOrEqual(1);
    expect(jwksFetches).toBe(1);
  });

  it('cannot be replaced by a flood of unknown kids: at most one refetch per cooldown', async () => {
    const before = jwksFetches;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await expectRejected(await sign(claims(), signingKey, { kid: `unknown-${attempt}` }));
    }
    expect(jwksFetches - before).toBeLessThanOrEqual(1);
  });
});

describe('a token that was accepted before (remembered for up to a minute)', () => {
  it('is refused once it has expired, although it passed moments earlier', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(claims({ iat: now, exp: now + 5 }));
    expect((await as(token).get('/api/v1/me')).status).toBe(200);

    // Past its exp and the 30 s clock tolerance, but within the minute it would be remembered for.
    vi.useFakeTimers({ toFake: ['Date'], now: (now + 5 + 35) * 1000 });
    try {
      await expectRejected(token);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops working within a minute and a key set refresh once its key is withdrawn', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const rotatedOut = { ...(await exportJWK(pair.publicKey)), kid: 'signing-key-2', alg: 'ES256', use: 'sig' };
    publishedKeys = [publicJwk, rotatedOut];
    // A token under a kid the process has not seen makes it refetch the key set (after the cooldown).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    try {
      const token = await sign(claims({ exp: Math.floor(Date.now() / 1000) + 3600 }), pair.privateKey, { kid: 'signing-key-2' });
      expect((await as(token).get('/api/v1/me')).status).toBe(200);

      publishedKeys = [publicJwk];
      vi.setSystemTime(Date.now() + 11 * 60_000); // past the minute it is remembered and the key set's ten-minute cache
      await expectRejected(token);
      // Tokens under the key that stayed are unaffected.
      expect((await as(await sign(claims({ exp: Math.floor(Date.now() / 1000) + 3600 }))).get('/api/v1/me')).status).toBe(200);
    } finally {
      vi.useRealTimers();
      publishedKeys = [publicJwk];
    }
  });

  it('is remembered byte for byte only: the same claims under a forged signature still get 401', async () => {
    const token = await sign(claims());
    expect((await as(token).get('/api/v1/me')).status).toBe(200);
    const [header, payload] = token.split('.');
    const forged = (await sign(claims(), attackerKey)).split('.')[2];
    await expectRejected(`${header}.${payload}.${forged}`);
  });
});

describe('with the legacy SUPABASE_JWT_SECRET configured', () => {
  it('accepts HS256 signed with that secret, still refuses HS256 signed with the public key, and still accepts ES256', async () => {
    vi.resetModules();
    process.env.SUPABASE_JWT_SECRET = HS256_SECRET;
    try {
      const { verifyAccessToken } = await import('@/lib/auth/verify-access-token');
      const secret = new TextEncoder().encode(HS256_SECRET);
      await expect(verifyAccessToken(await sign(claims(), secret))).resolves.toMatchObject({ sub: userId });
      await expect(verifyAccessToken(await sign(claims(), new TextEncoder().encode(publicPem)))).rejects.toMatchObject({
        code: 'unauthorized',
      });
      await expect(verifyAccessToken(await sign(claims(), secret, { kid: undefined }))).resolves.toMatchObject({ sub: userId });
      await expect(verifyAccessToken(await sign(claims()))).resolves.toMatchObject({ sub: userId });
    } finally {
      delete process.env.SUPABASE_JWT_SECRET;
      vi.resetModules();
    }
  });
});

describe('what a valid token carries that its user controls', () => {
  it('a NUL in user_metadata (which users edit themselves) is dropped, and every request of that user still works', async () => {
    const sub = randomUUID();
    const token = await sign(
      claims({ sub, email: 'nul@example.com', user_metadata: { full_name: 'Mal\u0000lory', avatar_url: '\u0000', ['x\u0000']: ['\u0000'] } }),
    );
    const me = await as(token).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect((await as(token).post('/api/v1/orgs', { name: 'Nulco', slug: 'nulco' })).status).toBe(201);
    expect((await as(token).get('/api/v1/orgs/nulco/projects')).status).toBe(200);
    const { sql } = await import('drizzle-orm');
    const rows = await database.db.execute(sql`select full_name, avatar_url from profiles where id = ${sub}`);
    expect(Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).toEqual([{ full_name: 'Mallory', avatar_url: null }]);
  });
});

describe('an anonymous sign-in (is_anonymous: true, no email)', () => {
  it('is refused with 401 anonymous_not_allowed and cannot create an organization or a project', async () => {
    const token = await sign(claims({ sub: randomUUID(), email: undefined, is_anonymous: true }));
    for (const response of [
      await as(token).get('/api/v1/me'),
      await as(token).post('/api/v1/orgs', { name: 'Ghost Org' }),
      await as(token).post('/api/v1/orgs/nulco/projects', { name: 'Ghost project' }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('anonymous_not_allowed');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
    const { sql } = await import('drizzle-orm');
    const rows = await database.db.execute(sql`select id from organizations where name = 'Ghost Org'`);
    expect(Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).toEqual([]);
  });

  it('a token that says is_anonymous: false is a normal user', async () => {
    const token = await sign(claims({ sub: randomUUID(), email: 'named@example.com', is_anonymous: false }));
    expect((await as(token).get('/api/v1/me')).status).toBe(200);
  });
});
