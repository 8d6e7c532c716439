import { afterAll, beforeAll } from 'vitest';
import {
  startAuthEmulator,
  type AuthEmulator,
  type AuthEmulatorOptions,
  type AuthEmulatorTestHooks,
} from '../../scripts/auth-emulator/server';
import { LOCAL_PUBLISHABLE_KEY } from '../../scripts/auth-emulator/constants';

/** A clock the emulator reads instead of Date.now, so expiry tests move time rather than wait for it. */
export function createTestClock() {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advanceSeconds(seconds: number) {
      offsetMs += seconds * 1000;
    },
  };
}

/** Starts an in-memory emulator on a random port for the enclosing file or describe block. */
export function setupAuthEmulator(options: AuthEmulatorOptions = {}, hooks: AuthEmulatorTestHooks = {}) {
  const handle: { url: string } = { url: '' };
  let emulator: AuthEmulator | undefined;
  beforeAll(async () => {
    emulator = await startAuthEmulator({ port: 0, dataDir: null, ...options }, hooks);
    handle.url = emulator.url;
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return handle;
}

/** The headers auth-js sends on every call, for the few requests a test has to make by hand. */
export const CLIENT_HEADERS = {
  apikey: LOCAL_PUBLISHABLE_KEY,
  authorization: `Bearer ${LOCAL_PUBLISHABLE_KEY}`,
  'x-supabase-api-version': '2024-01-01',
  'content-type': 'application/json;charset=UTF-8',
};

export async function postToken(url: string, grantType: string, body: unknown, headers: Record<string, string> = CLIENT_HEADERS) {
  const response = await fetch(`${url}/auth/v1/token?grant_type=${grantType}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
