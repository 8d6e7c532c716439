/**
 * Drives the emulator's Google sign-in the way a person would, through the
 * real supabase-js client: start the OAuth flow, open the account chooser,
 * submit it, and exchange the code that comes back.
 */
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { LOCAL_PUBLISHABLE_KEY } from './constants';

export const EMULATOR_CALLBACK_URL = 'http://localhost:3000/auth/callback';

export interface MemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly items: Map<string, string>;
}

export function createMemoryStorage(): MemoryStorage {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A PKCE supabase-js client with its own storage, so tests never share sessions by accident. */
export function createEmulatorClient(supabaseUrl: string, storage: MemoryStorage = createMemoryStorage()): SupabaseClient {
  return createClient(supabaseUrl, LOCAL_PUBLISHABLE_KEY, {
    auth: { flowType: 'pkce', persistSession: true, storage, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

export interface AccountChoice {
  email: string;
  name?: string;
}

/**
 * Opens `authorizeUrl` (following the redirect to the account chooser), reads
 * the form the page renders, submits it for `user` (or presses Cancel), and
 * returns where the emulator sends the browser next.
 */
export async function submitSignInPage(authorizeUrl: string, user: AccountChoice | 'cancel'): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`the sign-in page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const state = /<input type="hidden" name="state" value="([^"]+)">/.exec(html)?.[1];
  if (!action || !state) throw new Error('the sign-in page has no account form');

  const fields = new URLSearchParams({ state });
  if (user === 'cancel') {
    fields.set('action', 'cancel');
  } else {
    fields.set('email', user.email);
    fields.set('name', user.name ?? '');
  }
  const submitted = await fetch(new URL(decodeHtml(action), page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
    redirect: 'manual',
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) {
    throw new Error(`the sign-in form answered ${submitted.status} without a redirect: ${await submitted.text()}`);
  }
  return new URL(location, page.url);
}

function decodeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export async function signInWithEmulator(
  supabaseUrl: string,
  user: { email: string; name?: string },
): Promise<{ accessToken: string; refreshToken: string; userId: string; session: Session }> {
  const client = createEmulatorClient(supabaseUrl);
  const { data, error } = await client.auth.signInWithOAuth({
    provider: 'google',
    options: { redirectTo: EMULATOR_CALLBACK_URL, skipBrowserRedirect: true },
  });
  if (error || !data.url) throw error ?? new Error('signInWithOAuth returned no URL');

  const callback = await submitSignInPage(data.url, user);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`the emulator redirected without a code: ${callback.toString()}`);

  const exchanged = await client.auth.exchangeCodeForSession(code);
  if (exchanged.error || !exchanged.data.session) {
    throw exchanged.error ?? new Error('exchangeCodeForSession returned no session');
  }
  const session = exchanged.data.session;
  return { accessToken: session.access_token, refreshToken: session.refresh_token, userId: session.user.id, session };
}
