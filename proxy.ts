import { NextResponse, type NextRequest } from 'next/server';
import { PATHNAME_HEADER } from '@/lib/navigation/pathname-header';
import { updateSession } from '@/lib/supabase/update-session';

/**
 * Keeps the Supabase session cookies fresh on every page request, and
 * sends signed-out visitors of /dashboard to /login.
 *
 * This is a convenience, not a gate: every page, route handler and server
 * action checks the user itself, so a request that skips the proxy (as
 * CVE-2025-29927 allowed) still gets nothing it should not.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // For a renamed organization's old links: the page redirects to the same path at the new slug.
  request.headers.set(PATHNAME_HEADER, pathname);
  const { response, claims } = await updateSession(request);

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
