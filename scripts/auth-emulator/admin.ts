import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { forbidden, notFound, unauthorized } from './errors';
import { headerValue, sendJson } from './http';
import { deleteSessions, findUserById } from './store';
import { toUserJson } from './user-json';

const ADMIN_USER_PATH = /^\/admin\/users\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The slice of GoTrue's admin API the app uses: read and delete a user, as
 * `supabase.auth.admin.getUserById` / `deleteUser` call them. Only the secret
 * key opens it (on Supabase the gateway turns that key into a service-role
 * token; any other bearer is "not admin").
 */
export function routeAdmin(
  context: EmulatorContext,
  request: IncomingMessage,
  method: string,
  path: string,
  response: ServerResponse,
): boolean {
  const match = ADMIN_USER_PATH.exec(path);
  if (!match?.[1] || (method !== 'GET' && method !== 'DELETE')) return false;
  requireSecretKey(context, request);
  const { state } = context.store;
  const user = findUserById(state, match[1].toLowerCase());
  if (!user) throw notFound('user_not_found', 'User not found');
  if (method === 'GET') {
    sendJson(response, 200, toUserJson(user));
    return true;
  }
  deleteSessions(state, (session) => session.userId === user.id);
  state.flowStates = state.flowStates.filter((flow) => flow.userId !== user.id);
  state.users = state.users.filter((candidate) => candidate.id !== user.id);
  state.googleGrants = state.googleGrants.filter((grant) => grant.userId !== user.id);
  context.store.save();
  sendJson(response, 200, {});
  return true;
}

export function requireSecretKey(context: EmulatorContext, request: IncomingMessage) {
  const match = /^bearer (\S+)$/i.exec(headerValue(request, 'authorization') ?? '');
  if (!match?.[1]) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
  if (match[1] !== context.secretKey) throw forbidden('not_admin', 'User not allowed');
}
