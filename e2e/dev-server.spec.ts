import { expect, test, type Page } from '@playwright/test';
import { startDevApp, type DevApp } from './support/dev-app';
import { uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';

// One short story against `next dev` (the README's first command), where React
// runs effects twice: every dialog opens, closes and submits. The full stories
// run against the production build in the other specs.
test.describe.configure({ timeout: 300_000 });

let app: DevApp;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  app = await startDevApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Organization' });

test('under next dev, every dialog of the dashboard opens, closes and submits', async ({ page, browser }) => {
  const owner = uniqueAccount('dev-owner', 'Dana Developer');
  const member = uniqueAccount('dev-member', 'Mo Member');
  const organizationName = uniqueName('Devco');

  await signIn(page, owner);
  await page.getByLabel('Organization name').fill(organizationName);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/dashboard\/[a-z0-9-]+\/projects$/);
  const slug = new URL(page.url()).pathname.split('/')[2]!;

  // Opens; Escape closes it; it opens again.
  await page.getByRole('button', { name: 'Create your first project' }).click();
  const newProject = page.getByRole('dialog', { name: 'New project' });
  await expect(newProject).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(newProject).toBeHidden();
  await page.getByRole('button', { name: 'Create your first project' }).click();
  await expect(newProject).toBeVisible();
  await newProject.getByRole('button', { name: 'Cancel' }).click();
  await expect(newProject).toBeHidden();
  await page.getByRole('button', { name: 'Create your first project' }).click();
  await newProject.getByLabel('Name').fill('Website');
  await newProject.getByRole('button', { name: 'Create project' }).click();
  await expect(newProject).toBeHidden();
  const projects = page.getByRole('list', { name: 'Projects' });
  await expect(projects.getByRole('heading')).toHaveText(['Website']);

  await page.getByRole('button', { name: 'Edit Website' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit project' });
  await edit.getByLabel('Name').fill('Web site');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(projects.getByRole('heading')).toHaveText(['Web site']);
  await page.getByRole('button', { name: 'Delete Web site' }).click();
  await page.getByRole('dialog', { name: 'Delete “Web site”?' }).getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();

  // Invite, accept in a second browser, change the role, remove; invite and revoke.
  await nav(page).getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const inviteDialog = page.getByRole('dialog', { name: 'Invite a member' });
  await inviteDialog.getByLabel('Email').fill(member.email);
  await inviteDialog.getByRole('button', { name: 'Create invitation' }).click();
  const created = page.getByRole('dialog', { name: 'Invitation created' });
  const link = await created.getByLabel('Invitation link').inputValue();
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member, { from: `/login?next=${encodeURIComponent(new URL(link).pathname)}` });
  await memberPage.getByRole('button', { name: `Join ${organizationName}` }).click();
  await expect(memberPage).toHaveURL(`/dashboard/${slug}/projects`);
  await memberContext.close();

  await page.reload();
  await page.getByRole('button', { name: 'Change role of Mo Member' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change the role of Mo Member' });
  await roleDialog.getByLabel('Role').selectOption('admin');
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(page.getByRole('status').getByText('Mo Member is now an admin.')).toBeVisible();
  await page.getByRole('button', { name: 'Remove Mo Member' }).click();
  await page.getByRole('dialog', { name: 'Remove Mo Member?' }).getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('cell', { name: /Mo Member/ })).toHaveCount(0);

  const revokedEmail = uniqueAccount('dev-revoked', 'R').email;
  await page.getByRole('button', { name: 'Invite member' }).click();
  await inviteDialog.getByLabel('Email').fill(revokedEmail);
  await inviteDialog.getByRole('button', { name: 'Create invitation' }).click();
  await created.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: `Revoke the invitation for ${revokedEmail}` }).click();
  await page.getByRole('dialog', { name: 'Revoke this invitation?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByText('No pending invitations.')).toBeVisible();

  // Delete the organization, then sign out.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Delete organization' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${organizationName}?` });
  await confirm.getByRole('textbox').fill(organizationName);
  await confirm.getByRole('button', { name: 'Delete organization' }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { name: 'Welcome, Dana Developer' })).toBeVisible();

  const header = page.getByRole('banner');
  await header.getByRole('button', { name: /^Account menu for/ }).click();
  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out$/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});
