import { reviewPage } from './support/dashboard';
import { expect, test } from './support/test';
import { startIsolatedApp, type IsolatedApp } from './support/isolated-app';
import { ada, sessionCookie, signIn } from './support/sign-in';

test('a signed-out visitor of /dashboard is sent to /login and back after signing in', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);

  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with Google (local emulator)' })).toBeVisible();
  await page.getByRole('button', { name: /Ada Lovelace/ }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('ada@example.com')).toBeVisible();
  await expect(page.locator('main img').first()).toHaveAttribute('src', /.+/);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();

  // The callback stored the profile from Google's metadata; the API reads it with the same cookie.
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
});

test('signing out ends the session and /dashboard redirects again', async ({ page }) => {
  await signIn(page, { email: 'sign-out@example.com', name: 'Sam Signout' });
  await expect(page.getByRole('heading', { name: 'Sam Signout' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out. Sign in again whenever you like.');
  expect(await sessionCookie(page)).toBe('');

  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test('cancelling on the Google page shows a readable message on /login', async ({ page }, testInfo) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page).toHaveURL(/\/login\?error=access_denied/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Sign-in was cancelled. Choose an account to continue.');
  await reviewPage(page, testInfo, 'login-cancelled');
});

test('a crafted next=https://evil.example lands on /dashboard, not on the other site', async ({ page }) => {
  await signIn(page, ada, { from: '/login?next=https%3A%2F%2Fevil.example' });
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
});

test('a next that only leaves the site after its dot segments are resolved lands on /dashboard through the callback', async ({ page }) => {
  await signIn(page, ada, { from: `/login?next=${encodeURIComponent('/.//evil.example')}` });
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
});

test('a signed-in visit to /login never redirects off the site, whatever next says', async ({ page }) => {
  await signIn(page, ada);
  await expect(page).toHaveURL(/\/dashboard/);
  const crafted = ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/./\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example'];
  for (const next of crafted) {
    const response = await page.request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    expect(response.headers().location, next).toBe('/dashboard');
  }
  // A path on the site is kept.
  const kept = await page.request.get(`/login?next=${encodeURIComponent('/dashboard/./somewhere')}`, { maxRedirects: 0 });
  expect(kept.headers().location).toBe('/dashboard/somewhere');
});

test('a callback without a code, or with a used one, ends on /login with a message, never a 500', async ({ page }) => {
  const missing = await page.goto('/auth/callback');
  expect(missing?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?error=missing_code/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('incomplete');

  await page.goto('/auth/callback?code=6f1c1d2e-0000-4000-8000-000000000000');
  await expect(page).toHaveURL(/\/login\?error=exchange_failed/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('expired or was already used');
});

test.describe('with access tokens that expire in seconds', () => {
  let app: IsolatedApp;
  test.beforeAll(async () => {
    app = await startIsolatedApp({ auth: { accessTokenLifetimeSeconds: 3 } });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('after expiry a navigation still works and proxy.ts has rotated the session cookie', async ({ page }) => {
    await page.goto(`${app.baseURL}/login`);
    await signIn(page, ada, { from: `${app.baseURL}/login` });
    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    const before = await sessionCookie(page);
    const expiresAt = (JSON.parse(Buffer.from(before.replace(/^base64-/, ''), 'base64url').toString()) as { expires_at: number }).expires_at;

    await page.waitForTimeout(Math.max(0, expiresAt * 1000 - Date.now()) + 1_000);
    await page.goto(`${app.baseURL}/dashboard`);

    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    const after = await sessionCookie(page);
    expect(after).not.toBe(before);
    const session = JSON.parse(Buffer.from(after.replace(/^base64-/, ''), 'base64url').toString()) as { expires_at: number };
    expect(session.expires_at * 1000).toBeGreaterThan(Date.now());
  });
});
