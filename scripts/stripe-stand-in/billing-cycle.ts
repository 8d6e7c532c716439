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
  cancelSubscriptionNow,
  currentPeriod,
  isEnded,
  nextPeriodEnd,
  paymentMethodFor,
} from './resources/subscriptions';

const TRIAL_WILL_END_NOTICE_SECONDS = 3 * 86_400;
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
  subscription.latest_invoice = invoice.id;
  ctx.emit('invoice.created', invoice);
  finalizeInvoice(ctx, invoice);
  const paid = attemptInvoicePayment(ctx, invoice, chargeSucceeds(ctx, paymentMethodFor(ctx, subscription)));
  if (paid && subscription.status === 'trialing') subscription.status = 'active';
  if (!paid) subscription.status = 'past_due';
  ctx.emit('customer.subscription.updated', subscription, previousAttributes(before, subscription));
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
