import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServerClient } from '@supabase/ssr';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { signOutEverywhere } from '@/lib/auth/sign-out';
import { EMULATOR_CALLBACK_URL, submitSignInPage } from '../support/auth-emulator';
import { CLIENT_HEADERS, setupAuthEmulator } from '../auth-emulator/fixtures';

const emulator = setupAuthEmulator();

// An auth server that is up but failing: every request answers 503. Same
// host as the emulator, so a client for it reads the same session cookies.
let failing: Server;
let failingUrl = '';
beforeAll(async () => {
  failing = createServer((_request, response) => response.writeHead(503, { 'content-type': 'application/json' }).end('{}'));
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => failing.close(resolve));
});

/** A browser's cookies as the server's requests see them, one server client per request. */
function browserCookies() {
  const cookies = new Map<string, string>();
  return {
    hasSession: () => [...cookies.keys()].some((name) => /^sb-127-auth-token(\.\d+)?$/.test(name)),
    client: (authUrl: string) =>
      createServerClient(authUrl, LOCAL_PUBLISHABLE_KEY, {
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

async function signedIn(email: string) {
  const browser = browserCookies();
  const { data } = await browser.client(emulator.url).auth.signInWithOAuth({ provider: 'google', options: { redirectTo: EMULATOR_CALLBACK_URL } });
  const callback = await submitSignInPage(data.url ?? '', { email, name: 'Sign Out' });
  const { data: exchanged } = await browser.client(emulator.url).auth.exchangeCodeForSession(callback.searchParams.get('code') ?? '');
  expect(browser.hasSession()).toBe(true);
  return { browser, accessToken: exchanged.session?.access_token ?? '' };
}

describe('signing out', () => {
  it('ends the session at the auth server and clears this browser’s cookies', async () => {
    const { browser, accessToken } = await signedIn('sign-out@example.com');
    await signOutEverywhere(browser.client(emulator.url));
    expect(browser.hasSession()).toBe(false);
    const user = await fetch(`${emulator.url}/auth/v1/user`, { headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` } });
    expect(user.status).toBe(403);
  });

  it('clears this browser’s cookies even when the auth server fails, where a plain signOut() keeps them', async () => {
    const { browser } = await signedIn('auth-server-down@example.com');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Why "Sign in with another account" could land back on the invitation:
      // the session survived, so the sign-in page sent the caller on to `next`.
      const { error } = await browser.client(failingUrl).auth.signOut();
      expect(error).not.toBeNull();
      expect(browser.hasSession()).toBe(true);

      await signOutEverywhere(browser.client(failingUrl));
      expect(browser.hasSession()).toBe(false);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('[sign-out]'));
    } finally {
      log.mockRestore();
    }
  });
});
