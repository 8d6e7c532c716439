import { describe, expect, it } from 'vitest';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';
import { CLIENT_HEADERS, postToken, setupAuthEmulator } from './fixtures';

const emulator = setupAuthEmulator();

describe('error shapes', () => {
  it('with X-Supabase-Api-Version the body is { code, message } and the version is echoed', async () => {
    const result = await postToken(emulator.url, 'refresh_token', { refresh_token: 'abcdefghijkl' });
    expect(result.body).toEqual({ code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' });
    expect(result.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(result.headers.get('x-sb-error-code')).toBe('refresh_token_not_found');
  });

  it('without it the body is the legacy { code: status, error_code, msg } and nothing is echoed', async () => {
    const result = await postToken(
      emulator.url,
      'refresh_token',
      { refresh_token: 'abcdefghijkl' },
      { 'content-type': 'application/json', apikey: LOCAL_PUBLISHABLE_KEY },
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: 400,
      error_code: 'refresh_token_not_found',
      msg: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    expect(result.headers.get('x-supabase-api-version')).toBeNull();
    expect(result.headers.get('x-sb-error-code')).toBe('refresh_token_not_found');
  });

  it('an unknown path is a JSON 404, not a crash', async () => {
    const response = await fetch(`${emulator.url}/auth/v1/nope`, { headers: CLIENT_HEADERS });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'not_found', message: 'Not Found' });
    const outside = await fetch(`${emulator.url}/rest/v1/profiles`);
    expect(outside.status).toBe(404);
  });

  it('garbage input of every kind leaves the server answering', async () => {
    const attempts: [string, RequestInit][] = [
      ['/auth/v1/token?grant_type=pkce', { method: 'POST', body: '{"auth_code":' }],
      ['/auth/v1/token?grant_type=pkce', { method: 'POST', body: '[1,2]' }],
      ['/auth/v1/token?grant_type=refresh_token', { method: 'POST', body: 'null' }],
      ['/auth/v1/token?grant_type=refresh_token', { method: 'POST', body: '"string"' }],
      ['/auth/v1/token?grant_type=refresh_token', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }],
      ['/auth/v1/authorize?provider=google&redirect_to=%E0%A4%A', {}],
      ['/auth/v1/emulator/sign-in?state=%00', {}],
      ['/auth/v1/emulator/sign-in', { method: 'POST', body: '%%%' }],
      ['/auth/v1/user', { headers: { authorization: 'Bearer ....' } }],
      ['/auth/v1/emulator/avatar/00000000-0000-4000-8000-000000000000.svg', {}],
    ];
    for (const [path, init] of attempts) {
      const response = await fetch(`${emulator.url}${path}`, { redirect: 'manual', ...init });
      expect(response.status, path).toBeLessThan(500);
      await response.arrayBuffer();
    }
    expect((await fetch(`${emulator.url}/auth/v1/health`, { headers: { apikey: CLIENT_HEADERS.apikey } })).status).toBe(200);
  });
});

describe('CORS for browser clients', () => {
  it('answers a preflight from the app origin with the headers auth-js sends', async () => {
    const response = await fetch(`${emulator.url}/auth/v1/token?grant_type=pkce`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey,authorization,content-type,x-client-info,x-supabase-api-version',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['apikey', 'authorization', 'content-type', 'x-client-info', 'x-supabase-api-version']) {
      expect(allowed).toContain(header);
    }
  });

  it('exposes the API version header on actual responses', async () => {
    const response = await fetch(`${emulator.url}/auth/v1/user`, { headers: { ...CLIENT_HEADERS, origin: 'http://localhost:3000' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Supabase-Api-Version');
  });
});

describe('discovery endpoints', () => {
  it('GET /health names GoTrue', async () => {
    const body = await (await fetch(`${emulator.url}/auth/v1/health`, { headers: { apikey: CLIENT_HEADERS.apikey } })).json();
    expect(body).toEqual({
      version: expect.any(String),
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    });
  });

  it('GET /settings reports Google as the only enabled provider', async () => {
    const body = (await (await fetch(`${emulator.url}/auth/v1/settings`, { headers: { apikey: CLIENT_HEADERS.apikey } })).json()) as {
      external: Record<string, boolean>;
      disable_signup: boolean;
    };
    expect(body.external.google).toBe(true);
    expect(Object.entries(body.external).filter(([, enabled]) => enabled)).toEqual([['google', true]]);
    expect(body.disable_signup).toBe(false);
  });
});
