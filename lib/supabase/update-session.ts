import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';

/**
 * Refreshes the session cookies for one request, as proxy.ts needs it:
 * refreshed cookies go both onto the request (so the page rendering next sees
 * them) and onto the response (so the browser keeps them).
 * Returns the verified claims, or null when there is no valid session.
 */
export async function updateSession(request: NextRequest) {
  const { supabaseUrl, supabasePublishableKey } = env();
  let response = NextResponse.next({ request });

  const supabase = createServerClient(supabaseUrl, supabasePublishableKey, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
        for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
      },
    },
  });

  // getClaims() verifies the access token locally against the JWKS (cached),
  // refreshing it first when it is about to expire: no auth-server round trip
  // per request while the token is valid. Nothing may run between creating
  // the client and this call, or sessions can end at random.
  const { data, error } = await supabase.auth.getClaims();
  const claims = error ? null : (data?.claims ?? null);
  return { response, claims };
}
