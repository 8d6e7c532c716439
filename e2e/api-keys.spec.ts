import { expect, test } from './support/test';
import { createOrganization, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';

test('an admin creates an API key, copies it once, a script calls the API with it, and after revoking it the next call is 401', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const owner = uniqueAccount('keys', 'Kim Keys');
  await signIn(page, owner);
  const slug = await createOrganization(page, uniqueName('Keyed'));

  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Create API key' }).click();
  const form = page.getByRole('dialog', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('CI deploys');
  await form.getByLabel('Role').selectOption('admin');
  await form.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByRole('dialog', { name: 'API key created' });
  const shown = await created.getByLabel('API key').inputValue();
  expect(shown).toMatch(/^tnt_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
  await created.getByRole('button', { name: 'Copy key' }).click();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();

  // Shown once: the list names the key by its public prefix only.
  const table = page.getByRole('table', { name: /API keys of/ });
  await expect(table.getByText('CI deploys')).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);

  // A script, with no cookies: `request` is a context of its own.
  const headers = { authorization: `Bearer ${key}` };
  const made = await request.post(`/api/v1/orgs/${slug}/projects`, { headers, data: { name: 'Made by CI' } });
  expect(made.status()).toBe(201);
  const listed = await request.get(`/api/v1/orgs/${slug}/projects`, { headers });
  expect((await listed.json()).data.map((project: { name: string }) => project.name)).toEqual(['Made by CI']);

  await page.reload();
  await table.getByRole('button', { name: 'Revoke the API key CI deploys' }).click();
  await page.getByRole('dialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
  await expect(table.getByText('Revoked')).toBeVisible();

  const refused = await request.get(`/api/v1/orgs/${slug}/projects`, { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthorized');
});
