import { expect, test } from '@playwright/test';
import { createOrganization, invite, reviewPage, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';

test.describe.configure({ timeout: 180_000 });

test('a person deletes their account once no organization depends on them as its last owner', async ({ page, browser }, testInfo) => {
  const owner = uniqueAccount('leaving', 'Lee Leaving');
  const member = uniqueAccount('staying', 'Sid Staying');

  await signIn(page, owner);
  const slug = await createOrganization(page, uniqueName('Shared'));
  await invite(page, slug, member.email);
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await memberPage.getByRole('button', { name: /^Accept the invitation to Shared/ }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/dashboard/${slug}/`));

  // The last owner of an organization with a member is told why, with a link to fix it.
  await page.goto('/account');
  await expect(page.getByRole('button', { name: 'Delete account' })).toBeDisabled();
  await expect(page.getByText('You are the last owner of organizations that have other members.')).toBeVisible();
  await reviewPage(page, testInfo, 'account-deletion-blocked');

  // Handing the organization over lifts the block.
  await page.getByRole('link', { name: /Shared/ }).last().click();
  await expect(page).toHaveURL(`/dashboard/${slug}/members`);
  await page.getByRole('button', { name: 'Change role of Sid Staying' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change the role of Sid Staying' });
  await roleDialog.getByLabel('Role').selectOption('owner');
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('status').getByText('Sid Staying is now an owner.')).toBeVisible();

  await page.goto('/account');
  await page.getByRole('button', { name: 'Delete account' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete your account?' });
  const submit = confirm.getByRole('button', { name: 'Delete my account' });
  await expect(submit).toBeDisabled();
  await confirm.getByRole('textbox').fill(owner.email);
  await submit.click();
  await expect(page).toHaveURL('/login?account=deleted');
  await expect(page.getByRole('status').getByText('Your account was deleted.')).toBeVisible();

  // The organization stays with its new owner, without the one who left.
  await memberPage.goto(`/dashboard/${slug}/members`);
  await expect(memberPage.getByRole('row', { name: new RegExp(member.email) })).toBeVisible();
  await expect(memberPage.getByText(owner.email)).toHaveCount(0);
  await memberContext.close();
});
