import { expect, test, type Page } from '@playwright/test';
import { AUTH_EMULATOR_SECRET_KEY } from '../lib/local-stand-ins';
import { createOrganization, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn, type TestAccount } from './support/sign-in';

test.describe.configure({ timeout: 180_000 });

/** Set when the story moves the shared emulator's clock; afterEach puts it back for the specs that follow. */
let movedClockAt: string | null = null;

async function setEmulatorClock(emulatorOrigin: string, body: { advance_seconds: number } | { reset: true }) {
  return fetch(`${emulatorOrigin}/auth/v1/emulator/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AUTH_EMULATOR_SECRET_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

test.afterEach(async () => {
  if (!movedClockAt) return;
  const origin = movedClockAt;
  movedClockAt = null;
  // Runs whether the story passed or failed: later specs sign in against the same emulator.
  expect((await setEmulatorClock(origin, { reset: true })).status).toBe(200);
});

/** The emulator's account chooser, reached from a Connect button; returns the emulator's origin. */
async function chooseAccount(page: Page, account: TestAccount): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Sign in with Google (local emulator)' })).toBeVisible();
  const emulatorOrigin = new URL(page.url()).origin;
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Full name').fill(account.name);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  return emulatorOrigin;
}

test('a person connects Google Drive with offline access, stays connected past expiry, and is asked to reconnect once access is removed', async ({ page }) => {
  const account = uniqueAccount('drive', 'Dee Drive');
  await signIn(page, account);
  const slug = await createOrganization(page, uniqueName('Drive'));

  await page.getByRole('link', { name: 'Google Drive' }).click();
  await expect(page).toHaveURL(`/dashboard/${slug}/google-drive`);
  await page.getByRole('button', { name: 'Connect Google Drive' }).click();
  const emulatorOrigin = await chooseAccount(page, account);
  await expect(page).toHaveURL(`/dashboard/${slug}/google-drive`);
  await expect(page.getByRole('cell', { name: 'Quarterly plan' })).toBeVisible();

  await page.goto('/account');
  await expect(page.getByText(/^Google connected \(.*drive\.metadata\.readonly/)).toBeVisible();

  // An hour and more later by Google's clock: the stored access token has expired there.
  movedClockAt = emulatorOrigin;
  expect((await setEmulatorClock(emulatorOrigin, { advance_seconds: 3700 })).status).toBe(200);
  await page.goto(`/dashboard/${slug}/google-drive`);
  await expect(page.getByRole('cell', { name: 'Quarterly plan' })).toBeVisible();

  // The person removes the app's access in their Google account.
  await page.goto(`${emulatorOrigin}/auth/v1/emulator/google/account?email=${encodeURIComponent(account.email)}`);
  const remove = page.getByRole('button', { name: 'Remove access' });
  while ((await remove.count()) > 0) await remove.first().click();
  await expect(page.getByText('No app has access to this account.')).toBeVisible();

  await page.goto(`/dashboard/${slug}/google-drive`);
  await expect(page.getByRole('heading', { name: 'Google access was removed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reconnect Google Drive' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Quarterly plan' })).toHaveCount(0);

  // Disconnect on /account forgets the connection; the page then offers to connect.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Disconnect Google' }).click();
  await expect(page.getByText('Not connected: nothing here can call Google on your behalf.')).toBeVisible();
  await page.goto(`/dashboard/${slug}/google-drive`);
  await expect(page.getByRole('button', { name: 'Connect Google Drive' })).toBeVisible();
});
