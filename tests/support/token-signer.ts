import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/**
 * A stand-in Supabase that only publishes one signing key, so a test can sign
 * access tokens with exactly the claims it needs (an anonymous user, an email
 * the emulator would not issue) and the API verifies them as real ones.
 */
export async function startTokenSigner() {
  const kid = 'test-signing-key';
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = createServer((request, response) => {
    if (request.url === '/auth/v1/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const supabaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    supabaseUrl,
    /** An ES256 access token for `sub` with Supabase's claims, plus `claims`. */
    sign(sub: string, claims: JWTPayload = {}): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: `${supabaseUrl}/auth/v1`, aud: 'authenticated', sub, role: 'authenticated', iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
