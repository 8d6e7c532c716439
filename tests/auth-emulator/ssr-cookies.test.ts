import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { EMULATOR_CALLBACK_URL, submitSignInPage } from '../support/auth-emulator';
import { setupAuthEmulator } from './fixtures';

// Short enough to expire within the test, long enough that a loaded CI machine
// still checks a fresh token before it lapses (1 s flaked there).
const emulator = setupAuthEmulator({ accessTokenLifetimeSeconds: 4 });

/** A browser's cookie jar as seen by one server request after another. */
function createCookieJar() {
  const cookies = new Map<string, string>();
  return {
    cookies,
    /** A fresh server client per request, as @supabase/ssr requires. */
    client: () =>
      createServerClient(emulator.url, LOCAL_PUBLISHABLE_KEY, {
        cookies: {
          getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
          setAll: (toSet) => {
            for (const { name, value, options } of toSet) {
              if (options?.maxAge === 0 || value === '') cookies.delete(name);
              else cookies.set(name, value);
            }
          },
        },
      }),
  };
}

/** The session cookie, joined from its `.0`, `.1`, … chunks when it outgrew one cookie. */
function sessionCookie(cookies: Map<string, string>): string {
  const bare = cookies.get('sb-127-auth-token');
  if (bare) return bare;
  let joined = '';
  for (let index = 0; cookies.has(`sb-127-auth-token.${index}`); index++) joined += cookies.get(`sb-127-auth-token.${index}`);
  return joined;
}

describe('@supabase/ssr against the emulator', () => {
  it('the server-side PKCE flow stores the session in sb-127-auth-token cookies and refreshes them on expiry', async () => {
    const jar = createCookieJar();
    const { data } = await jar.client().auth.signInWithOAuth({
      provider: 'google',
      options: { redirectTo: EMULATOR_CALLBACK_URL },
    });
    expect(jar.cookies.has('sb-127-auth-token-code-verifier')).toBe(true);

    const callback = await submitSignInPage(data.url ?? '', { email: 'cookies@example.com', name: 'Cookie Monster' });
    const exchanged = await jar.client().auth.exchangeCodeForSession(callback.searchParams.get('code') ?? '');
    expect(exchanged.error).toBeNull();
    const firstCookie = sessionCookie(jar.cookies);
    expect(firstCookie.startsWith('base64-')).toBe(true);
    expect(jar.cookies.has('sb-127-auth-token-code-verifier')).toBe(false);

    const claims = await jar.client().auth.getClaims();
    expect(claims.data?.claims.email).toBe('cookies@example.com');

    // Past the token's lifetime, the next request finds it expired and refreshes it.
    await new Promise((resolve) => setTimeout(resolve, 4100));
    const afterExpiry = await jar.client().auth.getClaims();
    expect(afterExpiry.error).toBeNull();
    expect(afterExpiry.data?.claims.email).toBe('cookies@example.com');
    expect(sessionCookie(jar.cookies)).not.toBe(firstCookie);
  });
});
