import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_STRIPE_STAND_IN_PORT } from '../lib/local-stand-ins';
import { reviewPage, uniqueAccount, uniqueName } from './support/dashboard';
import { signIn } from './support/sign-in';
import { expect, test } from './support/test';

// The Stripe stand-in scripts/e2e-server.ts starts, on a known port so this file can move its clock.
const STAND_IN = `http://127.0.0.1:${process.env.E2E_STRIPE_PORT ?? E2E_STRIPE_STAND_IN_PORT}`;
const THIRTY_FIVE_DAYS = 35 * 24 * 60 * 60;

// A whole subscription's life, with two hosted pages and a month of stand-in time.
test.describe.configure({ timeout: 240_000 });

/** The billing page's way of writing a date, so the test can look for the one the API returns. */
const pageDate = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** The API, with the page's session cookie; mutations carry the same-origin Origin the CSRF check wants. */
function api(request: APIRequestContext, baseURL: string) {
  return {
    get: (path: string) => request.get(path),
    post: (path: string, data: unknown) => request.post(path, { data, headers: { origin: baseURL } }),
  };
}

async function fillCard(page: Page, card: string) {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
}

test('the pricing page shows every plan with monthly and yearly prices and a way in', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).click();
  await expect(page).toHaveURL('/pricing');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const name of ['Free', 'Pro', 'Business']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
  const pro = page.getByRole('region', { name: 'Pro', exact: true });
  await expect(pro).toContainText('$19');
  await expect(pro).toContainText('Up to 25 projects');
  await expect(page.getByRole('region', { name: 'Free', exact: true })).toContainText('Up to 3 projects');

  await page.getByRole('link', { name: 'Yearly' }).click();
  await expect(page).toHaveURL('/pricing?interval=year');
  await expect(page.getByRole('link', { name: 'Yearly' })).toHaveAttribute('aria-current', 'true');
  await expect(pro).toContainText('$190');
  await expect(pro.getByRole('link', { name: 'Get started' })).toHaveAttribute('href', '/login?next=/dashboard');
  await reviewPage(page, testInfo, 'pricing');
});

