import { expect, test, type Browser, type Page } from '@playwright/test';
import { createOrganization, invite, uniqueAccount, uniqueName } from './support/dashboard';
import { startIsolatedApp, type IsolatedApp } from './support/isolated-app';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';
import { signIn } from './support/sign-in';

// Stories whose setup the UI cannot reach in a test's lifetime (a week passing,
// a payment): an app of its own on a fresh PostgreSQL database, which the test
// arranges directly as the database's owner. Only in the 'postgres' project.
test.describe.configure({ timeout: 180_000 });

let database: ScratchDatabase;
let app: IsolatedApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createScratchDatabase(process.env.DATABASE_URL!);
  app = await startIsolatedApp({ env: { DATABASE_URL: database.url } });
});

test.afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

/** A browser of its own on the isolated app: the config's baseURL is the shared server. */
async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.baseURL });
  return context.newPage();
}

test('an invitation left for more than its lifetime shows the invitee why it expired, and the owner sees it expired', async ({ browser }) => {
  const owner = uniqueAccount('owner', 'Esme Owner');
  const invitee = uniqueAccount('late', 'Leo Late');
  const organizationName = uniqueName('Stark');

  const ownerPage = await openPage(browser);
  await signIn(ownerPage, owner);
  const slug = await createOrganization(ownerPage, organizationName);
  const link = await invite(ownerPage, slug, invitee.email);

  // A week passing, compressed into one update.
  const expired = await database.sql`
    update invitations set expires_at = now() - interval '1 minute'
    where lower(email) = lower(${invitee.email}) and accepted_at is null and revoked_at is null`;
  expect(expired.count).toBe(1);

  // Signed in as the invited address: the dashboard no longer offers it, and the link says why.
  const inviteePage = await openPage(browser);
  await signIn(inviteePage, invitee);
  await expect(inviteePage.getByRole('heading', { name: 'Welcome, Leo Late' })).toBeVisible();
  await expect(inviteePage.getByRole('heading', { name: 'Invitations for you' })).toHaveCount(0);
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole('heading', { name: 'This invitation has expired' })).toBeVisible();
  await expect(inviteePage.getByText('Invitation links work for 7 days.')).toBeVisible();
  await expect(inviteePage.getByText(`Ask Esme Owner for a new invitation to ${organizationName}.`)).toBeVisible();
  await expect(inviteePage.getByRole('button', { name: /Join|Accept/ })).toHaveCount(0);
  await expect(inviteePage.getByRole('link', { name: 'Go to your dashboard' })).toBeVisible();

  // The owner sees it marked expired, still there to revoke and invite again.
  await ownerPage.goto(`/dashboard/${slug}/members`);
  const invitation = ownerPage.getByRole('region', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: invitee.email });
  await expect(invitation.getByText('Expired', { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(invitation.getByRole('button', { name: `Revoke the invitation for ${invitee.email}` })).toBeVisible();

  await ownerPage.context().close();
  await inviteePage.context().close();
});

test('an organization on a paid plan pages through its projects, ten at a time, newest first', async ({ browser }) => {
  const page = await openPage(browser);
  await signIn(page, uniqueAccount('paid', 'Paige Paid'));
  const slug = await createOrganization(page, uniqueName('Wayne'));

  // What a completed Checkout leaves behind once the Stripe sync has run.
  const customerId = `cus_e2e_${slug}`;
  const [organization] = await database.sql<{ id: string }[]>`
    update organizations set stripe_customer_id = ${customerId} where slug = ${slug} returning id`;
  await database.sql`
    insert into subscriptions (id, organization_id, stripe_customer_id, status, plan, interval, price_lookup_key, current_period_end, stripe_created_at)
    values (${`sub_e2e_${slug}`}, ${organization!.id}, ${customerId}, 'active', 'business', 'month', 'business_monthly', now() + interval '30 days', now())`;

  // More than the free plan's 3 and the page's 10; created one after another so "newest" is well defined.
  const names = Array.from({ length: 25 }, (_, index) => `Project ${String(index + 1).padStart(2, '0')}`);
  for (const name of names) {
    const response = await page.request.post(`/api/v1/orgs/${slug}/projects`, { data: { name }, headers: { origin: app.baseURL } });
    expect(response.status(), await response.text()).toBe(201);
  }
  const newestFirst = [...names].reverse();

  await page.goto(`/dashboard/${slug}/projects`);
  const projects = page.getByRole('list', { name: 'Projects' }).getByRole('heading');
  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await expect(projects).toHaveText(newestFirst.slice(0, 10));
  // On the newest page "Newer" is shown but not a link.
  await expect(pagination.getByRole('link', { name: /Newer/ })).toHaveCount(0);

  await pagination.getByRole('link', { name: /Older/ }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(projects).toHaveText(newestFirst.slice(10, 20));

  await pagination.getByRole('link', { name: /Older/ }).click();
  await expect(projects).toHaveText(newestFirst.slice(20));
  await expect(projects).toHaveCount(5);
  await expect(pagination.getByRole('link', { name: /Older/ })).toHaveCount(0);

  await pagination.getByRole('link', { name: /Newer/ }).click();
  await expect(page).toHaveURL(`/dashboard/${slug}/projects`);
  await expect(projects).toHaveText(newestFirst.slice(0, 10));

  await page.context().close();
});
