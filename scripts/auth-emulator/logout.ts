import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './authenticate';
import type { EmulatorContext } from './context';
import { badRequest } from './errors';
import { sendNoContent } from './http';
import { deleteSessions } from './store';

/**
 * `POST /logout?scope=global|local|others`. Sessions are deleted, not flagged,
 * so their access tokens stop working on `/user` at once (`session_not_found`)
 * and their refresh tokens are gone. A token without a session acts globally.
 */
export async function logout(context: EmulatorContext, request: IncomingMessage, url: URL, response: ServerResponse) {
  const caller = await authenticate(context, request);
  const scope = url.searchParams.get('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope)) {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }

  const { state } = context.store;
  const current = caller.session;
  if (current && scope === 'local') {
    deleteSessions(state, (session) => session.id === current.id);
  } else if (current && scope === 'others') {
    deleteSessions(state, (session) => session.userId === caller.user.id && session.id !== current.id);
  } else {
    deleteSessions(state, (session) => session.userId === caller.user.id);
  }
  context.store.save();
  sendNoContent(response);
}
