import { expect, type Page } from '@playwright/test';

export interface TestAccount {
  email: string;
  name: string;
}

export const ada: TestAccount = { email: 'ada@example.com', name: 'Ada Lovelace' };
export const grace: TestAccount = { email: 'grace@example.com', name: 'Grace Hopper' };

/**
 * Signs in the way a person does: "Continue with Google" on /login, then the
 * account on the auth emulator's stand-in for Google's account chooser.
 */
export async function signIn(page: Page, account: TestAccount, options: { from?: string } = {}) {
  await page.goto(options.from ?? '/login');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with Google (local emulator)' })).toBeVisible();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Full name').fill(account.name);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The value of the Supabase session cookie(s), joined across chunks. */
export async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies
    .filter((cookie) => /^sb-.+-auth-token(\.\d+)?$/.test(cookie.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((cookie) => cookie.value)
    .join('');
}
