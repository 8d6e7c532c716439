import type { IncomingMessage } from 'node:http';
import { AUTHENTICATED_AUDIENCE } from './constants';
import type { EmulatorContext } from './context';
import { badRequest, forbidden, unauthorized } from './errors';
import { headerValue } from './http';
import { findSession, findUserById, type StoredSession, type StoredUser } from './store';
import { verifyAccessToken, type AccessTokenClaims } from './tokens';

export interface Caller {
  claims: AccessTokenClaims;
  user: StoredUser;
  /** Absent when the token carries no `session_id`. */
  session: StoredSession | undefined;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** GoTrue's `requireAuthentication`: bearer, signature, then the user and session the claims name. */
export async function authenticate(context: EmulatorContext, request: IncomingMessage): Promise<Caller> {
  const match = /^bearer (\S+)$/i.exec(headerValue(request, 'authorization') ?? '');
  if (!match?.[1]) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');

  const claims = await verifyAccessToken(context, match[1]);
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  }
  if (!UUID_PATTERN.test(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const { state } = context.store;
  const user = findUserById(state, claims.sub.toLowerCase());
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');

  let session: StoredSession | undefined;
  const sessionId = claims.session_id;
  if (typeof sessionId === 'string' && sessionId !== '' && sessionId !== NIL_UUID) {
    if (!UUID_PATTERN.test(sessionId)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    session = findSession(state, sessionId.toLowerCase());
    if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { claims, user, session };
}

/** `GET /user` compares the token's audience with the request's (`X-JWT-AUD`, default `authenticated`). */
export function assertAudience(request: IncomingMessage, claims: AccessTokenClaims) {
  const requestAudience = headerValue(request, 'x-jwt-aud') || AUTHENTICATED_AUDIENCE;
  const tokenAudience = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  if (tokenAudience !== requestAudience) {
    throw badRequest('validation_failed', "Token audience doesn't match request audience");
  }
}
