import { expect, test } from './support/test';
import { createOrganization, reviewPage, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';

test('notes, the second example resource: an empty state, a refused blank title keeps the body, a note added and deleted', async ({ page }, testInfo) => {
  const owner = uniqueAccount('notes', 'Nia Notes');
  await signIn(page, owner);
  await createOrganization(page, uniqueName('Noted'));

  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Notes' }).click();
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible();

  await page.getByLabel('Note', { exact: true }).fill('Bring the slides');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('must not be empty')).toBeVisible();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Bring the slides');

  await page.getByLabel('Title').fill('Launch review');
  await page.getByRole('button', { name: 'Add note' }).click();
  const list = page.getByRole('list', { name: 'Notes' });
  await expect(list.getByRole('heading', { name: 'Launch review' })).toBeVisible();
  await expect(list.getByText('Bring the slides')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('');
  await reviewPage(page, testInfo, 'notes');

  await list.getByRole('button', { name: 'Delete note “Launch review”' }).click();
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible();
});
