import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context';
import type { StoredRefreshToken, StoredSession, StoredUser } from './store';
import { generateRefreshToken, mintAccessToken } from './tokens';
import { toUserJson } from './user-json';

/**
 * Creates the refresh token, starting a session when `parent` is absent. Like
 * GoTrue's `createRefreshToken`, every new token also bumps `last_sign_in_at`.
 * Synchronous on purpose: all state changes for one request happen before any
 * await, so two concurrent refreshes cannot both see the same token as active.
 */
export function createRefreshToken(
  context: EmulatorContext,
  user: StoredUser,
  parent: StoredRefreshToken | null,
): { session: StoredSession; refreshToken: StoredRefreshToken } {
  const { state } = context.store;
  const now = context.now();
  let session = parent ? state.sessions.find((candidate) => candidate.id === parent.sessionId) : undefined;
  if (!session) {
    session = { id: randomUUID(), userId: user.id, amr: [{ method: 'oauth', timestamp: Math.floor(now / 1000) }], createdAt: now, refreshedAt: null };
    state.sessions.push(session);
  }
  const refreshToken: StoredRefreshToken = {
    id: state.nextRefreshTokenId++,
    token: generateRefreshToken(),
    sessionId: session.id,
    userId: user.id,
    parent: parent ? parent.token : null,
    revoked: false,
    createdAt: now,
    updatedAt: now,
  };
  state.refreshTokens.push(refreshToken);
  user.lastSignInAt = now;
  return { session, refreshToken };
}

export interface SessionResponseExtras {
  providerToken?: string;
  providerRefreshToken?: string;
}

/** The token endpoint's `AccessTokenResponse`. */
export async function sessionResponse(
  context: EmulatorContext,
  user: StoredUser,
  session: StoredSession,
  refreshToken: string,
  extras: SessionResponseExtras = {},
) {
  const minted = await mintAccessToken(context, user, session);
  return {
    access_token: minted.accessToken,
    token_type: 'bearer',
    expires_in: minted.expiresIn,
    expires_at: minted.expiresAt,
    refresh_token: refreshToken,
    user: toUserJson(user),
    ...(extras.providerToken ? { provider_token: extras.providerToken } : {}),
    ...(extras.providerRefreshToken ? { provider_refresh_token: extras.providerRefreshToken } : {}),
  };
}
