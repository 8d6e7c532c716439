import { describe, expect, it } from 'vitest';
import { createEmulatorClient, createMemoryStorage, signInWithEmulator } from '../support/auth-emulator';
import { CLIENT_HEADERS, postToken, setupAuthEmulator } from './fixtures';

const emulator = setupAuthEmulator();

/** Three devices of one person, each with its own session; a client that holds device A's session. */
async function threeDevices(email: string) {
  const devices = [];
  for (let index = 0; index < 3; index++) devices.push(await signInWithEmulator(emulator.url, { email }));
  const storage = createMemoryStorage();
  const client = createEmulatorClient(emulator.url, storage);
  const [deviceA] = devices;
  if (!deviceA) throw new Error('no device');
  await client.auth.setSession({ access_token: deviceA.accessToken, refresh_token: deviceA.refreshToken });
  return { devices, client, storage };
}

async function userStatus(accessToken: string) {
  const response = await fetch(`${emulator.url}/auth/v1/user`, {
    headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

describe('signing out', () => {
  it('signOut() defaults to global and ends every session of the user', async () => {
    const { devices, client } = await threeDevices('global@example.com');
    const { error } = await client.auth.signOut();
    expect(error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();
    for (const device of devices) {
      expect(await userStatus(device.accessToken)).toBe(403);
      const refreshed = await postToken(emulator.url, 'refresh_token', { refresh_token: device.refreshToken });
      expect(refreshed.body.code).toBe('refresh_token_not_found');
    }
  });

  it("scope 'local' ends only this device's session", async () => {
    const { devices, client } = await threeDevices('local@example.com');
    const { error } = await client.auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    const statuses = await Promise.all(devices.map((device) => userStatus(device.accessToken)));
    expect(statuses).toEqual([403, 200, 200]);
  });

  it("scope 'others' ends every other session and keeps this one", async () => {
    const { devices, client } = await threeDevices('others@example.com');
    const { error } = await client.auth.signOut({ scope: 'others' });
    expect(error).toBeNull();
    const statuses = await Promise.all(devices.map((device) => userStatus(device.accessToken)));
    expect(statuses).toEqual([200, 403, 403]);
    expect((await client.auth.getSession()).data.session).not.toBeNull();
  });

  it("signing out one person's sessions leaves another person's alone", async () => {
    const bystander = await signInWithEmulator(emulator.url, { email: 'bystander@example.com' });
    const { client } = await threeDevices('leaver@example.com');
    await client.auth.signOut();
    expect(await userStatus(bystander.accessToken)).toBe(200);
  });

  it('logout answers 204 with no body', async () => {
    const { accessToken } = await signInWithEmulator(emulator.url, { email: 'no-body@example.com' });
    const response = await fetch(`${emulator.url}/auth/v1/logout?scope=global`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('an unknown scope is validation_failed and signs nobody out', async () => {
    const { accessToken } = await signInWithEmulator(emulator.url, { email: 'scope@example.com' });
    const response = await fetch(`${emulator.url}/auth/v1/logout?scope=everywhere`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('validation_failed');
    expect(await userStatus(accessToken)).toBe(200);
  });

  it('logout without a bearer token is 401 no_authorization', async () => {
    const response = await fetch(`${emulator.url}/auth/v1/logout`, { method: 'POST', headers: { ...CLIENT_HEADERS, authorization: '' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('no_authorization');
  });

  it('signing out twice is harmless for supabase-js: the 403 is ignored and the local session cleared', async () => {
    const { client } = await threeDevices('twice@example.com');
    const session = (await client.auth.getSession()).data.session;
    await fetch(`${emulator.url}/auth/v1/logout`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, authorization: `Bearer ${session?.access_token}` },
    });
    const { error } = await client.auth.signOut();
    expect(error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();
  });
});
