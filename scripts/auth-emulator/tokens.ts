import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AUTHENTICATED_AUDIENCE } from './constants';
import type { EmulatorContext } from './context';
import { verificationKeys } from './keys';
import { forbidden } from './errors';
import type { StoredSession, StoredUser } from './store';
import { appMetadata } from './user-json';

const BASE32_LOWERCASE = 'abcdefghijklmnopqrstuvwxyz234567';

/** GoTrue's `crypto.SecureAlphanumeric(12)`: 12 characters of lowercase base32. */
export function generateRefreshToken(): string {
  // 256 is a multiple of 32, so masking each byte keeps the characters uniform.
  return Array.from(randomBytes(12), (byte) => BASE32_LOWERCASE[byte & 31]).join('');
}

export interface MintedAccessToken {
  accessToken: string;
  expiresAt: number;
  expiresIn: number;
}

export async function mintAccessToken(
  context: EmulatorContext,
  user: StoredUser,
  session: StoredSession,
): Promise<MintedAccessToken> {
  const issuedAt = Math.floor(context.now() / 1000);
  const expiresAt = issuedAt + context.accessTokenLifetimeSeconds;
  // Claim order follows GoTrue's AccessTokenClaims struct, so a decoded token
  // reads the same as one from a hosted project.
  const claims: JWTPayload = {
    iss: context.issuer,
    sub: user.id,
    aud: AUTHENTICATED_AUDIENCE,
    exp: expiresAt,
    iat: issuedAt,
    email: user.email,
    phone: '',
    app_metadata: appMetadata(),
    user_metadata: user.userMetadata,
    role: 'authenticated',
    aal: 'aal1',
    amr: [...session.amr].reverse(),
    session_id: session.id,
    is_anonymous: false,
  };
  const signingKey = context.keys.current;
  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: signingKey.algorithm, kid: signingKey.kid, typ: 'JWT' })
    .sign(signingKey.privateKey);
  return { accessToken, expiresAt, expiresIn: expiresAt - issuedAt };
}

export interface AccessTokenClaims extends JWTPayload {
  session_id?: unknown;
}

/** Verifies like GoTrue's `parseJWTClaims`: signature by `kid`, then `exp`; any failure is `403 bad_jwt`. */
export async function verifyAccessToken(context: EmulatorContext, token: string): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify<AccessTokenClaims>(
      token,
      (header) => {
        const key = verificationKeys(context.keys, context.now()).find((candidate) => candidate.kid === header.kid);
        if (!key) throw new UnknownKeyError(`unrecognized JWT kid ${String(header.kid)} for algorithm ${header.alg}`);
        return key.publicKey;
      },
      { algorithms: ['ES256', 'RS256'], currentDate: new Date(context.now()) },
    );
    return payload;
  } catch (error) {
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${describeJwtError(error)}`);
  }
}

class UnknownKeyError extends Error {}

function describeJwtError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token has invalid claims: token is expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof UnknownKeyError) return `token is unverifiable: error while executing keyfunc: ${error.message}`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token signature is invalid: signing method is invalid';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
  return 'token is malformed';
}
