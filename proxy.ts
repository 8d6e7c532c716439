import { NextResponse, type NextRequest } from 'next/server';

// Runs before matched requests. Sign-in work (session refresh, page redirects)
// lands here; it is never the only gate: every route checks auth itself.
export function proxy(request: NextRequest) {
  void request;
  return NextResponse.next();
}

export const config = {
  // Skip static assets and image optimisation: nothing there needs a session.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)'],
};
