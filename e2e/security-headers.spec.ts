import type { Page, Response } from '@playwright/test';
import { createOrganization, invite, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';
import { expect, test } from './support/test';

// Every spec that imports ./support/test also fails on a Content-Security-Policy
// violation in the console; this one walks every page on purpose and reads the headers.
test.describe.configure({ timeout: 180_000 });

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0]!, part.slice(part.indexOf(' ') + 1)] as [string, string]),
  );
}

function expectSecurityHeaders(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['strict-transport-security'], what).toMatch(/^max-age=\d{7,}/);
  return headers;
}

async function visitPage(page: Page, path: string, seenNonces: Set<string>) {
  const response = await page.goto(path);
  const headers = expectSecurityHeaders(response, path);
  const policy = directives(headers['content-security-policy'] ?? '');
  expect(policy.get('frame-ancestors'), path).toBe("'none'");
  expect(policy.get('object-src'), path).toBe("'none'");
  const scripts = policy.get('script-src') ?? '';
  expect(scripts, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts, path).toContain("'strict-dynamic'");
  expect(scripts, path).not.toContain('unsafe-eval');
  expect(scripts, path).not.toContain('unsafe-inline');
  const nonce = /'nonce-([^']+)'/.exec(scripts)![1]!;
  expect(seenNonces.has(nonce), `${path} reuses a nonce`).toBe(false);
  seenNonces.add(nonce);
  // Every script the server sent carries this response's nonce. Read from the HTML, not the DOM: the
  // chunks that Next's loader adds later (a link prefetching its page's code) need none under
  // 'strict-dynamic', so whether the DOM shows them depends on timing.
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length, path).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, path).toContain(`nonce="${nonce}"`);
  // Inline scripts can only run with it (the browser hides it from getAttribute, not from .nonce).
  const inlineNonces = await page.locator('script:not([src])').evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(new Set(inlineNonces), path).toEqual(new Set([nonce]));
}

test('every page sends the security headers and works under its Content-Security-Policy', async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/pricing', '/login', '/no-such-page']) await visitPage(page, path, nonces);

  // Signed in: the pages only work if their scripts ran (dialogs, forms, menus are client-side).
  const owner = uniqueAccount('csp-owner', 'Casey Policy');
  await signIn(page, owner);
  await expect(page).toHaveURL(/\/dashboard/);
  const slug = await createOrganization(page, uniqueName('Policy'));
  const link = await invite(page, slug, uniqueAccount('csp-invitee', 'Ivy').email);
  for (const path of [
    '/dashboard',
    `/dashboard/${slug}/projects`,
    `/dashboard/${slug}/members`,
    `/dashboard/${slug}/settings`,
    `/dashboard/${slug}/billing`,
    `/dashboard/${slug}/audit`,
    '/account',
    new URL(link).pathname,
  ]) {
    await visitPage(page, path, nonces);
  }
  await page.goto(`/dashboard/${slug}/projects`);
  await page.getByRole('button', { name: 'Create your first project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('Under policy');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('heading')).toHaveText(['Under policy']);
});

test('a page cannot be framed by another site', async ({ browser, baseURL }) => {
  // A context of its own: the violation this test provokes is the expected outcome here.
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
  await page.setContent(`<iframe title="framed" src="${baseURL}/login"></iframe>`);
  expect((await refused).text()).toContain("frame-ancestors 'none'");
  await context.close();
});

test('API answers carry the headers too, with a policy that allows nothing', async ({ request }) => {
  for (const path of ['/api/health', '/api/v1/me', '/api/openapi.json']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});
