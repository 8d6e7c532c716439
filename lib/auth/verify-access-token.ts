import 'server-only';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTHeaderParameters, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { withoutNul } from '@/lib/http/nul-characters';

/** What the API trusts about a caller, read from a verified Supabase access token. */
export interface AccessTokenClaims {
  /** The Supabase user id; the only identity the API uses. */
  sub: string;
  role: 'authenticated';
  email: string | null;
  userMetadata: Record<string, unknown>;
  sessionId: string | null;
  expiresAt: number;
  /** Every claim as verified, for `request.jwt.claims` in the tenant transaction. */
  raw: Record<string, unknown>;
}

const claimsSchema = z.looseObject({
  sub: z.uuid(),
  role: z.literal('authenticated'),
  exp: z.number(),
  email: z.string().optional(),
  user_metadata: z.record(z.string(), z.unknown()).optional(),
  session_id: z.string().optional(),
  is_anonymous: z.boolean().optional(),
});

/** Real Supabase headers are ~100 bytes; a huge one is an attack on the parser. */
const MAX_HEADER_LENGTH = 8 * 1024;
const MAX_TOKEN_LENGTH = 16 * 1024;
/** How long jose waits before refetching the JWKS for an unknown `kid`. */
const JWKS_COOLDOWN_MS = 30_000;
/** Keys are refetched at most this often even when all `kid`s are known, so a rotated key set is seen. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
const CLOCK_TOLERANCE_SECONDS = 30;

// One key set per process (per auth URL): keys stay cached across requests, so
// verifying costs no network call, and jose's cooldown caps refetches caused
// by unknown `kid`s, so garbage tokens cannot hammer the auth server.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function remoteKeySet(supabaseUrl: string) {
  const url = `${supabaseUrl}/auth/v1/.well-known/jwks.json`;
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url), { cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS });
    keySets.set(url, keySet);
  }
  return keySet;
}

/**
 * Verifies a Supabase access token and returns its claims, or throws
 * AppError('unauthorized'). Asymmetric tokens (ES256, RS256) verify against
 * the project's published keys; HS256 is accepted only when the legacy
 * SUPABASE_JWT_SECRET is configured, and then only with that secret, so a
 * token "signed" with a public key as an HMAC secret never verifies.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  if (token.length > MAX_TOKEN_LENGTH || token.indexOf('.') > MAX_HEADER_LENGTH) {
    throw invalidToken('The access token is too large.');
  }
  let header: JWTHeaderParameters;
  try {
    header = decodeProtectedHeader(token) as JWTHeaderParameters;
  } catch {
    throw invalidToken('The access token is malformed.');
  }

  const { supabaseUrl, SUPABASE_JWT_SECRET } = env();
  const secret = SUPABASE_JWT_SECRET ? new TextEncoder().encode(SUPABASE_JWT_SECRET) : null;
  const keySet = remoteKeySet(supabaseUrl);
  const getKey: JWTVerifyGetKey = (protectedHeader, input) =>
    protectedHeader.alg === 'HS256' && secret ? secret : keySet(protectedHeader, input);

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      algorithms: secret ? ['ES256', 'RS256', 'HS256'] : ['ES256', 'RS256'],
      issuer: `${supabaseUrl}/auth/v1`,
      audience: 'authenticated',
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (error) {
    throw verificationFailure(error, header);
  }

  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw invalidToken('The access token does not belong to a signed-in user.');
  // An anonymous sign-in costs nothing and names no one: by default it may not
  // create organizations or anything else (ALLOW_ANONYMOUS_USERS=1 lets it).
  if (claims.data.is_anonymous === true && !env().ALLOW_ANONYMOUS_USERS) {
    throw new AppError('anonymous_not_allowed', 'Anonymous sign-ins cannot use this app; sign in with an account.');
  }
  const email = claims.data.email ?? null;
  return {
    sub: claims.data.sub,
    role: claims.data.role,
    // An address Postgres cannot store cannot be anyone's: as if the token had none.
    email: email !== null && /[\u0000-\u001f\u007f]/.test(email) ? null : email,
    // A user edits their own user_metadata (supabase.auth.updateUser), so it is
    // copied without NUL, which Postgres text and jsonb refuse: otherwise one
    // edited name would fail every request of that user.
    userMetadata: withoutNul(claims.data.user_metadata ?? {}),
    sessionId: claims.data.session_id ?? null,
    expiresAt: claims.data.exp,
    raw: withoutNul(payload),
  };
}

function verificationFailure(error: unknown, header: JWTHeaderParameters): AppError {
  if (error instanceof errors.JWTExpired) return invalidToken('The access token has expired.');
  // The auth server could not be reached (or answered nonsense) for a key we
  // do not have yet: that is our outage, not a bad token.
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    console.error(`[auth] could not load signing keys for kid ${String(header.kid)}:`, error);
    return new AppError('auth_unavailable', 'Sign-in is temporarily unavailable; try again shortly.');
  }
  return invalidToken('The access token is invalid.');
}

function invalidToken(message: string): AppError {
  return new AppError('unauthorized', message);
}
