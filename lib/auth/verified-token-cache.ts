import 'server-only';
import { env } from '@/lib/env';
import { verifyAccessToken, type AccessTokenClaims } from './verify-access-token';

/**
 * Checking an ES256 signature is the largest single cost of an API request
 * after the database: about 0.35 ms of the server's CPU, measured with
 * `npm run bench`. A client sends the same access token with every request
 * until it expires, so a token that passed `verifyAccessToken` is remembered,
 * by its exact text, and answered from memory:
 *
 * - for at most a minute, and never past its own `exp`; then it is verified
 *   again in full. A key withdrawn from the project's key set therefore stops
 *   working within a minute, well inside the ten minutes the key set itself
 *   is cached for.
 * - only byte for byte: any other token, however similar, is verified.
 * - per auth server, so a process pointed elsewhere never trusts the old one.
 *
 * `verifyAccessToken` itself never remembers anything (its benchmark measures
 * the real check).
 */
const REMEMBER_MS = 60_000;
const MAX_REMEMBERED_TOKENS = 10_000;

const remembered = new Map<string, { claims: AccessTokenClaims; until: number }>();

export async function verifyAccessTokenCached(token: string): Promise<AccessTokenClaims> {
  const key = `${env().supabaseUrl} ${token}`;
  const now = Date.now();
  const entry = remembered.get(key);
  if (entry && now < entry.until) return entry.claims;

  const claims = await verifyAccessToken(token);
  if (remembered.size >= MAX_REMEMBERED_TOKENS) remembered.clear();
  remembered.set(key, { claims, until: Math.min(now + REMEMBER_MS, claims.expiresAt * 1000) });
  return claims;
}
