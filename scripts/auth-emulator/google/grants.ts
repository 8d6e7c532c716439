import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context';
import type { StoredGoogleGrant } from '../store';

/** Google's access tokens live an hour. */
export const GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** What Google grants every sign-in, whatever the app adds. */
const SIGN_IN_SCOPES = ['openid', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/userinfo.profile'];

/**
 * The consent Google records when a user signs in to the app: an access token
 * always, a refresh token only when the app asked for `access_type=offline`.
 * Scopes granted earlier stay granted (Google's `include_granted_scopes`), so
 * connecting for more scopes never loses the ones the user already allowed.
 */
export function grantGoogleAccess(
  context: EmulatorContext,
  userId: string,
  requestedScopes: string,
  offline: boolean,
): { accessToken: string; refreshToken: string | null } {
  const { state } = context.store;
  const earlier = state.googleGrants.filter((grant) => grant.userId === userId && !grant.revoked).flatMap((grant) => grant.scopes);
  const scopes = [...new Set([...SIGN_IN_SCOPES, ...earlier, ...requestedScopes.split(/[\s,]+/).filter(Boolean)])].sort();
  const grant: StoredGoogleGrant = {
    id: randomUUID(),
    userId,
    scopes,
    // Google's refresh tokens start with 1//; the prefix makes a leaked one easy to spot in logs.
    refreshToken: offline ? `1//local-${randomBytes(24).toString('base64url')}` : null,
    accessTokens: [],
    revoked: false,
    createdAt: context.now(),
  };
  state.googleGrants.push(grant);
  const accessToken = mintGoogleAccessToken(context, grant);
  context.store.save();
  return { accessToken, refreshToken: grant.refreshToken };
}

export function mintGoogleAccessToken(context: EmulatorContext, grant: StoredGoogleGrant): string {
  const now = context.now();
  const token = `ya29.local-${randomBytes(24).toString('base64url')}`;
  grant.accessTokens = grant.accessTokens.filter((candidate) => candidate.expiresAt > now);
  grant.accessTokens.push({ token, expiresAt: now + GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS * 1000 });
  return token;
}

/** The live grant and expiry behind an access token, or null when it is unknown, expired or revoked. */
export function findAccessToken(context: EmulatorContext, token: string): { grant: StoredGoogleGrant; expiresAt: number } | null {
  const now = context.now();
  for (const grant of context.store.state.googleGrants) {
    if (grant.revoked) continue;
    const match = grant.accessTokens.find((candidate) => candidate.token === token && candidate.expiresAt > now);
    if (match) return { grant, expiresAt: match.expiresAt };
  }
  return null;
}

/** Revoking any token of a grant revokes the whole grant, as Google does. */
export function revokeGrant(context: EmulatorContext, grant: StoredGoogleGrant) {
  grant.revoked = true;
  grant.accessTokens = [];
  context.store.save();
}
