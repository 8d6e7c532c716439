import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_PATH_PREFIX } from './constants';
import type { EmulatorContext } from './context';
import { AuthHttpError, badRequest } from './errors';
import { grantGoogleAccess } from './google/grants';
import { SEEDED_ACCOUNTS, upsertGoogleUser, userIdForEmail } from './google-accounts';
import { headerValue, readForm, redirect, sendHtml } from './http';
import { chooseRedirectUrl } from './redirect-url';
import { createRefreshToken, sessionResponse } from './sessions';
import { renderSignInPage, SIGN_IN_ACTION_PATH } from './sign-in-page';
import type { StoredFlowState } from './store';

/** Providers GoTrue knows; naming one of these gets "not enabled" rather than "could not be found". */
const KNOWN_PROVIDERS = new Set([
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao',
  'keycloak', 'linkedin', 'linkedin_oidc', 'notion', 'slack', 'slack_oidc', 'snapchat', 'spotify', 'twitch',
  'twitter', 'x', 'vercel_marketplace', 'workos', 'zoom',
]);

const CODE_CHALLENGE_PATTERN = /^[a-zA-Z0-9._~-]+$/;
/** Flow states older than this are forgotten entirely; younger expired ones still answer `flow_state_expired`. */
const FLOW_STATE_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * `GET /authorize`: validates like GoTrue's `GetExternalProviderRedirectURL`,
 * records the flow state, then sends the browser to the emulator's stand-in
 * for Google's consent screen with the flow id as `state`.
 */
export function startAuthorization(context: EmulatorContext, request: IncomingMessage, url: URL, response: ServerResponse) {
  const query = url.searchParams;
  const provider = (query.get('provider') ?? '').toLowerCase();
  if (provider !== 'google') {
    const reason = KNOWN_PROVIDERS.has(provider) ? 'provider is not enabled' : `Provider ${provider} could not be found`;
    throw badRequest('validation_failed', `Unsupported provider: ${reason}`);
  }

  const requestedRedirect = headerValue(request, 'redirect_to') || query.get('redirect_to') || '';
  const referrer = chooseRedirectUrl(
    context.siteUrl,
    context.additionalRedirectUrls,
    requestedRedirect,
    headerValue(request, 'referer'),
  );

  const codeChallenge = query.get('code_challenge') ?? '';
  const codeChallengeMethod = query.get('code_challenge_method') ?? '';
  validatePkceParams(codeChallenge, codeChallengeMethod);

  let method: StoredFlowState['codeChallengeMethod'] = null;
  if (codeChallenge) {
    const lowered = codeChallengeMethod.toLowerCase();
    if (lowered !== 's256' && lowered !== 'plain') throw badRequest('validation_failed', 'Invalid code_challenge_method');
    method = lowered;
  }

  const now = context.now();
  const { state } = context.store;
  state.flowStates = state.flowStates.filter((flow) => now - flow.createdAt < FLOW_STATE_RETENTION_MS);
  const flowState: StoredFlowState = {
    id: randomUUID(),
    authCode: codeChallenge ? randomUUID() : null,
    codeChallenge: codeChallenge || null,
    codeChallengeMethod: method,
    providerType: provider,
    referrer,
    userId: null,
    providerAccessToken: null,
    providerRefreshToken: null,
    // supabase-js sends `scopes` and spreads `queryParams` (access_type, prompt…) into this URL.
    providerScopes: query.get('scopes') ?? '',
    providerOffline: query.get('access_type') === 'offline',
    createdAt: now,
  };
  state.flowStates.push(flowState);
  context.store.save();

  redirect(response, 302, `${SIGN_IN_ACTION_PATH}?state=${encodeURIComponent(flowState.id)}`);
}

function validatePkceParams(codeChallenge: string, codeChallengeMethod: string) {
  if ((codeChallenge === '') !== (codeChallengeMethod === '')) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (codeChallenge === '') return;
  if (codeChallenge.length < 43 || codeChallenge.length > 128) {
    throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
  }
  if (!CODE_CHALLENGE_PATTERN.test(codeChallenge)) {
    throw badRequest(
      'validation_failed',
      'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes',
    );
  }
}

/** `GET /emulator/sign-in?state=…`: the account chooser. */
export function showSignInPage(context: EmulatorContext, url: URL, response: ServerResponse) {
  const flow = loadFlowState(context, url.searchParams.get('state') ?? '');
  if (flow instanceof AuthHttpError) return redirectToSiteWithError(context, response, flow);
  sendHtml(response, 200, signInPage(flow));
}

/**
 * `POST /emulator/sign-in`: what Google's redirect to GoTrue's `/callback`
 * would achieve, in one hop. The account is created or updated, and the
 * browser returns to `redirect_to` with `?code=` (PKCE) or tokens in the
 * fragment (implicit). Cancel returns `error=access_denied` like Google does.
 */