test('an owner upgrades to Pro through Checkout, cancels and resumes in the portal, and is back on Free after the period', async ({
  page,
  baseURL,
}, testInfo) => {
  const owner = uniqueAccount('billing-owner', 'Bea Billing');
  await signIn(page, owner);
  await expect(page.getByRole('heading', { name: 'Welcome, Bea Billing' })).toBeVisible();
  const client = api(page.request, baseURL!);

  const created = await client.post('/api/v1/orgs', { name: uniqueName('Paying') });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };
  for (const name of ['One', 'Two', 'Three']) {
    expect((await client.post(`/api/v1/orgs/${slug}/projects`, { name })).status()).toBe(201);
  }
  // Free allows three projects: the fourth is refused, naming the plan that lifts the limit.
  const fourth = await client.post(`/api/v1/orgs/${slug}/projects`, { name: 'Four' });
  expect(fourth.status()).toBe(402);
  expect((await fourth.json()).error).toMatchObject({ code: 'plan_limit', message: expect.stringContaining('Pro') });

  const billingPath = `/dashboard/${slug}/billing`;
  await page.goto(billingPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  const currentPlan = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Current plan', exact: true }) });
  await expect(currentPlan).toContainText('Free');
  const projectsBar = page.getByRole('progressbar', { name: 'Projects' });
  await expect(projectsBar).toHaveAttribute('aria-valuenow', '3');
  await expect(projectsBar).toHaveAttribute('aria-valuemax', '3');
  await expect(page.getByRole('progressbar', { name: 'Members' })).toHaveAttribute('aria-valuenow', '1');
  await reviewPage(page, testInfo, 'billing-free');

  // Checkout: a declined card first, then one that pays.
  await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page).toHaveURL(new RegExp(`^${STAND_IN}/checkout/cs_`));
  await expect(page.getByRole('list', { name: 'Order summary' })).toContainText('Pro');
  // Prefilled: the organization's Stripe customer carries its owner's email.
  await expect(page.getByLabel('Email')).toHaveValue(owner.email);
  await page.getByLabel('Name on card').fill(owner.name);
  await fillCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  expect((await (await client.get(`/api/v1/orgs/${slug}/billing`)).json()).plan.id).toBe('free');
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Subscribe' }).click();

  // Back on the billing page, which read the new subscription from Stripe before rendering.
  await expect(page.getByRole('region', { name: 'Thank you!' })).toContainText('now on the Pro plan');
  // The return address is spent once shown: a reload does not thank again.
  await expect(page).toHaveURL(billingPath);
  await page.reload();
  await expect(currentPlan).toContainText('Pro');
  await expect(currentPlan).toContainText('Active');
  await expect(page.getByRole('region', { name: 'Thank you!' })).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Projects' })).toHaveAttribute('aria-valuemax', '25');
  await reviewPage(page, testInfo, 'billing-pro');

  expect((await client.post(`/api/v1/orgs/${slug}/projects`, { name: 'Four' })).status()).toBe(201);
  // The webhook arrives too, and agrees.
  await expect.poll(async () => (await (await client.get(`/api/v1/orgs/${slug}/billing`)).json()).plan.id).toBe('pro');

  // The portal: cancel at the end of the period, then back to the app.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await expect(page).toHaveURL(new RegExp(`^${STAND_IN}/billing-portal/bps_`));
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.getByRole('status')).toHaveText('Your subscription will be canceled at the end of the billing period.');
  await page.getByRole('link', { name: 'Return to the app' }).click();
  await expect(page).toHaveURL(billingPath);

  // The cancellation comes by webhook: reload until the page knows.
  const cancelled = page.getByRole('region', { name: 'Subscription cancelled' });
  await expect(async () => {
    await page.reload();
    await expect(cancelled).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const overview = await (await client.get(`/api/v1/orgs/${slug}/billing`)).json();
  expect(overview.subscription).toMatchObject({ status: 'active', cancel_at_period_end: true });
  const endsOn = pageDate(overview.subscription.cancel_at ?? overview.subscription.current_period_end);
  await expect(cancelled).toContainText(`ends on ${endsOn}`);
  await expect(currentPlan.getByText(endsOn)).toBeVisible();
  await reviewPage(page, testInfo, 'billing-cancelling');

  // Changing one's mind: resume in the portal, and the banner goes away.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.getByRole('button', { name: 'Resume subscription' }).click();
  await expect(page.getByRole('status')).toHaveText('Your subscription will continue.');
  await page.getByRole('link', { name: 'Return to the app' }).click();
  await expect(async () => {
    await page.reload();
    await expect(cancelled).toBeHidden({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  expect((await (await client.get(`/api/v1/orgs/${slug}/billing`)).json()).subscription).toMatchObject({ cancel_at_period_end: false });

  // And cancel again, for good this time.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await page.getByRole('link', { name: 'Return to the app' }).click();
  await expect(async () => {
    await page.reload();
    await expect(cancelled).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // A month later (on the stand-in's clock) the period is over: Free again, nothing deleted.
  const advanced = await page.request.post(`${STAND_IN}/_stand-in/clock/advance`, { data: { seconds: THIRTY_FIVE_DAYS } });
  expect(advanced.ok()).toBe(true);
  await expect
    .poll(async () => (await (await client.get(`/api/v1/orgs/${slug}/billing`)).json()).plan.id, { timeout: 30_000 })
    .toBe('free');
  await page.goto(billingPath);
  await expect(currentPlan).toContainText('Free');
  await expect(page.getByRole('region', { name: 'Subscription cancelled' })).toBeHidden();
  // Nothing left to manage at Stripe, so no "Manage billing".
  await expect(page.getByRole('button', { name: 'Manage billing' })).toHaveCount(0);
  await expect(page.getByText('4 of 3', { exact: true })).toBeVisible();
  await expect(page.getByText('Over the limit of this plan')).toBeVisible();
  expect((await (await client.get(`/api/v1/orgs/${slug}/projects`)).json()).data).toHaveLength(4);
  const fifth = await client.post(`/api/v1/orgs/${slug}/projects`, { name: 'Five' });
  expect(fifth.status()).toBe(402);
});

test('a renewal that fails shows the past-due banner and keeps the paid plan meanwhile', async ({ page, baseURL }, testInfo) => {
  const owner = uniqueAccount('billing-late', 'Lee Late');
  await signIn(page, owner);
  await expect(page.getByRole('heading', { name: 'Welcome, Lee Late' })).toBeVisible();
  const client = api(page.request, baseURL!);
  const { slug } = (await (await client.post('/api/v1/orgs', { name: uniqueName('Late') })).json()) as { slug: string };

  await page.goto(`/dashboard/${slug}/billing?interval=year`);
  await page.getByRole('button', { name: 'Upgrade to Business' }).click();
  await expect(page.getByRole('list', { name: 'Order summary' })).toContainText('Business');
  // Prefilled: the organization's Stripe customer carries its owner's email.
  await expect(page.getByLabel('Email')).toHaveValue(owner.email);
  // A card Stripe attaches but never charges is declined at Checkout, as at Stripe.
  await fillCard(page, '4000 0000 0000 0341');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const currentPlan = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Current plan', exact: true }) });
  await expect(currentPlan).toContainText('Business');
  await expect(currentPlan).toContainText('Yearly');

  // Saved in the portal, it attaches; every later charge fails.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  const updateCard = page.getByRole('form', { name: 'Update card' });
  await updateCard.getByLabel('Card number').fill('4000 0000 0000 0341');
  await updateCard.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await updateCard.getByLabel('CVC').fill('123');
  await updateCard.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByRole('status')).toHaveText('Your card was saved.');
  await page.getByRole('link', { name: 'Return to the app' }).click();

  // Just past the renewal a year on: the charge fails and Stripe starts retrying.
  const advanced = await page.request.post(`${STAND_IN}/_stand-in/clock/advance`, { data: { seconds: 366 * 24 * 60 * 60 } });
  expect(advanced.ok()).toBe(true);
  await expect
    .poll(async () => (await (await client.get(`/api/v1/orgs/${slug}/billing`)).json()).subscription?.status, { timeout: 30_000 })
    .toBe('past_due');
  await page.goto(`/dashboard/${slug}/billing`);
  await expect(page.getByRole('region', { name: 'Payment failed' })).toContainText('Business stays active');
  await expect(currentPlan).toContainText('Past due');
  await reviewPage(page, testInfo, 'billing-past-due');
});
