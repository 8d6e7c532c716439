import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorContext } from './context';
import { badRequest, notFound, unprocessable } from './errors';
import { readJsonObject, sendJson, stringField } from './http';
import { createRefreshToken, sessionResponse } from './sessions';
import { findSession, findUserById, type StoredFlowState, type StoredRefreshToken } from './store';

/** `POST /token?grant_type=…`. Like GoTrue, `grant_type` may come from the query or a form body. */
export async function issueToken(context: EmulatorContext, request: IncomingMessage, url: URL, response: ServerResponse) {
  switch (url.searchParams.get('grant_type') ?? '') {
    case 'pkce':
      return sendJson(response, 200, await exchangeAuthCode(context, await readJsonObject(request)));
    case 'refresh_token':
      return sendJson(response, 200, await refreshSession(context, await readJsonObject(request)));
    default:
      throw badRequest('invalid_credentials', 'unsupported_grant_type');
  }
}

/** GoTrue's `PKCE` grant; checks run in its order, so each bad input gets the same code. */
async function exchangeAuthCode(context: EmulatorContext, body: Record<string, unknown>) {
  const authCode = stringField(body, 'auth_code');
  const codeVerifier = stringField(body, 'code_verifier');
  if (authCode === '' || codeVerifier === '') {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }

  const { state } = context.store;
  const flow = state.flowStates.find((candidate) => candidate.authCode === authCode);
  if (!flow || flow.userId === null) {
    throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
  }
  if (context.now() > flow.createdAt + context.flowStateExpirySeconds * 1000) {
    throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
  }
  const user = findUserById(state, flow.userId);
  if (!user) throw notFound('user_not_found', 'User not found');
  if (!verifiesCodeChallenge(flow, codeVerifier)) {
    // The flow survives a wrong verifier, as in GoTrue: the rightful holder can still exchange it.
    throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }

  state.flowStates = state.flowStates.filter((candidate) => candidate.id !== flow.id);
  const { session, refreshToken } = createRefreshToken(context, user, null);
  context.store.save();
  return sessionResponse(context, user, session, refreshToken.token, {
    providerToken: flow.providerAccessToken ?? undefined,
    providerRefreshToken: flow.providerRefreshToken ?? undefined,
  });
}

function verifiesCodeChallenge(flow: StoredFlowState, codeVerifier: string): boolean {
  if (flow.codeChallenge === null) return false;
  const expected =
    flow.codeChallengeMethod === 'plain'
      ? codeVerifier
      : createHash('sha256').update(codeVerifier).digest('base64url');
  const expectedBytes = Buffer.from(expected);
  const challengeBytes = Buffer.from(flow.codeChallenge);
  return expectedBytes.length === challengeBytes.length && timingSafeEqual(expectedBytes, challengeBytes);
}

/**
 * GoTrue's `RefreshTokenGrant` for v1 (12-character) tokens: each use rotates;
 * re-presenting the active token's parent returns the active token (the client
 * probably lost the last response); an older revoked token is tolerated within
 * the reuse interval and otherwise treated as theft, revoking the whole family.
 */
async function refreshSession(context: EmulatorContext, body: Record<string, unknown>) {
  const presented = stringField(body, 'refresh_token');
  // Only the 12-character format is ever issued here; GoTrue's longer v2 tokens
  // would fail its signature check with this same error.
  if (!/^[a-z0-9]{12}$/.test(presented)) throw badRequest('validation_failed', 'Refresh token is not valid');

  const { state } = context.store;
  const token = state.refreshTokens.find((candidate) => candidate.token === presented);
  if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const user = findUserById(state, token.userId);
  if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const session = findSession(state, token.sessionId);
  if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');

  const now = context.now();
  let issued: StoredRefreshToken | undefined;
  if (token.revoked) {
    const active = activeRefreshToken(state.refreshTokens, session.id);
    if (active && active.parent === token.token) {
      issued = active;
    } else if (now > token.updatedAt + context.refreshTokenReuseIntervalSeconds * 1000) {
      for (const candidate of state.refreshTokens) {
        if (candidate.sessionId === session.id && !candidate.revoked) {
          candidate.revoked = true;
          candidate.updatedAt = now;
        }
      }
      context.store.save();
      throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    }
  }

  if (!issued) {
    token.revoked = true;
    token.updatedAt = now;
    issued = createRefreshToken(context, user, token).refreshToken;
  }
  session.refreshedAt = now;
  context.store.save();
  return sessionResponse(context, user, session, issued.token);
}

function activeRefreshToken(tokens: StoredRefreshToken[], sessionId: string): StoredRefreshToken | undefined {
  let active: StoredRefreshToken | undefined;
  for (const token of tokens) {
    if (token.sessionId === sessionId && !token.revoked && (!active || token.id > active.id)) active = token;
  }
  return active;
}
