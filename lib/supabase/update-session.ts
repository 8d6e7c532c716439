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
export async function updateSession(request: NextRequest, extraRequestHeaders: Record<string, string> = {}) {
  const { supabaseUrl, supabasePublishableKey } = env();
  // The page renders with the request's headers (refreshed cookies included) plus these.
  const next = () => {
    const headers = new Headers(request.headers);
    for (const [key, value] of Object.entries(extraRequestHeaders)) headers.set(key, value);
    return NextResponse.next({ request: { headers } });
  };
  let response = next();

  const supabase = createServerClient(supabaseUrl, supabasePublishableKey, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = next();
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
