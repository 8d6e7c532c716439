import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

import {
  eventObjectId,
  portalAction,
  previousOf,
  saveCardThatFailsCharges,
  type StandInHarness,
  startStandInHarness,
  subscribeThroughCheckout,
  TEST_CARDS,
} from '../support/stripe-stand-in';

const DAY = 86_400;
const HOUR = 3_600;
let harness: StandInHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function start() {
  harness = await startStandInHarness();
  return harness;
}

const forSubscription = (id: string) => (event: Stripe.Event) =>
  (event.data.object as { id?: string; parent?: { subscription_details?: { subscription?: string } } }).id === id ||
  (event.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === id;

describe('moving time', () => {
  it('renews a monthly subscription when its period ends: a paid invoice and a new period', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe);
    const subscriptionId = session.subscription as string;
    const before = await stripe.subscriptions.retrieve(subscriptionId);
    const periodEnd = before.items.data[0]?.current_period_end ?? 0;

    await standIn.advanceClock(32 * DAY);

    const after = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
    expect(after.status).toBe('active');
    expect(after.items.data[0]?.current_period_start).toBe(periodEnd);
    expect(after.latest_invoice).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', amount_paid: 1900 });
    const renewal = await webhooks.waitForEvent(
      'invoice.paid',
      (event) => forSubscription(subscriptionId)(event) && (event.data.object as Stripe.Invoice).billing_reason === 'subscription_cycle',
    );
    expect(renewal.created).toBe(periodEnd + HOUR);
    await webhooks.waitForEvent('customer.subscription.updated', (event) => previousOf(event)?.items !== undefined);
  });

  it('leaves the renewal invoice a draft for an hour after invoice.created, then finalizes and charges it', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe);
    const subscriptionId = session.subscription as string;
    const periodEnd = (await stripe.subscriptions.retrieve(subscriptionId)).items.data[0]?.current_period_end ?? 0;
    const clockNow = async () => ((await (await fetch(`${standIn.url}/_stand-in/clock`)).json()) as { now: number }).now;

    await standIn.advanceClock(periodEnd - (await clockNow()) + 60);

    const renewed = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
    expect(renewed.items.data[0]?.current_period_start).toBe(periodEnd);
    const draft = renewed.latest_invoice as Stripe.Invoice;
    expect(draft).toMatchObject({ billing_reason: 'subscription_cycle', status: 'draft', amount_paid: 0, automatically_finalizes_at: periodEnd + HOUR });
    const created = await webhooks.waitForEvent('invoice.created', (event) => eventObjectId(event) === draft.id);
    expect(created.created).toBe(periodEnd);
    expect((await stripe.events.list({ type: 'invoice.finalized', limit: 100 })).data.map(eventObjectId)).not.toContain(draft.id);

    await standIn.advanceClock(HOUR);

    expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ status: 'paid', amount_paid: 1900, automatically_finalizes_at: null });
    const finalized = await webhooks.waitForEvent('invoice.finalized', (event) => eventObjectId(event) === draft.id);
    expect(finalized.created).toBe(periodEnd + HOUR);
    await webhooks.waitForEvent('invoice.paid', (event) => eventObjectId(event) === draft.id);
  });

  it('renews once per period passed', async () => {
    const { stripe, standIn } = await start();
    const session = await subscribeThroughCheckout(stripe);
    await standIn.advanceClock(95 * DAY);
    const invoices = await stripe.invoices.list({ subscription: session.subscription as string });
    expect(invoices.data.map((invoice) => invoice.billing_reason)).toEqual([
      'subscription_cycle',
      'subscription_cycle',
      'subscription_cycle',
      'subscription_create',
    ]);
  });

  it('a card saved in the portal that fails charges makes the renewal fail and the subscription past_due; a good card recovers it', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe);
    const subscriptionId = session.subscription as string;
    await saveCardThatFailsCharges(stripe, session.customer as string);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');

    await standIn.advanceClock(32 * DAY);

    const failed = await webhooks.waitForEvent('invoice.payment_failed', forSubscription(subscriptionId));
    expect(failed.data.object).toMatchObject({ status: 'open', attempt_count: 1 });
    expect((failed.data.object as Stripe.Invoice).next_payment_attempt).not.toBeNull();
    const pastDue = await webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => eventObjectId(event) === subscriptionId && (event.data.object as Stripe.Subscription).status === 'past_due',
    );
    expect(pastDue.data.previous_attributes).toMatchObject({ status: 'active' });

    const portal = await stripe.billingPortal.sessions.create({ customer: session.customer as string });
    expect((await portalAction(portal.url, { card: TEST_CARDS.succeeds })).status).toBe(303);
    const recovered = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
    expect(recovered.status).toBe('active');
    expect(recovered.latest_invoice).toMatchObject({ status: 'paid', attempt_count: 2 });
  });

  it('cancels the subscription after the last payment retry fails', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe);
    const subscriptionId = session.subscription as string;
    await saveCardThatFailsCharges(stripe, session.customer as string);
    await standIn.advanceClock(31 * DAY + 16 * DAY);
    const deleted = await webhooks.waitForEvent('customer.subscription.deleted', forSubscription(subscriptionId));
    expect(deleted.data.object).toMatchObject({ status: 'canceled', cancellation_details: { reason: 'payment_failed' } });
    // Deliveries are unordered: the failures may still be on their way after the deletion arrived.
    await expect
      .poll(() => webhooks.events().filter((event) => event.type === 'invoice.payment_failed' && forSubscription(subscriptionId)(event)).length)
      .toBe(4);
  });

  it('warns three days before a trial ends, then starts charging', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe, { trialDays: 14 });
    const subscriptionId = session.subscription as string;
    await standIn.advanceClock(12 * DAY);
    const warning = await webhooks.waitForEvent('customer.subscription.trial_will_end', forSubscription(subscriptionId));
    const trial = warning.data.object as Stripe.Subscription;
    expect(warning.created).toBe((trial.trial_end ?? 0) - 3 * DAY);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('trialing');

    await standIn.advanceClock(3 * DAY);
    const active = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect(active.latest_invoice).toMatchObject({ status: 'paid', amount_paid: 1900 });
    const trialEnded = await webhooks.waitForEvent(
      'customer.subscription.updated',
      (event) => eventObjectId(event) === subscriptionId && previousOf(event)?.status === 'trialing',
    );
    expect(trialEnded.data.object).toMatchObject({ status: 'active' });
  });

  it('ends a subscription set to cancel at period end when the period ends', async () => {
    const { stripe, standIn, webhooks } = await start();
    const session = await subscribeThroughCheckout(stripe);
    const subscriptionId = session.subscription as string;
    const updated = await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await standIn.advanceClock(32 * DAY);
    const ended = await stripe.subscriptions.retrieve(subscriptionId);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: updated.cancel_at });
    await webhooks.waitForEvent('customer.subscription.deleted', forSubscription(subscriptionId));
    expect((await stripe.invoices.list({ subscription: subscriptionId })).data).toHaveLength(1);
  });

  it('the control endpoint moves the clock of a running stand-in', async () => {
    const { standIn } = await start();
    const before = (await (await fetch(`${standIn.url}/_stand-in/clock`)).json()) as { now: number };
    const response = await fetch(`${standIn.url}/_stand-in/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 2 * DAY }),
    });
    const after = (await response.json()) as { now: number; offset_seconds: number };
    expect(after.offset_seconds).toBe(2 * DAY);
    expect(after.now - before.now).toBeGreaterThanOrEqual(2 * DAY);
  });
});
