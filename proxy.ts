import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { pageContentSecurityPolicy } from '@/lib/http/security-headers';
import { PATHNAME_HEADER } from '@/lib/navigation/pathname-header';
import { updateSession } from '@/lib/supabase/update-session';

/**
 * Keeps the Supabase session cookies fresh on every page request, sends
 * signed-out visitors of /dashboard to /login, and gives each page its
 * Content-Security-Policy with a fresh nonce.
 *
 * This is a convenience, not a gate: every page, route handler and server
 * action checks the user itself, so a request that skips the proxy (as
 * CVE-2025-29927 allowed) still gets nothing it should not.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next.js reads the nonce from the policy on the request and puts it on the
  // scripts and styles it renders; the browser reads the policy on the response.
  const policy = pageContentSecurityPolicy({
    nonce: randomBytes(16).toString('base64'),
    isDevelopment: process.env.NODE_ENV === 'development',
    supabaseUrl: env().supabaseUrl,
    siteUrl: env().NEXT_PUBLIC_SITE_URL,
  });
  const { response, claims } = await updateSession(request, {
    'Content-Security-Policy': policy,
    // For a renamed organization's old links: the page redirects to the same path at the new slug.
    [PATHNAME_HEADER]: pathname,
  });
  response.headers.set('Content-Security-Policy', policy);

  if (!claims && (pathname === '/dashboard' || pathname.startsWith('/dashboard/'))) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    const redirect = NextResponse.redirect(login);
    // Keep any cookie changes (a failed refresh clears the session cookies).
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    return redirect;
  }
  return response;
}

export const config = {
  // Static assets need no session, and the API authenticates (and refreshes
  // cookies) itself, so it is spared a second verification per request.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)'],
};
