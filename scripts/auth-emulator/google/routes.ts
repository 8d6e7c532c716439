import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_PATH_PREFIX } from '../constants';
import type { EmulatorContext } from '../context';
import { escapeHtml } from '../html';
import { headerValue, readForm, redirect, sendHtml, sendJson } from '../http';
import { findUserByEmail } from '../store';
import { driveFilesFor } from './drive-files';
import { findAccessToken, GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS, mintGoogleAccessToken, revokeGrant } from './grants';

/** Where the stand-in answers; the app's GOOGLE_API_BASE_URL points here in local mode. */
export const GOOGLE_STAND_IN_PATH = '/emulator/google';
const DRIVE_SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive.metadata.readonly',
];

/**
 * Google's OAuth token, revoke and tokeninfo endpoints, Drive's `files.list`,
 * and the "third-party access" page of a Google account where the user removes
 * the app's access. Errors use Google's shapes (`invalid_grant` for a revoked
 * refresh token), not GoTrue's. Returns false for a path it does not serve.
 */
export async function routeGoogle(
  context: EmulatorContext,
  request: IncomingMessage,
  method: string,
  path: string,
  url: URL,
  response: ServerResponse,
): Promise<boolean> {
  if (!path.startsWith(`${GOOGLE_STAND_IN_PATH}/`)) return false;
  const route = `${method} ${path.slice(GOOGLE_STAND_IN_PATH.length)}`;
  switch (route) {
    case 'POST /token':
      await refreshGrant(context, await readForm(request), response);
      return true;
    case 'POST /revoke': {
      const form = await readForm(request);
      const token = form.get('token') ?? url.searchParams.get('token') ?? '';
      const grant = context.store.state.googleGrants.find(
        (candidate) => !candidate.revoked && (candidate.refreshToken === token || candidate.accessTokens.some((access) => access.token === token)),
      );
      if (!grant) {
        sendJson(response, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
        return true;
      }
      revokeGrant(context, grant);
      sendJson(response, 200, {});
      return true;
    }
    case 'GET /tokeninfo': {
      const found = findAccessToken(context, url.searchParams.get('access_token') ?? '');
      if (!found) {
        sendJson(response, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
        return true;
      }
      sendJson(response, 200, {
        scope: found.grant.scopes.join(' '),
        expires_in: String(Math.max(0, Math.floor((found.expiresAt - context.now()) / 1000))),
        access_type: found.grant.refreshToken ? 'offline' : 'online',
      });
      return true;
    }
    case 'GET /drive/v3/files':
      listDriveFiles(context, request, response);
      return true;
    case 'GET /account':
      showAccountPage(context, url.searchParams.get('email') ?? '', response);
      return true;
    case 'POST /account/revoke': {
      const form = await readForm(request);
      const email = form.get('email') ?? '';
      const user = findUserByEmail(context.store.state, email);
      const grant = context.store.state.googleGrants.find((candidate) => candidate.id === form.get('grant') && candidate.userId === user?.id);
      if (grant) revokeGrant(context, grant);
      redirect(response, 303, `${AUTH_PATH_PREFIX}${GOOGLE_STAND_IN_PATH}/account?email=${encodeURIComponent(email)}`);
      return true;
    }
  }
  return false;
}

async function refreshGrant(context: EmulatorContext, form: URLSearchParams, response: ServerResponse) {
  if (!form.get('client_id')) {
    return sendJson(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
  }
  if (form.get('grant_type') !== 'refresh_token') {
    return sendJson(response, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
  }
  const presented = form.get('refresh_token') ?? '';
  const grant = context.store.state.googleGrants.find((candidate) => candidate.refreshToken === presented && presented !== '');
  if (!grant || grant.revoked) {
    return sendJson(response, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  }
  const accessToken = mintGoogleAccessToken(context, grant);
  context.store.save();
  // As Google: no new refresh token on a refresh; the one the app holds keeps working.
  sendJson(response, 200, {
    access_token: accessToken,
    expires_in: GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS,
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
  });
}

function listDriveFiles(context: EmulatorContext, request: IncomingMessage, response: ServerResponse) {
  const bearer = /^bearer (\S+)$/i.exec(headerValue(request, 'authorization') ?? '')?.[1] ?? '';
  const found = findAccessToken(context, bearer);
  if (!found) {
    return sendJson(response, 401, {
      error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
    });
  }
  if (!found.grant.scopes.some((scope) => DRIVE_SCOPES.includes(scope))) {
    return sendJson(response, 403, {
      error: { code: 403, message: 'Request had insufficient authentication scopes.', status: 'PERMISSION_DENIED' },
    });
  }
  sendJson(response, 200, { kind: 'drive#fileList', files: driveFilesFor(found.grant.userId, context.now()) });
}

function showAccountPage(context: EmulatorContext, email: string, response: ServerResponse) {
  const user = findUserByEmail(context.store.state, email);
  const grants = user ? context.store.state.googleGrants.filter((grant) => grant.userId === user.id && !grant.revoked) : [];
  const action = `${AUTH_PATH_PREFIX}${GOOGLE_STAND_IN_PATH}/account/revoke`;
  const items = grants
    .map(
      (grant) => `<li><p>${escapeHtml(grant.scopes.join(', '))}${grant.refreshToken ? ' (offline access)' : ''}</p>
<form method="post" action="${action}"><input type="hidden" name="email" value="${escapeHtml(email)}"><input type="hidden" name="grant" value="${escapeHtml(grant.id)}"><button type="submit">Remove access</button></form></li>`,
    )
    .join('\n');
  sendHtml(
    response,
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Third-party access (local emulator)</title></head>
<body><main><h1>Third-party access (local emulator)</h1><p>${escapeHtml(email)}</p>
${grants.length === 0 ? '<p>No app has access to this account.</p>' : `<ul>${items}</ul>`}</main></body></html>`,
  );
}
