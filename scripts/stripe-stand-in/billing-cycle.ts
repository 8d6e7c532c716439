/**
 * What happens when time passes: trial-ending notices, trial ends, renewals,
 * cancellations at period end, payment retries and checkout expiry. Runs after
 * the clock moves (and periodically), handling each due item at the moment it
 * fell due, earliest first, so advancing three months renews three times.
 */
import { previousAttributes, type StandInContext } from './context';
import type { InvoiceObject, SubscriptionObject } from './objects';
import { attemptInvoicePayment, buildSubscriptionInvoice, finalizeInvoice, subscriptionOfInvoice } from './resources/invoices';
import { chargeSucceeds } from './resources/payment-methods';
import {
  announceChange,
  cancelSubscriptionNow,
  currentPeriod,
  isEnded,
  nextPeriodEnd,
  paymentMethodFor,
} from './resources/subscriptions';

const TRIAL_WILL_END_NOTICE_SECONDS = 3 * 86_400;
/** How long Stripe leaves a subscription's renewal invoice in draft after `invoice.created`. */
export const RENEWAL_DRAFT_SECONDS = 3_600;
const MAX_STEPS = 10_000;

interface DueWork {
  at: number;
  run(): void;
}

export function processDueWork(ctx: StandInContext): void {
  for (let step = 0; step < MAX_STEPS; step++) {
    const now = ctx.clock.now();
    const next = collectDueWork(ctx)
      .filter((work) => work.at <= now)
      .sort((a, b) => a.at - b.at)[0];
    if (!next) return;
    ctx.clock.runAt(next.at, next.run);
  }
  throw new Error('The billing cycle did not settle; is a price interval zero?');
}

function collectDueWork(ctx: StandInContext): DueWork[] {
  const work: DueWork[] = [];
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (isEnded(subscription)) continue;
    const periodEnd = currentPeriod(subscription).end;
    if (subscription.cancel_at !== null && subscription.cancel_at < periodEnd) {
      const cancelAt = subscription.cancel_at;
      work.push({ at: cancelAt, run: () => cancelSubscriptionNow(ctx, subscription, 'cancellation_requested', cancelAt) });
    } else {
      work.push({ at: periodEnd, run: () => renewSubscription(ctx, subscription) });
    }
    const trialEnd = subscription.trial_end;
    if (subscription.status === 'trialing' && trialEnd !== null && ctx.state.trialWillEndSentFor[subscription.id] !== trialEnd) {
      work.push({
        at: Math.max(subscription.trial_start ?? 0, trialEnd - TRIAL_WILL_END_NOTICE_SECONDS),
        run: () => {
          ctx.state.trialWillEndSentFor[subscription.id] = trialEnd;
          ctx.emit('customer.subscription.trial_will_end', subscription);
        },
      });
    }
  }
  for (const invoice of Object.values(ctx.state.invoices)) {
    const finalizesAt = invoice.automatically_finalizes_at;
    if (invoice.status === 'draft' && typeof finalizesAt === 'number') {
      work.push({ at: finalizesAt, run: () => finalizeAndChargeRenewal(ctx, invoice) });
    }
    if (invoice.status === 'open' && invoice.next_payment_attempt !== null) {
      work.push({ at: invoice.next_payment_attempt, run: () => retryInvoicePayment(ctx, invoice) });
    }
  }
  for (const session of Object.values(ctx.state.checkoutSessions)) {
    if (session.status === 'open') {
      work.push({
        at: session.expires_at,
        run: () => {
          session.status = 'expired';
          session.url = null;
          ctx.emit('checkout.session.expired', session);
        },
      });
    }
  }
  return work;
}

function renewSubscription(ctx: StandInContext, subscription: SubscriptionObject): void {
  const period = currentPeriod(subscription);
  if (subscription.cancel_at !== null && subscription.cancel_at <= period.end) {
    cancelSubscriptionNow(ctx, subscription, 'cancellation_requested', subscription.cancel_at);
    return;
  }
  const before = structuredClone(subscription);
  const firstPrice = subscription.items.data[0]?.price;
  if (!firstPrice) return;
  const next = { start: period.end, end: nextPeriodEnd(firstPrice, period.end) };
  for (const item of subscription.items.data) {
    item.current_period_start = next.start;
    item.current_period_end = next.end;
  }
  const invoice = buildSubscriptionInvoice(ctx, subscription, 'subscription_cycle', { isTrial: false, billedPeriod: next });
  // As at Stripe, the renewal invoice stays a draft (editable, e.g. to add usage) for about an hour.
  invoice.automatically_finalizes_at = ctx.clock.now() + RENEWAL_DRAFT_SECONDS;
  subscription.latest_invoice = invoice.id;
  if (subscription.status === 'trialing') subscription.status = 'active';
  ctx.emit('invoice.created', invoice);
  ctx.emit('customer.subscription.updated', subscription, previousAttributes(before, subscription));
}

/** The hour is up: the renewal invoice is finalized and charged to the saved card. */
function finalizeAndChargeRenewal(ctx: StandInContext, invoice: InvoiceObject): void {
  invoice.automatically_finalizes_at = null;
  const subscription = ctx.state.subscriptions[subscriptionOfInvoice(invoice)];
  finalizeInvoice(ctx, invoice);
  if (!subscription || isEnded(subscription)) {
    ctx.store.save();
    return;
  }
  const before = structuredClone(subscription);
  const paid = attemptInvoicePayment(ctx, invoice, chargeSucceeds(ctx, paymentMethodFor(ctx, subscription)));
  if (!paid) subscription.status = 'past_due';
  announceChange(ctx, subscription, before);
}

function retryInvoicePayment(ctx: StandInContext, invoice: InvoiceObject): void {
  const subscription = ctx.state.subscriptions[subscriptionOfInvoice(invoice)];
  if (!subscription) return;
  const paid = attemptInvoicePayment(ctx, invoice, chargeSucceeds(ctx, paymentMethodFor(ctx, subscription)));
  if (paid) {
    settleSubscriptionAfterPayment(ctx, subscription);
  } else if (invoice.next_payment_attempt === null && !isEnded(subscription)) {
    // Every retry failed: Stripe's default is to cancel the subscription.
    cancelSubscriptionNow(ctx, subscription, 'payment_failed');
  }
}

/** A past-due subscription whose open invoices are all paid is active again. */
export function settleSubscriptionAfterPayment(ctx: StandInContext, subscription: SubscriptionObject): void {
  const stillOpen = Object.values(ctx.state.invoices).some(
    (candidate) => candidate.status === 'open' && subscriptionOfInvoice(candidate) === subscription.id,
  );
  if (subscription.status !== 'past_due' || stillOpen) return;
  const before = structuredClone(subscription);
  subscription.status = 'active';
  ctx.emit('customer.subscription.updated', subscription, previousAttributes(before, subscription));
}

/** After a new card is saved: try the customer's open invoices again right away. */
export function retryOpenInvoicesNow(ctx: StandInContext, customerId: string): void {
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (invoice.customer !== customerId || invoice.status !== 'open') continue;
    const subscription = ctx.state.subscriptions[subscriptionOfInvoice(invoice)];
    if (!subscription || isEnded(subscription)) continue;
    if (attemptInvoicePayment(ctx, invoice, chargeSucceeds(ctx, paymentMethodFor(ctx, subscription)))) {
      settleSubscriptionAfterPayment(ctx, subscription);
    }
  }
}
