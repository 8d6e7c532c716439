import { NextResponse, type NextRequest } from 'next/server';
import { googleConfig } from '@/lib/google/config';
import { saveGoogleConnection } from '@/lib/google/connections';
import { logFailure } from '@/lib/http/log-failure';
import { safeNextPath } from '@/lib/navigation/safe-next-path';
import { profileFieldsFromMetadata, upsertProfile } from '@/lib/profiles/upsert-profile';
import { createSupabaseServerClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

/**
 * The end of the Google sign-in: Supabase Auth sends the browser here with a
 * one-time code, which we exchange (with the PKCE verifier cookie the browser
 * set) for a session stored in cookies. Every failure lands on /login with a
 * code the page turns into a readable message; nothing here answers 500.
 */
export async function GET(request: NextRequest) {
  const url = request.nextUrl;
  const next = safeNextPath(url.searchParams.get('next'));
  const toLogin = (error: string) => {
    const login = new URL('/login', url.origin);
    login.searchParams.set('error', error);
    if (next !== '/dashboard') login.searchParams.set('next', next);
    return NextResponse.redirect(login, { status: 303 });
  };

  const providerError = url.searchParams.get('error');
  if (providerError) return toLogin(providerError === 'access_denied' ? 'access_denied' : 'provider_error');

  const code = url.searchParams.get('code');
  if (!code) return toLogin('missing_code');

  try {
    const supabase = await createSupabaseServerClient();
    const { data, error } = await supabase.auth.exchangeCodeForSession(code);
    if (error || !data.user) return toLogin('exchange_failed');

    // Google's tokens come only with this exchange, never on a refresh: a
    // refresh token (offline access was asked for) goes to the encrypted vault,
    // and neither is logged.
    const { user } = data;
    await upsertProfile({
      id: user.id,
      email: user.email ?? '',
      ...profileFieldsFromMetadata(user.user_metadata),
    }).catch((profileError: unknown) => {
      // Not fatal: the first API call creates the profile if this one failed.
      logFailure('auth/callback profile upsert', profileError, { request });
    });

    const { provider_token: accessToken, provider_refresh_token: refreshToken } = data.session;
    if (accessToken && refreshToken && googleConfig()) {
      await saveGoogleConnection(user.id, { accessToken, refreshToken }).catch((vaultError: unknown) => {
        // Not fatal: the page that needs Google offers to connect again.
        logFailure('auth/callback google connection', vaultError, { request });
      });
    }

    return NextResponse.redirect(new URL(next, url.origin), { status: 303 });
  } catch (error) {
    logFailure('auth/callback', error, { request });
    return toLogin('server_error');
  }
}
