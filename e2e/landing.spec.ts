import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createOrganization, reviewPage } from './support/dashboard';
import { signIn } from './support/sign-in';
import { expect, test } from './support/test';

test('the landing page presents the product and a way to sign in', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Tenantry/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  await expect(page.getByRole('contentinfo')).toContainText('Tenantry');
  await reviewPage(page, testInfo, 'landing');
});

test('the landing page fits a 375 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('/api/health answers ok with a healthy database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('the first Tab offers a skip link that moves focus past the header to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next Tab continues inside <main>, not in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('the footer’s Status link opens a status page in words, with the JSON check one link away', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL('/status');
  await expect(page.getByRole('heading', { name: 'Status', level: 1 })).toBeVisible();
  await expect(page.getByText('Everything is working.')).toBeVisible();
  await expect(page.getByRole('link', { name: '/api/health' })).toHaveAttribute('href', '/api/health');
  await reviewPage(page, testInfo, 'status');
});

test('the landing page shows a real screenshot of the dashboard, in the reader’s theme', async ({ page }) => {
  await page.goto('/');
  const screenshot = page.getByRole('img', { name: /^The Projects page of an organization called Acme/ });
  await expect(screenshot).toHaveCount(1);
  await expect(screenshot).toHaveAttribute('src', /dashboard-light\.png/);
  await expect.poll(() => screenshot.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(screenshot).toHaveAttribute('src', /dashboard-dark\.png/);
  await expect.poll(() => screenshot.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
});

test('the theme follows the system until the reader picks one, which the next page is served in', async ({ page }) => {
  const html = page.locator('html');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto('/');
  const theme = page.getByRole('contentinfo').getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'system');
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);

  // Light is chosen against a dark system; the page changes at once, without a reload.
  await theme.getByRole('radio', { name: 'Light' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);

  // Remembered: the server renders the choice into the HTML, so the first paint is already right.
  const served = await page.request.get('/pricing');
  expect(await served.text()).toMatch(/<html[^>]* data-theme="light"/);
  await page.goto('/pricing');
  expect(await background()).toBe(light);
  await page.getByRole('contentinfo').getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  expect(await background()).toBe(dark);
  await expect(page.getByRole('contentinfo').getByRole('radio', { name: 'Dark' })).toBeChecked();

  // A cookie that is not a theme is the default.
  await page.context().addCookies([{ name: 'theme', value: 'purple', url: page.url() }]);
  expect(await (await page.request.get('/')).text()).toMatch(/<html[^>]* data-theme="system"/);
});

test('the pages carry a favicon, an app icon and the Inter font, all served by the app itself', async ({ page, request }) => {
  const fontFiles: string[] = [];
  page.on('response', (response) => {
    if (/\.woff2$/.test(response.url())) fontFiles.push(`${response.status()} ${new URL(response.url()).origin}`);
  });
  await page.goto('/');
  for (const [selector, type] of [
    ['link[rel="icon"][href*="favicon.ico"]', 'image/x-icon'],
    ['link[rel="icon"][href*="icon.svg"]', 'image/svg+xml'],
    ['link[rel="apple-touch-icon"]', 'image/png'],
  ] as const) {
    const href = await page.locator(selector).first().getAttribute('href');
    expect(href, selector).toBeTruthy();
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain(type);
  }
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family);
  });
  expect(loaded.some((family) => /inter/i.test(family))).toBe(true);
  expect(fontFiles).toEqual([`200 ${new URL(page.url()).origin}`]);
});

// Not part of the suite: regenerates the landing page's product screenshots in
// public/product/ from the real dashboard, on the e2e server.
test('product screenshot: the dashboard in light and dark for the landing page', async ({ page }) => {
  test.skip(!process.env.UPDATE_PRODUCT_SCREENSHOTS, 'set UPDATE_PRODUCT_SCREENSHOTS=1 to regenerate public/product/*.png');
  await signIn(page, { email: `olivia-${Date.now().toString(36)}@example.com`, name: 'Olivia Owner' });
  const slug = await createOrganization(page, 'Acme');
  for (const [name, description] of [
    ['Marketing site', 'The public website, its blog and the pricing page.'],
    ['Customer portal', 'Where Acme’s customers see their orders and invoices.'],
  ]) {
    await page.getByRole('button', { name: /New project|Create your first project/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name').fill(name!);
    await dialog.getByLabel('Description').fill(description!);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.setViewportSize({ width: 1280, height: 480 });
  // A fresh load: no toasts, no hover.
  await page.goto(`/dashboard/${slug}/projects`);
  await expect(page.getByText('2 of 3 projects on Free')).toBeVisible();
  await page.mouse.move(0, 479);
  mkdirSync(path.join('public', 'product'), { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join('public', 'product', `dashboard-${scheme}.png`), animations: 'disabled' });
  }
});