export async function completeSignIn(context: EmulatorContext, request: IncomingMessage, response: ServerResponse) {
  const form = await readForm(request);
  const flow = loadFlowState(context, form.get('state') ?? '');
  if (flow instanceof AuthHttpError) return redirectToSiteWithError(context, response, flow);

  if (form.get('action') === 'cancel') {
    return redirect(response, 302, withErrorParams(flow.referrer, {
      error: 'access_denied',
      error_description: 'The user cancelled the Google sign-in',
    }));
  }

  const email = (form.get('email') ?? '').trim();
  const name = (form.get('name') ?? '').trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254 || name.length > 200) {
    return sendHtml(response, 400, signInPage(flow, {
      errorMessage: 'Enter a valid email address (and a name up to 200 characters).',
      previousEmail: email,
      previousName: name,
    }));
  }

  const user = upsertGoogleUser(context, { email, name });
  // Google's tokens, which Supabase hands over once at exchange time and never
  // again; the Google stand-in (./google/) honours them for its API.
  const google = grantGoogleAccess(context, user.id, flow.providerScopes, flow.providerOffline);

  if (flow.authCode === null) {
    const { state } = context.store;
    state.flowStates = state.flowStates.filter((candidate) => candidate.id !== flow.id);
    const { session, refreshToken } = createRefreshToken(context, user, null);
    context.store.save();
    const tokens = await sessionResponse(context, user, session, refreshToken.token);
    const fragment = new URLSearchParams({
      access_token: tokens.access_token,
      expires_at: String(tokens.expires_at),
      expires_in: String(tokens.expires_in),
      provider_token: google.accessToken,
      ...(google.refreshToken ? { provider_refresh_token: google.refreshToken } : {}),
      refresh_token: tokens.refresh_token,
      sb: '',
      token_type: tokens.token_type,
    });
    return redirect(response, 302, `${flow.referrer.split('#', 1)[0]}#${fragment.toString()}`);
  }

  flow.userId = user.id;
  flow.providerAccessToken = google.accessToken;
  flow.providerRefreshToken = google.refreshToken;
  context.store.save();
  redirect(response, 302, withQueryParams(flow.referrer, { code: flow.authCode }));
}

/** GoTrue's `loadExternalState`: every way a `state` can be wrong, as a `bad_oauth_*` error. */
function loadFlowState(context: EmulatorContext, stateParameter: string): StoredFlowState | AuthHttpError {
  if (stateParameter === '') return badRequest('bad_oauth_callback', 'OAuth state parameter missing');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(stateParameter)) {
    return badRequest('bad_oauth_state', 'OAuth state parameter is invalid');
  }
  const flow = context.store.state.flowStates.find((candidate) => candidate.id === stateParameter.toLowerCase());
  if (!flow) return badRequest('bad_oauth_state', 'OAuth state not found or expired');
  if (context.now() > flow.createdAt + context.flowStateExpirySeconds * 1000) {
    return badRequest('bad_oauth_state', 'OAuth state has expired');
  }
  if (flow.authCode !== null && flow.userId !== null) {
    return badRequest('flow_state_already_used', 'State has already been used');
  }
  return flow;
}

/** A bad `state` cannot be trusted to name a destination, so GoTrue sends it to the Site URL with a 303. */
function redirectToSiteWithError(context: EmulatorContext, response: ServerResponse, error: AuthHttpError) {
  redirect(response, 303, withQueryParams(context.siteUrl, {
    error: 'invalid_request',
    error_code: error.code,
    error_description: error.message,
  }));
}

function signInPage(flow: StoredFlowState, extras: { errorMessage?: string; previousEmail?: string; previousName?: string } = {}) {
  return renderSignInPage({
    flowId: flow.id,
    continueTo: hostOf(flow.referrer),
    accounts: SEEDED_ACCOUNTS,
    // Relative, so the image loads from whichever host name the browser used for the page.
    avatarUrlFor: (account) => `${AUTH_PATH_PREFIX}/emulator/avatar/${userIdForEmail(account.email)}.svg`,
    ...extras,
  });
}

function hostOf(target: string): string {
  try {
    return new URL(target).host || target;
  } catch {
    return target;
  }
}

function withQueryParams(target: string, params: Record<string, string>): string {
  try {
    const url = new URL(target);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  } catch {
    const [withoutFragment = '', fragment] = target.split('#', 2);
    const separator = withoutFragment.includes('?') ? '&' : '?';
    const query = new URLSearchParams(params).toString();
    return `${withoutFragment}${separator}${query}${fragment === undefined ? '' : `#${fragment}`}`;
  }
}

/** Errors go in the query and, for older clients, again in the fragment with the `sb` marker. */
function withErrorParams(target: string, params: Record<string, string>): string {
  const withQuery = withQueryParams(target, params).split('#', 1)[0] ?? '';
  const fragment = new URLSearchParams({ ...params, sb: '' }).toString();
  return `${withQuery}#${fragment}`;
}
