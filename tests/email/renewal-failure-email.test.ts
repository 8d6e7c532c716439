import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/server';
import { payCheckout, saveCardThatFailsCharges } from '../support/stripe-stand-in';
import { addMember, as, startBillingTestEnvironment, type BillingTestEnvironment, type User } from '../billing/billing-harness';

// A renewal that fails at the Stripe stand-in reaches the app by webhook like
// any other; the subscription row going past_due writes the email.

const DAY = 86_400;
let catcher: MailCatcher;
let env: BillingTestEnvironment;
let ada: User;
let bea: User;
let max: User;

beforeAll(async () => {
  catcher = await startMailCatcher();
  env = await startBillingTestEnvironment({ delivery: 'stand-in', env: { SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}` } });
  ada = await env.signIn('ada@example.com', 'Ada Owner');
  bea = await env.signIn('bea@example.com', 'Bea Admin');
  max = await env.signIn('max@example.com', 'Max Member');
  await as(ada.token).post('/api/v1/orgs', { name: 'Acme', slug: 'acme' });
  await addMember(ada, 'acme', bea, 'admin');
  await addMember(ada, 'acme', max, 'member');
});

afterAll(async () => {
  await env?.close();
  await catcher?.close();
});

it('a renewal that fails emails the owners and admins to update the card, and not the members', async () => {
  const checkout = await as(ada.token).post('/api/v1/orgs/acme/billing/checkout', { plan: 'pro', interval: 'month' });
  expect((await payCheckout(checkout.body.url)).status).toBe(303);
  await expect.poll(async () => (await env.query<{ status: string }>('select status from subscriptions'))[0]?.status, { timeout: 20_000 }).toBe('active');
  const [subscription] = await env.query<{ stripe_customer_id: string }>('select stripe_customer_id from subscriptions');
  await saveCardThatFailsCharges(env.stripe, subscription!.stripe_customer_id);

  await env.standIn.advanceClock(32 * DAY);
  await expect.poll(async () => (await env.query<{ status: string }>('select status from subscriptions'))[0]?.status, { timeout: 20_000 }).toBe('past_due');

  const { deliverDueEmails } = await import('@/lib/email/outbox');
  await deliverDueEmails();
  const pastDue = catcher.messages().filter((message) => message.subject === 'Payment failed for Acme: update the card');
  expect(pastDue.flatMap((message) => message.to).sort()).toEqual(['ada@example.com', 'bea@example.com']);
  expect(pastDue[0]!.text).toContain('/dashboard/acme/billing');
});
