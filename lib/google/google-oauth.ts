import 'server-only';
import { z } from 'zod';
import type { GoogleConfig } from './config';

/** Google said the refresh token is no longer good (revoked, expired, password change): connect again. */
export class InvalidGrantError extends Error {}
/** Google could not be reached or answered something unexpected; worth retrying later. */
export class GoogleUnavailableError extends Error {}

const TIMEOUT_MS = 10_000;

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive(), scope: z.string().optional() });
const tokenInfoResponse = z.object({ scope: z.string(), expires_in: z.coerce.number().nonnegative() });

/** The refresh grant of Google's token endpoint. Never logs the tokens. */
export async function refreshAccessToken(config: GoogleConfig, refreshToken: string) {
  const response = await post(config.tokenUrl, {
    client_id: config.clientId,
    client_secret: config.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 400 && (body as { error?: unknown } | null)?.error === 'invalid_grant') throw new InvalidGrantError();
  const parsed = tokenResponse.safeParse(body);
  if (!response.ok || !parsed.success) throw new GoogleUnavailableError(`Google's token endpoint answered ${response.status}`);
  return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
}

/** What Google granted an access token: the authoritative scope list, not what the app asked for. */
export async function inspectAccessToken(config: GoogleConfig, accessToken: string) {
  const url = new URL(config.tokenInfoUrl);
  url.searchParams.set('access_token', accessToken);
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store' });
  const parsed = tokenInfoResponse.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) throw new GoogleUnavailableError(`Google's tokeninfo endpoint answered ${response.status}`);
  return { scopes: parsed.data.scope.split(' ').filter(Boolean), expiresInSeconds: parsed.data.expires_in };
}

/** Revokes the grant behind `token` at Google. An already revoked token (400) counts as done. */
export async function revokeToken(config: GoogleConfig, token: string) {
  const response = await post(config.revokeUrl, { token });
  if (!response.ok && response.status !== 400) throw new GoogleUnavailableError(`Google's revoke endpoint answered ${response.status}`);
}

async function post(url: string, form: Record<string, string>) {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    throw new GoogleUnavailableError('Google could not be reached', { cause: error });
  }
}
