import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createEmulatorClient,
  EMULATOR_CALLBACK_URL,
  signInWithEmulator,
  submitSignInPage,
} from '../support/auth-emulator';
import { createTestClock, postToken, setupAuthEmulator } from './fixtures';

const clock = createTestClock();
const emulator = setupAuthEmulator({ additionalRedirectUrls: ['https://*.preview.example/**'] }, { now: clock.now });

async function startFlow(redirectTo = EMULATOR_CALLBACK_URL) {
  const client = createEmulatorClient(emulator.url);
  const { data, error } = await client.auth.signInWithOAuth({
    provider: 'google',
    options: { redirectTo, skipBrowserRedirect: true },
  });
  if (error || !data.url) throw error ?? new Error('no authorize URL');
  return { client, authorizeUrl: data.url };
}

async function codeFor(email: string, redirectTo?: string) {
  const flow = await startFlow(redirectTo);
  const callback = await submitSignInPage(flow.authorizeUrl, { email, name: 'Test Person' });
  return { ...flow, callback, code: callback.searchParams.get('code') ?? '' };
}

describe('signing in with Google through PKCE', () => {
  it('a person who picks an account gets a session with a Google-shaped user', async () => {
    const { session, userId } = await signInWithEmulator(emulator.url, { email: 'Ada@Example.com', name: 'Ada Lovelace' });

    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(3600);
    expect(session.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(session.provider_token).toMatch(/^ya29\.local-/);
    expect(session.user.id).toBe(userId);
    expect(session.user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email: 'ada@example.com',
      phone: '',
      is_anonymous: false,
      app_metadata: { provider: 'google', providers: ['google'] },
      user_metadata: {
        email: 'ada@example.com',
        email_verified: true,
        full_name: 'Ada Lovelace',
        name: 'Ada Lovelace',
        iss: 'https://accounts.google.com',
        phone_verified: false,
      },
    });
    const metadata = session.user.user_metadata;
    expect(metadata.sub).toMatch(/^\d{21}$/);
    expect(metadata.provider_id).toBe(metadata.sub);
    expect(metadata.avatar_url).toBe(`${emulator.url}/auth/v1/emulator/avatar/${userId}.svg`);
    expect(metadata.picture).toBe(metadata.avatar_url);
    expect(session.user.identities).toEqual([
      expect.objectContaining({ id: metadata.sub, user_id: userId, provider: 'google', email: 'ada@example.com' }),
    ]);
    expect(session.user.email_confirmed_at).toEqual(expect.any(String));
    expect(session.user.last_sign_in_at).toEqual(expect.any(String));

    const avatar = await fetch(metadata.avatar_url as string);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toContain('>AL<');
  });

  it('the same email always gets the same user id, whatever its case', async () => {
    const first = await signInWithEmulator(emulator.url, { email: 'grace@example.com', name: 'Grace Hopper' });
    const second = await signInWithEmulator(emulator.url, { email: 'GRACE@example.com', name: 'Rear Admiral Hopper' });
    expect(second.userId).toBe(first.userId);
    expect(second.session.user.user_metadata.full_name).toBe('Rear Admiral Hopper');
  });

  it('the authorize URL leads to an accessible account chooser with the seeded accounts', async () => {
    const { authorizeUrl } = await startFlow();
    const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(authorize.status).toBe(302);

    const page = await fetch(new URL(authorize.headers.get('location') ?? '', authorizeUrl));
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<h1>Sign in with Google (local emulator)</h1>');
    for (const account of ['Ada Lovelace', 'ada@example.com', 'Grace Hopper', 'Alan Turing']) expect(html).toContain(account);
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('<label for="name">Full name</label>');
    expect(html).toContain('>Cancel</button>');
    expect(html).toContain('localhost:3000');
  });

  it('the code is added to the callback URL and keeps its existing query', async () => {
    const { callback, code } = await codeFor('alan@example.com', `${EMULATOR_CALLBACK_URL}?next=%2Fdashboard`);
    expect(`${callback.origin}${callback.pathname}`).toBe(EMULATOR_CALLBACK_URL);
    expect(callback.searchParams.get('next')).toBe('/dashboard');
    expect(code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cancelling returns access_denied in the query and the fragment', async () => {
    const { authorizeUrl } = await startFlow(`${EMULATOR_CALLBACK_URL}?next=%2Fdashboard`);
    const callback = await submitSignInPage(authorizeUrl, 'cancel');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBeTruthy();
    expect(callback.searchParams.get('next')).toBe('/dashboard');
    expect(callback.searchParams.get('code')).toBeNull();
    const fragment = new URLSearchParams(callback.hash.slice(1));
    expect(fragment.get('error')).toBe('access_denied');
    expect(fragment.get('error_description')).toBe(callback.searchParams.get('error_description'));
  });

  it('a code can be exchanged only once', async () => {
    const { client, code } = await codeFor('once@example.com');
    const first = await client.auth.exchangeCodeForSession(code);
    expect(first.error).toBeNull();

    const again = await postToken(emulator.url, 'pkce', { auth_code: code, code_verifier: 'a'.repeat(64) });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('flow_state_not_found');
  });

  it('a wrong code verifier is refused with bad_code_verifier and the code still works for its owner', async () => {
    const { client, code } = await codeFor('verifier@example.com');
    const wrong = await postToken(emulator.url, 'pkce', { auth_code: code, code_verifier: 'b'.repeat(112) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      code: 'bad_code_verifier',
      message: 'code challenge does not match previously saved code verifier',
    });
    expect(wrong.headers.get('x-sb-error-code')).toBe('bad_code_verifier');

    const { data, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe('verifier@example.com');
  });

  it('supabase-js reports a wrong verifier as an AuthApiError with the code', async () => {
    const { code } = await codeFor('stranger@example.com');
    const stranger = createEmulatorClient(emulator.url);
    // The stranger has a verifier of their own, from a flow they started.
    await stranger.auth.signInWithOAuth({ provider: 'google', options: { skipBrowserRedirect: true } });
    const { error } = await stranger.auth.exchangeCodeForSession(code);
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('bad_code_verifier');
  });

  it('an unknown code is flow_state_not_found', async () => {
    const result = await postToken(emulator.url, 'pkce', {
      auth_code: '00000000-0000-4000-8000-000000000000',
      code_verifier: 'c'.repeat(64),
    });
    expect(result.status).toBe(404);
    expect(result.body.code).toBe('flow_state_not_found');
  });

  it('a code exchanged more than 300 seconds after /authorize is flow_state_expired', async () => {
    const { client, code } = await codeFor('slow@example.com');
    clock.advanceSeconds(301);
    try {
      const { error } = await client.auth.exchangeCodeForSession(code);
      expect(error?.status).toBe(422);
      expect(error?.code).toBe('flow_state_expired');
    } finally {
      clock.advanceSeconds(-301);
    }
  });

  it('an empty auth code or verifier is validation_failed', async () => {
    for (const body of [{ auth_code: '', code_verifier: 'x' }, { auth_code: 'x' }, {}]) {
      const result = await postToken(emulator.url, 'pkce', body);
      expect(result.status).toBe(400);
      expect(result.body.code).toBe('validation_failed');
    }
  });

  it('a body that is not JSON is bad_json, not a crash', async () => {
    const result = await postToken(emulator.url, 'pkce', 'auth_code=1&code_verifier=2');
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('bad_json');
    const typed = await postToken(emulator.url, 'pkce', { auth_code: 42, code_verifier: ['x'] });
    expect(typed.body.code).toBe('bad_json');
  });

  it('an unsupported grant type is invalid_credentials / unsupported_grant_type', async () => {
    const result = await postToken(emulator.url, 'password', { email: 'a@example.com', password: 'x' });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
  });
});

describe('what /authorize refuses', () => {
  async function authorize(query: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${emulator.url}/auth/v1/authorize?${query}`, { redirect: 'manual', headers });
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), body: text ? JSON.parse(text) : null };
  }

  const challenge = createHash('sha256').update('e'.repeat(64)).digest('base64url');

  it('a provider other than Google is validation_failed in the legacy shape', async () => {
    const github = await authorize(`provider=github&code_challenge=${challenge}&code_challenge_method=s256`);
    expect(github.status).toBe(400);
    expect(github.body).toEqual({
      code: 400,
      error_code: 'validation_failed',
      msg: 'Unsupported provider: provider is not enabled',
    });
    const unknown = await authorize('provider=myspace');
    expect(unknown.body.msg).toBe('Unsupported provider: Provider myspace could not be found');
    const missing = await authorize('');
    expect(missing.body.error_code).toBe('validation_failed');
  });

  it('half a PKCE pair, a short challenge, odd characters or an unknown method are validation_failed', async () => {
    for (const query of [
      `code_challenge=${challenge}`,
      'code_challenge_method=s256',
      'code_challenge=short&code_challenge_method=s256',
      `code_challenge=${challenge.slice(0, 42)}!&code_challenge_method=s256`,
      `code_challenge=${challenge}&code_challenge_method=s512`,
    ]) {
      const result = await authorize(`provider=google&${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body.error_code, query).toBe('validation_failed');
    }
  });

  it('accepts the challenge method in any case, and plain', async () => {
    for (const method of ['S256', 's256', 'plain', 'PLAIN']) {
      const result = await authorize(`provider=google&code_challenge=${challenge}&code_challenge_method=${method}`);
      expect(result.status, method).toBe(302);
    }
  });

  async function landingFor(redirectTo: string, headers: Record<string, string> = {}) {
    const query = `provider=google&redirect_to=${encodeURIComponent(redirectTo)}&code_challenge=${challenge}&code_challenge_method=s256`;
    const first = await authorize(query, headers);
    const callback = await submitSignInPage(new URL(first.location ?? '', emulator.url).toString(), {
      email: 'redirects@example.com',
    });
    return `${callback.origin}${callback.pathname}`;
  }

  it('a redirect_to outside the allow list falls back to the site URL', async () => {
    expect(await landingFor('https://evil.example/steal')).toBe('http://localhost:3000/');
  });

  it('a refused redirect_to falls back to an allowed Referer first', async () => {
    expect(await landingFor('https://evil.example/steal', { referer: 'http://localhost:3000/login' })).toBe(
      'http://localhost:3000/login',
    );
  });

  it('the site origin on any path, any loopback port, and allow-list globs are accepted', async () => {
    expect(await landingFor('http://localhost:3000/somewhere/else')).toBe('http://localhost:3000/somewhere/else');
    expect(await landingFor('http://localhost:4000/auth/callback')).toBe('http://localhost:4000/auth/callback');
    expect(await landingFor('http://127.0.0.1:9999/cb')).toBe('http://127.0.0.1:9999/cb');
    expect(await landingFor('https://pr-12.preview.example/auth/callback')).toBe(
      'https://pr-12.preview.example/auth/callback',
    );
    // `*` does not cross a dot, as in Supabase's globs.
    expect(await landingFor('https://a.b.preview.example/auth/callback')).toBe('http://localhost:3000/');
    expect(await landingFor('http://2130706433/')).toBe('http://localhost:3000/');
  });

  it('a tampered or unknown state on the sign-in form goes to the site URL with bad_oauth_state', async () => {
    for (const [state, code] of [
      ['', 'bad_oauth_callback'],
      ['not-a-uuid', 'bad_oauth_state'],
      ['00000000-0000-4000-8000-000000000000', 'bad_oauth_state'],
    ] as const) {
      const response = await fetch(`${emulator.url}/auth/v1/emulator/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ state, email: 'x@example.com' }),
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.origin).toBe('http://localhost:3000');
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_code')).toBe(code);
    }
  });

  it('a sign-in form cannot be replayed once it produced a code', async () => {
    const { authorizeUrl } = await startFlow();
    const page = await fetch(authorizeUrl);
    const state = new URL(page.url).searchParams.get('state') ?? '';
    const submit = () =>
      fetch(`${emulator.url}/auth/v1/emulator/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ state, email: 'replay@example.com' }),
        redirect: 'manual',
      });
    expect((await submit()).status).toBe(302);
    const replay = await submit();
    expect(replay.status).toBe(303);
    expect(new URL(replay.headers.get('location') ?? '').searchParams.get('error_code')).toBe('flow_state_already_used');
  });

  it('an invalid email on the form re-renders the page with a message instead of signing in', async () => {
    const { authorizeUrl } = await startFlow();
    const page = await fetch(authorizeUrl);
    const state = new URL(page.url).searchParams.get('state') ?? '';
    const response = await fetch(`${emulator.url}/auth/v1/emulator/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state, email: 'not an email', name: '<b>x</b>' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
