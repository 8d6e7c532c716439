import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createOrganization, invite, reviewPage, uniqueAccount, uniqueName } from './support/dashboard';
import { emailTo, linkIn } from './support/inbox';
import { signIn } from './support/sign-in';

// Whole stories with two browsers, screenshots and axe scans: longer than the default minute.
test.describe.configure({ timeout: 180_000 });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Organization' });

test('an owner sets up an organization and a member joins through the link with a member’s view', async ({ page, browser }, testInfo) => {
  const owner = uniqueAccount('owner', 'Olivia Owner');
  const member = uniqueAccount('member', 'Milo Member');
  const organizationName = uniqueName('Acme');

  await signIn(page, owner);
  await expect(page.getByRole('heading', { name: 'Welcome, Olivia Owner' })).toBeVisible();
  await page.getByLabel('Organization name').fill(organizationName);
  const expectedSlug = organizationName.toLowerCase().replace(' ', '-');
  await expect(page.getByText(`/dashboard/${expectedSlug}`, { exact: true })).toBeVisible();
  await reviewPage(page, testInfo, 'onboarding');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(`/dashboard/${expectedSlug}/projects`);
  const slug = expectedSlug;

  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await reviewPage(page, testInfo, 'projects-empty');

  // Create, with the name required next to the field.
  await page.getByRole('button', { name: 'Create your first project' }).click();
  const newProject = page.getByRole('dialog', { name: 'New project' });
  // Opened from the centred empty state, the form is still laid out from the start edge.
  await expect(newProject).toHaveCSS('text-align', 'start');
  // Blank passes the browser's `required`; the server's rule answers next to the field.
  await newProject.getByLabel('Name').fill('   ');
  await newProject.getByRole('button', { name: 'Create project' }).click();
  await expect(newProject.getByText('Name must not be empty.', { exact: true })).toBeVisible();
  await newProject.getByLabel('Name').fill('Website');
  await newProject.getByLabel('Description').fill('The marketing site');
  await newProject.getByRole('button', { name: 'Create project' }).click();
  await expect(newProject).toBeHidden();
  await expect(page.getByRole('status').getByText('Project “Website” created.')).toBeVisible();

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('dialog', { name: 'New project' }).getByLabel('Name').fill('API');
  await page.getByRole('dialog', { name: 'New project' }).getByRole('button', { name: 'Create project' }).click();
  const projects = page.getByRole('list', { name: 'Projects' });
  await expect(projects.getByRole('heading')).toHaveText(['API', 'Website']);

  // Edit, then delete with confirmation.
  await page.getByRole('button', { name: 'Edit API' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit project' });
  await expect(edit.getByLabel('Name')).toHaveValue('API');
  await edit.getByLabel('Name').fill('Public API');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(projects.getByRole('heading')).toHaveText(['Public API', 'Website']);
  await page.getByRole('button', { name: 'Delete Website' }).click();
  await page.getByRole('dialog', { name: 'Delete “Website”?' }).getByRole('button', { name: 'Delete project' }).click();
  await expect(projects.getByRole('heading')).toHaveText(['Public API']);
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('dialog', { name: 'New project' }).getByLabel('Name').fill('Mobile app');
  await page.getByRole('dialog', { name: 'New project' }).getByRole('button', { name: 'Create project' }).click();
  await expect(projects.getByRole('heading')).toHaveText(['Mobile app', 'Public API']);
  await reviewPage(page, testInfo, 'projects');

  // Invite the member; the link is shown once, the invitation stays listed.
  const link = await invite(page, slug, member.email);
  const pending = page.getByRole('region', { name: 'Pending invitations' });
  await expect(pending.getByRole('cell', { name: member.email, exact: true })).toBeVisible();
  await reviewPage(page, testInfo, 'members-owner');

  // The member gets the invitation by email, opens its link signed out, signs in from there and comes back to accept.
  const email = await emailTo(member.email, new RegExp(`invited you to ${organizationName}`));
  expect(email.subject).toBe(`Olivia Owner invited you to ${organizationName} on Tenantry`);
  const emailedLink = linkIn(email, `${new URL(link).origin}/invite/`);
  expect(emailedLink).toBe(link);
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(emailedLink);
  await expect(memberPage.getByRole('heading', { name: `Join ${organizationName}` })).toBeVisible();
  await expect(memberPage.getByText('Olivia Owner')).toBeVisible();
  await reviewPage(memberPage, testInfo, 'invite-signed-out');
  await memberPage.getByRole('link', { name: 'Sign in to accept' }).click();
  await expect(memberPage).toHaveURL(/\/login\?next=%2Finvite%2F/);
  await signIn(memberPage, member, { from: memberPage.url() });
  await expect(memberPage).toHaveURL(link);
  await memberPage.getByRole('button', { name: `Join ${organizationName}` }).click();
  await expect(memberPage.getByRole('status').getByText(`You joined ${organizationName}`)).toBeVisible();
  // Said once: the URL is tidied, so a reload does not say it again.
  await expect(memberPage).toHaveURL(`/dashboard/${slug}/projects`);
  await expect(memberPage.getByRole('list', { name: 'Projects' }).getByRole('heading')).toHaveText(['Mobile app', 'Public API']);

  // A member's view: no Settings or Audit log tabs, no member administration.
  await expect(nav(memberPage).getByRole('link')).toHaveText(['Projects', 'Notes', 'Members', 'Billing', 'Google Drive']);
  await nav(memberPage).getByRole('link', { name: 'Members' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(memberPage.getByRole('cell', { name: /Olivia Owner/ })).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'Leave' })).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
  await expect(memberPage.getByRole('button', { name: /Change role|Remove/ })).toHaveCount(0);
  await expect(memberPage.getByRole('region', { name: 'Pending invitations' })).toHaveCount(0);
  await reviewPage(memberPage, testInfo, 'members-member');

  // Typing the URLs: 403 inside the organization, 404 for one they are not in.
  const settings = await memberPage.goto(`/dashboard/${slug}/settings`);
  expect(settings?.status()).toBe(403);
  await expect(memberPage.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await reviewPage(memberPage, testInfo, 'forbidden');
  expect((await memberPage.goto(`/dashboard/${slug}/audit`))?.status()).toBe(403);
  const other = await memberPage.goto(`/dashboard/no-such-org-${Date.now()}/projects`);
  expect(other?.status()).toBe(404);
  await expect(memberPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  // The API agrees with the pages.
  expect((await memberPage.request.get(`/api/v1/orgs/${slug}/invitations`)).status()).toBe(403);

  // The owner sees the member joined, and the invitation is no longer pending.
  await page.reload();
  await expect(page.getByRole('cell', { name: /^Milo Member/ })).toBeVisible();
  await expect(page.getByText('No pending invitations.')).toBeVisible();
  await memberContext.close();
});

test('an owner promotes a member to admin, who can then invite, and removing them ends their access', async ({ page, browser }) => {
  const owner = uniqueAccount('owner', 'Pat Owner');
  const member = uniqueAccount('admin-to-be', 'Ravi Admin');
  await signIn(page, owner);
  const slug = await createOrganization(page, uniqueName('Globex'));
  await invite(page, slug, member.email);

  // The invitee signs in without the link: the dashboard offers invitations for their email.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await expect(memberPage.getByRole('heading', { name: 'Invitations for you' })).toBeVisible();
  await memberPage.getByRole('button', { name: /^Accept the invitation to Globex/ }).click();
  await expect(memberPage).toHaveURL(`/dashboard/${slug}/projects`);

  // As a member, Billing is read-only.
  await nav(memberPage).getByRole('link', { name: 'Billing' }).click();
  await expect(memberPage.getByText('Only owners and admins can change the plan or the payment details.')).toBeVisible();
  await expect(memberPage.getByRole('button', { name: /^Upgrade to/ })).toHaveCount(0);
  await nav(memberPage).getByRole('link', { name: 'Projects' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();

  // Promote.
  await page.reload();
  await page.getByRole('button', { name: 'Change role of Ravi Admin' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change the role of Ravi Admin' });
  // Opened from a right-aligned table cell, it does not inherit that alignment.
  await expect(roleDialog).toHaveCSS('text-align', 'start');
  await roleDialog.getByLabel('Role').selectOption('admin');
  const watch = await watchToastAndRow(page, { toastText: 'Ravi Admin is now an admin.', memberName: 'Ravi Admin', roleText: 'Admin' });
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('status').getByText('Ravi Admin is now an admin.')).toBeVisible();
  // The owner's own view: the confirmation first, then the table with the new role, never the other way round.
  await expect.poll(watch.order).toEqual(['toast', 'row']);

  // The admin's next click (no reload) brings the admin tabs and an admin's Billing page; an admin can invite but is not offered the owner role.
  await expect(nav(memberPage).getByRole('link')).toHaveText(['Projects', 'Notes', 'Members', 'Billing', 'Google Drive']);
  await nav(memberPage).getByRole('link', { name: 'Billing' }).click();
  await expect(nav(memberPage).getByRole('link')).toHaveText(['Projects', 'Notes', 'Members', 'Billing', 'Google Drive', 'Settings', 'API keys', 'Audit log']);
  await expect(memberPage.getByRole('button', { name: 'Upgrade to Pro' })).toBeVisible();
  await expect(memberPage.getByText('Only owners and admins can change the plan or the payment details.')).toHaveCount(0);
  await nav(memberPage).getByRole('link', { name: 'Members' }).click();
  await memberPage.getByRole('button', { name: 'Invite member' }).click();
  await expect(memberPage.getByRole('dialog', { name: 'Invite a member' }).getByRole('option')).toHaveText(['Member', 'Admin']);
  await memberPage.getByRole('button', { name: 'Cancel' }).click();
  const thirdEmail = uniqueAccount('third', 'Third Person').email;
  await invite(memberPage, slug, thirdEmail);
  await expect(memberPage.getByRole('cell', { name: thirdEmail, exact: true })).toBeVisible();
  // Admins do not manage owners.
  await expect(memberPage.getByRole('button', { name: 'Change role of Pat Owner' })).toHaveCount(0);

  // The owner removes them; their next navigation finds nothing.
  await page.getByRole('button', { name: 'Remove Ravi Admin' }).click();
  await page.getByRole('dialog', { name: 'Remove Ravi Admin?' }).getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('cell', { name: /Ravi Admin/ })).toHaveCount(0);

  await nav(memberPage).getByRole('link', { name: 'Projects' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await memberPage.goto('/dashboard');
  await expect(memberPage.getByRole('heading', { name: 'Welcome, Ravi Admin' })).toBeVisible();
  expect((await memberPage.goto(`/dashboard/${slug}/members`))?.status()).toBe(404);
  await memberContext.close();
});

test('settings: the last owner cannot leave, a slug change moves the URL and old links follow it, and deleting needs the typed name', async ({ page }, testInfo) => {
  const owner = uniqueAccount('solo', 'Sol Owner');
  const name = uniqueName('Initech');
  await signIn(page, owner);
  const slug = await createOrganization(page, name);

  // Last-owner rules: the controls are disabled, with the reason beside them (and the API refuses too).
  await nav(page).getByRole('link', { name: 'Members' }).click();
  const reason = 'You are the only owner. To leave or change your role, make someone else an owner first.';
  await expect(page.getByText(reason).filter({ visible: true })).toBeVisible();
  for (const control of [page.getByRole('button', { name: 'Leave' }), page.getByRole('button', { name: 'Change role of Sol Owner' })]) {
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(reason);
  }
  expect((await page.request.delete(`/api/v1/orgs/${slug}/members/${await myUserId(page)}`, { headers: { origin: new URL(page.url()).origin } })).status()).toBe(409);

  // The audit log is a paid feature: the page says so instead of failing.
  await nav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'The audit log needs a paid plan' })).toBeVisible();
  await expect(page.getByText(/shows who created, changed or deleted what/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'See plans and upgrade' })).toHaveAttribute('href', `/dashboard/${slug}/billing`);
  await reviewPage(page, testInfo, 'audit-log');

  // A taken slug is an error next to the field; a free one moves the organization.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await reviewPage(page, testInfo, 'settings');
  const slugField = page.getByLabel('URL');
  await slugField.fill('Not A Slug');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/must be 3 to 48 lowercase letters/)).toBeVisible();
  await expect(slugField).toHaveValue('Not A Slug');
  const newSlug = `${slug}-renamed`;
  await slugField.fill(newSlug);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(`/dashboard/${newSlug}/settings`);
  await expect(page.getByRole('status').getByText('Settings saved')).toBeVisible();
  // Links with the old slug keep working (for 30 days): same page, new address.
  await page.goto(`/dashboard/${slug}/members`);
  await expect(page).toHaveURL(`/dashboard/${newSlug}/members`);
  await page.goto(`/dashboard/${newSlug}/settings`);

  // Delete: the button works only once the name is typed.
  await page.getByRole('button', { name: 'Delete organization' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${name}?` });
  const deleteButton = confirm.getByRole('button', { name: 'Delete organization' });
  await expect(deleteButton).toBeDisabled();
  await confirm.getByRole('textbox').fill(name.toUpperCase());
  await expect(deleteButton).toBeDisabled();
  await confirm.getByRole('textbox').fill(name);
  await deleteButton.click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { name: 'Welcome, Sol Owner' })).toBeVisible();
  expect((await page.goto(`/dashboard/${newSlug}/projects`))?.status()).toBe(404);
  expect((await page.goto(`/dashboard/${slug}/projects`))?.status()).toBe(404);

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
  await expect(page.getByText(owner.email)).toBeVisible();
  await reviewPage(page, testInfo, 'account');
});

test('revoked, wrong-account and used invitation links say why', async ({ page, browser }, testInfo) => {
  const owner = uniqueAccount('owner', 'Quinn Owner');
  const invitee = uniqueAccount('invitee', 'Ines Invitee');
  const stranger = uniqueAccount('stranger', 'Stan Stranger');
  await signIn(page, owner);
  const slug = await createOrganization(page, uniqueName('Umbrella'));
  const revokedLink = await invite(page, slug, uniqueAccount('revoked', 'R').email);
  const link = await invite(page, slug, invitee.email);

  await page.getByRole('button', { name: /^Revoke the invitation for revoked-/ }).click();
  await page.getByRole('dialog', { name: 'Revoke this invitation?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByRole('button', { name: /^Revoke the invitation for revoked-/ })).toHaveCount(0);

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(revokedLink);
  await expect(visitorPage.getByRole('heading', { name: 'This invitation was revoked' })).toBeVisible();
  await expect(visitorPage.getByText('Quinn Owner cancelled it')).toBeVisible();
  await reviewPage(visitorPage, testInfo, 'invite-revoked');

  const invalid = await visitorPage.goto(`${new URL(link).origin}/invite/not-a-real-token-at-all-000000`);
  expect(invalid?.status()).toBe(404);
  await expect(visitorPage.getByRole('heading', { name: 'This invitation link does not work' })).toBeVisible();

  // Signed in as someone else: told whose it is, offered a switch that returns here.
  await visitorPage.goto(link);
  await visitorPage.getByRole('link', { name: 'Sign in to accept' }).click();
  await expect(visitorPage).toHaveURL(/\/login\?next=%2Finvite%2F/);
  await signIn(visitorPage, stranger, { from: visitorPage.url() });
  await expect(visitorPage.getByRole('heading', { name: 'This invitation is for another account' })).toBeVisible();
  await reviewPage(visitorPage, testInfo, 'invite-wrong-account');
  await visitorPage.getByRole('button', { name: 'Sign in with another account' }).click();
  await expect(visitorPage).toHaveURL(/\/login\?next=%2Finvite%2F/);
  await signIn(visitorPage, invitee, { from: visitorPage.url() });
  await expect(visitorPage).toHaveURL(link);
  await reviewPage(visitorPage, testInfo, 'invite-accept');
  await visitorPage.getByRole('button', { name: /^Join / }).click();
  await expect(visitorPage).toHaveURL(`/dashboard/${slug}/projects`);

  // The same link again: used.
  await visitorPage.goto(link);
  await expect(visitorPage.getByRole('heading', { name: 'This invitation was already used' })).toBeVisible();
  await visitor.close();
});

test('the plan’s limits are in view: New project is disabled at the limit, and a refused invitation links to Billing', async ({ page }, testInfo) => {
  await signIn(page, uniqueAccount('limits', 'Lim Its'));
  const slug = await createOrganization(page, uniqueName('Hooli'));
  await expect(page.getByText('0 of 3 projects on Free')).toBeVisible();
  for (const name of ['One', 'Two', 'Three']) {
    await page.getByRole('button', { name: /New project|Create your first project/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByText('3 of 3 projects on Free')).toBeVisible();
  const reason = 'The Free plan allows 3 projects. Upgrade on the Billing page, or delete a project, to create another.';
  await expect(page.getByRole('button', { name: 'New project' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'New project' })).toHaveAccessibleDescription(reason);
  await reviewPage(page, testInfo, 'projects-at-limit');
  await page.getByRole('link', { name: 'Upgrade' }).click();
  await expect(page).toHaveURL(`/dashboard/${slug}/billing`);

  // Seats: the owner and two pending invitations fill Free's three; the next invitation is refused with a way out.
  await page.goto(`/dashboard/${slug}/members`);
  await expect(page.getByText('1 of 3 seats on Free')).toBeVisible();
  await invite(page, slug, uniqueAccount('seat-a', 'A').email);
  await invite(page, slug, uniqueAccount('seat-b', 'B').email);
  await expect(page.getByText('3 of 3 seats on Free')).toBeVisible();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('Email').fill(uniqueAccount('seat-c', 'C').email);
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  await expect(dialog.getByRole('alert')).toContainText('plan allows 3 members');
  await dialog.getByRole('link', { name: 'Go to Billing' }).click();
  await expect(page).toHaveURL(`/dashboard/${slug}/billing`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

// Timing-sensitive under a loaded machine (the held response races the tabs'
// prefetches); one retry until the race is understood.
test.describe('navigation feedback', () => {
  test.describe.configure({ retries: 1 });
  test('a slow page shows a progress bar and its skeleton until it arrives', async ({ page }) => {
    await signIn(page, uniqueAccount('slow', 'Sloane Slow'));
    const slug = await createOrganization(page, uniqueName('Tortoise'));

    // Hold the navigation's server response (not prefetches) until the test lets it through.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/dashboard/${slug}/members?*`, async (route) => {
      const headers = route.request().headers();
      const isPrefetch = Object.keys(headers).some((name) => name.startsWith('next-router-prefetch') || name.startsWith('next-router-segment-prefetch'));
      if (headers.rsc && !isPrefetch) await held;
      await route.fallback();
    });
    // Let the tabs' prefetches (which bring the loading skeletons) finish first.
    await page.waitForLoadState('networkidle');
    await nav(page).getByRole('link', { name: 'Members' }).click();
    await expect(page.getByRole('progressbar', { name: 'Loading the page' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expect(page.getByText('Loading members…')).toBeAttached();

    release();
    await expect(page.getByRole('table', { name: /^Members of/ })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByText('Loading members…')).toHaveCount(0);
  });
});

/**
 * Starts noting, on every change of the page, when the toast saying
 * `toastText` first shows and when the members table first shows `roleText`
 * as the role of `memberName`; `order()` tells in which order they came.
 */
async function watchToastAndRow(page: Page, watched: { toastText: string; memberName: string; roleText: string }) {
  await page.evaluate(({ toastText, memberName, roleText }) => {
    const seen: string[] = [];
    (window as unknown as { toastAndRowOrder: string[] }).toastAndRowOrder = seen;
    const look = () => {
      const toast = document.querySelector('[aria-label="Notifications"]')?.textContent?.includes(toastText) ?? false;
      const row = [...document.querySelectorAll('table tr')].some(
        (tableRow) => tableRow.textContent?.includes(memberName) && tableRow.querySelector('td:nth-child(2)')?.textContent === roleText,
      );
      if (toast && !seen.includes('toast')) seen.push('toast');
      if (row && !seen.includes('row')) seen.push('row');
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, watched);
  return { order: () => page.evaluate(() => (window as unknown as { toastAndRowOrder: string[] }).toastAndRowOrder) };
}

async function myUserId(page: Page): Promise<string> {
  return (await (await page.request.get('/api/v1/me')).json()).user.id;
}

test('Resend emails a new invitation link and the old one stops working', async ({ page, browser }) => {
  const owner = uniqueAccount('owner', 'Rhea Resender');
  const invitee = uniqueAccount('invitee', 'Ivo Invitee');
  await signIn(page, owner);
  const organizationName = uniqueName('Resend');
  const slug = await createOrganization(page, organizationName);
  const oldLink = await invite(page, slug, invitee.email);
  const subject = new RegExp(`invited you to ${organizationName}`);
  const linkPrefix = `${new URL(oldLink).origin}/invite/`;
  expect(linkIn(await emailTo(invitee.email, subject), linkPrefix)).toBe(oldLink);

  await page.getByRole('button', { name: `Resend the invitation for ${invitee.email}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A new invitation is on its way' })).toBeVisible();

  // The newest invitation email carries a link of its own.
  let newLink = oldLink;
  await expect
    .poll(async () => (newLink = linkIn(await emailTo(invitee.email, subject), linkPrefix)), { timeout: 20_000 })
    .not.toBe(oldLink);

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(oldLink);
  await expect(visitorPage.getByRole('heading', { name: 'This invitation was revoked' })).toBeVisible();
  await visitorPage.goto(newLink);
  await expect(visitorPage.getByRole('heading', { name: `Join ${organizationName}` })).toBeVisible();
  await visitor.close();
});
