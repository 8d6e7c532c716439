import 'server-only';
import { createServerClient } from '@supabase/ssr';
import type { NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { verifyAccessTokenCached } from './verified-token-cache';
import type { AccessTokenClaims } from './verify-access-token';

export interface CookieToSet {
  name: string;
  value: string;
  options: Record<string, unknown>;
}

export interface AuthenticatedRequest {
  claims: AccessTokenClaims;
  /** How the token arrived: cookie callers must also pass the same-origin check on mutations. */
  via: 'bearer' | 'cookie';
  /** Session cookies refreshed while reading the cookie session; the response must carry them. */
  cookiesToSet: CookieToSet[];
  cookieHeaders: Record<string, string>;
}

const SESSION_COOKIE_NAME = /^sb-.+-auth-token(\.\d+)?$/;

/**
 * Decoding the session cookie means building a Supabase client for every
 * request, which costs more than verifying the token. What it yields depends
 * only on the cookie values, so the access token found in them is remembered
 * by value (once it has verified). The token still goes through the verifier
 * on every request; a remembered one is used only while it is well clear of the
 * margin in which @supabase/ssr would refresh it (90 s), so refreshing works as before.
 */
const REMEMBER_UNTIL_EXPIRY_MS = 5 * 60_000;
const MAX_REMEMBERED_SESSIONS = 1_000;
const decodedSessions = new Map<string, { accessToken: string; expiresAt: number }>();

/**
 * Finds the caller's access token on the request itself (never `next/headers`,
 * so handlers run the same under Next and in tests): the Authorization header
 * first, else the Supabase session cookie, which @supabase/ssr decodes (and
 * refreshes when it is about to expire). Either way the token then goes
 * through the one verifier (which remembers tokens that passed, for a minute:
 * verified-token-cache.ts); the session cookie is never trusted on its own.
 */
export async function authenticateRequest(request: NextRequest): Promise<AuthenticatedRequest> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new AppError('unauthorized', 'Send the access token as Authorization: Bearer <token>.');
    return { claims: await verifyAccessTokenCached(match[1]), via: 'bearer', cookiesToSet: [], cookieHeaders: {} };
  }

  const sessionCookies = request.cookies.getAll().filter((cookie) => SESSION_COOKIE_NAME.test(cookie.name));
  if (sessionCookies.length === 0) {
    throw new AppError('unauthorized', 'Sign in, or send Authorization: Bearer <access token>.');
  }
  const sessionKey = sessionCookies.map(({ name, value }) => `${name}=${value}`).join('; ');
  const remembered = decodedSessions.get(sessionKey);
  if (remembered && remembered.expiresAt * 1000 - Date.now() > REMEMBER_UNTIL_EXPIRY_MS) {
    return { claims: await verifyAccessTokenCached(remembered.accessToken), via: 'cookie', cookiesToSet: [], cookieHeaders: {} };
  }

  const cookiesToSet: CookieToSet[] = [];
  let cookieHeaders: Record<string, string> = {};
  const { supabaseUrl, supabasePublishableKey } = env();
  const supabase = createServerClient(supabaseUrl, supabasePublishableKey, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookies, headers) {
        cookiesToSet.push(...cookies.map(({ name, value, options }) => ({ name, value, options: { ...options } })));
        cookieHeaders = headers;
      },
    },
  });
  const { data } = await supabase.auth.getSession();
  const accessToken = data.session?.access_token;
  if (!accessToken) throw new AppError('unauthorized', 'The session has ended; sign in again.');
  const claims = await verifyAccessTokenCached(accessToken);
  if (cookiesToSet.length === 0) {
    if (decodedSessions.size >= MAX_REMEMBERED_SESSIONS) decodedSessions.clear();
    decodedSessions.set(sessionKey, { accessToken, expiresAt: claims.expiresAt });
  }
  return { claims, via: 'cookie', cookiesToSet, cookieHeaders };
}

/**
 * A browser attaches cookies to requests any site makes, so a cookie-session
 * mutation must prove it came from our own pages. Bearer tokens are never
 * sent automatically, so bearer calls need no such proof.
 */
export function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get('origin');
  const allowed = new Set([request.nextUrl.origin, new URL(env().NEXT_PUBLIC_SITE_URL).origin]);
  if (origin === null || !allowed.has(origin)) {
    throw new AppError('cross_origin_request', 'Cross-origin requests with a session cookie are refused.');
  }
}
