/**
 * Server-rendered stand-ins for Stripe Checkout, the Customer Portal and the
 * hosted invoice page. Plain HTML forms with labelled fields, so a person, a
 * Playwright test or a `fetch` with a form body can drive them alike.
 */
import type { ServerResponse } from 'node:http';

import { retryOpenInvoicesNow } from './billing-cycle';
import { checkTestCard, type CardCheck } from './cards';
import { previousAttributes, type StandInContext } from './context';
import { StripeApiError } from './errors';
import type { FormParams } from './form';
import type { CheckoutSessionObject, PortalSessionObject, PriceObject, SubscriptionObject } from './objects';
import { checkoutSessionPrices, completeCheckoutSession, successRedirect } from './resources/checkout-sessions';
import { attachPaymentMethod, createCardPaymentMethod } from './resources/payment-methods';
import {
  announceChange,
  changeItems,
  currentPeriod,
  isEnded,
  paymentMethodFor,
  restartPeriodAndBill,
  setCancelAtPeriodEnd,
} from './resources/subscriptions';

type Field = (params: FormParams, key: string) => string;
const field: Field = (params, key) => {
  const value = params[key];
  return typeof value === 'string' ? value : '';
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

function date(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function priceLabel(ctx: StandInContext, price: PriceObject): string {
  const product = ctx.state.products[price.product]?.name ?? price.product;
  const interval = price.recurring
    ? price.recurring.interval_count === 1
      ? `per ${price.recurring.interval}`
      : `every ${price.recurring.interval_count} ${price.recurring.interval}s`
    : 'once';
  return `${product} – ${money(price.unit_amount ?? 0, price.currency)} ${interval}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  .banner { background: #fff4d6; border: 1px solid #e8c766; padding: .5rem .75rem; border-radius: .4rem; font-size: .9rem; }
  label { display: block; margin-top: .75rem; font-weight: 600; }
  input, select { display: block; width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font-size: 1rem; }
  button { margin-top: 1rem; padding: .6rem 1.2rem; font-size: 1rem; cursor: pointer; }
  [role=alert] { color: #a4000f; font-weight: 600; }
  [role=status] { color: #0b6b2b; font-weight: 600; }
  section { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: .5rem; }
  table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: .25rem; }
  .hint { font-size: .85rem; color: #555; }
</style>
</head>
<body>
<p class="banner">Test mode – local Stripe stand-in. No real card is charged.</p>
${body}
</body>
</html>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location });
  response.end();
}

const TEST_CARD_HINT = `<details class="hint"><summary>Test cards</summary><ul>
<li>4242 4242 4242 4242 – succeeds</li>
<li>4000 0000 0000 0002 – declined (card_declined)</li>
<li>4000 0000 0000 9995 – declined (insufficient_funds)</li>
<li>4000 0000 0000 0341 – saves, but every charge fails (declined at Checkout unless on trial; save it in the portal to make the next renewal fail)</li>
</ul><p>Any future expiry (MM / YY) and any CVC.</p></details>`;

function cardFields(prefix = ''): string {
  return `
<label for="${prefix}card_number">Card number</label>
<input id="${prefix}card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
<label for="${prefix}expiry">Expiry (MM / YY)</label>
<input id="${prefix}expiry" name="expiry" autocomplete="cc-exp" placeholder="12 / 34" required>
<label for="${prefix}cvc">CVC</label>
<input id="${prefix}cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required>`;
}

function readCard(ctx: StandInContext, params: FormParams): CardCheck {
  return checkTestCard({ number: field(params, 'card_number'), expiry: field(params, 'expiry'), cvc: field(params, 'cvc') }, ctx.clock.now());
}

/** Returns true when the path was one of the hosted pages. */
export function handleHostedPage(ctx: StandInContext, method: string, url: URL, params: FormParams, response: ServerResponse): boolean {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === 'checkout' && parts.length === 2) {
      const session = ctx.state.checkoutSessions[parts[1] ?? ''];
      if (!session) return notFound(response, 'This checkout link is not valid.');
      if (method === 'GET') send(response, 200, renderCheckout(ctx, session, null, params));
      else if (method === 'POST') payCheckout(ctx, session, params, response);
      else return false;
      return true;
    }
    if (parts[0] === 'billing-portal' && parts.length >= 2) {
      const session = ctx.state.portalSessions[parts[1] ?? ''];
      if (!session) return notFound(response, 'This billing portal link is not valid or has expired.');
      if (method === 'GET' && parts.length === 2) {
        send(response, 200, renderPortal(ctx, session, noticeFor(url.searchParams.get('notice')), null));
        return true;
      }
      if (method === 'POST') {
        portalAction(ctx, session, parts.slice(2), params, response);
        return true;
      }
      return false;
    }
    if (parts[0] === 'invoice' && parts.length === 2 && method === 'GET') {
      const invoice = ctx.state.invoices[parts[1] ?? ''];
      if (!invoice) return notFound(response, 'No such invoice.');
      const rows = invoice.lines.data
        .map((line) => `<tr><td>${escapeHtml(line.description)}</td><td>${money(line.amount, line.currency)}</td></tr>`)
        .join('');
      send(response, 200, page(`Invoice ${invoice.number ?? invoice.id}`, `<h1>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</h1>
<p>Status: <strong>${invoice.status}</strong> · Amount due ${money(invoice.amount_due, invoice.currency)} · Paid ${money(invoice.amount_paid, invoice.currency)}</p>
<table><thead><tr><th>Description</th><th>Amount</th></tr></thead><tbody>${rows}</tbody></table>`));
      return true;
    }
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    send(response, error.status, page('Error', `<h1>Something went wrong</h1><p role="alert">${escapeHtml(error.message)}</p>`));
    return true;
  }
  return false;
}

function notFound(response: ServerResponse, message: string): true {
  send(response, 404, page('Not found', `<h1>Not found</h1><p role="alert">${escapeHtml(message)}</p>`));
  return true;
}

function renderCheckout(ctx: StandInContext, session: CheckoutSessionObject, error: string | null, previous: FormParams): string {
  if (session.status !== 'open') {
    const message = session.status === 'complete' ? 'This checkout is already complete.' : 'This checkout session has expired.';
    const back = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>` : '';
    return page('Checkout', `<h1>Checkout</h1><p role="status">${message}</p>${back}`);
  }
  const plan = ctx.state.checkoutPlans[session.id];
  const trialDays = plan?.trial_period_days ?? (plan?.trial_end ? Math.ceil((plan.trial_end - ctx.clock.now()) / 86_400) : null);
  const lines = checkoutSessionPrices(ctx, session.id)
    .map(({ price, quantity }) => `<li>${escapeHtml(priceLabel(ctx, price))}${quantity > 1 ? ` × ${quantity}` : ''}</li>`)
    .join('');
  const customer = session.customer ? ctx.state.customers[session.customer] : undefined;
  const knownEmail = customer && !customer.deleted ? customer.email : session.customer_email;
  const emailValue = escapeHtml(field(previous, 'email') || knownEmail || '');
  const trialNote = trialDays ? `<p>${trialDays}-day free trial. You will not be charged today.</p>` : '';
  const back = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>` : '';
  return page('Checkout', `${back}
<h1>Subscribe</h1>
<ul aria-label="Order summary">${lines}</ul>
${trialNote}
<p>Total due today: <strong>${money(session.amount_total, session.currency)}</strong></p>
<form method="post" aria-label="Payment">
  ${error ? `<p role="alert" id="payment-error">${escapeHtml(error)}</p>` : ''}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" value="${emailValue}" ${knownEmail ? 'readonly' : ''} required>
  ${cardFields()}
  <label for="name">Name on card</label>
  <input id="name" name="name" autocomplete="cc-name" value="${escapeHtml(field(previous, 'name'))}">
  <button type="submit">${trialDays ? 'Start trial' : 'Subscribe'}</button>
</form>
${TEST_CARD_HINT}`);
}

function payCheckout(ctx: StandInContext, session: CheckoutSessionObject, params: FormParams, response: ServerResponse): void {
  if (session.status !== 'open') {
    send(response, 409, renderCheckout(ctx, session, null, params));
    return;
  }
  const email = field(params, 'email').trim();
  if (!session.customer && !session.customer_email && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    send(response, 400, renderCheckout(ctx, session, 'Your email address is incomplete.', params));
    return;
  }
  const card = readCard(ctx, params);
  if (!card.ok) {
    // A decline leaves the session open so the buyer can try another card, as at Stripe.
    send(response, card.code.startsWith('incomplete') || card.code.startsWith('invalid') ? 400 : 402, renderCheckout(ctx, session, card.message, params));
    return;
  }
  if (card.behaviour === 'charges_fail' && session.amount_total > 0) {
    // The card attaches, then the first invoice's charge fails: Checkout shows the decline, as at Stripe.
    send(response, 402, renderCheckout(ctx, session, 'Your card was declined.', params));
    return;
  }
  completeCheckoutSession(ctx, session, { email: email || null, name: field(params, 'name').trim() || null, card });
  const target = successRedirect(session);
  if (target) redirect(response, target);
  else send(response, 200, page('Thank you', '<h1>Thanks for subscribing</h1><p role="status">Your payment is complete.</p>'));
}

const NOTICES: Record<string, string> = {
  canceled: 'Your subscription will be canceled at the end of the billing period.',
  resumed: 'Your subscription will continue.',
  switched: 'Your plan was changed.',
  card_updated: 'Your card was saved.',
};

function noticeFor(code: string | null): string | null {
  return code ? (NOTICES[code] ?? null) : null;
}

function subscriptionSection(ctx: StandInContext, session: PortalSessionObject, subscription: SubscriptionObject): string {
  const item = subscription.items.data[0];
  if (!item) return '';
  const period = currentPeriod(subscription);
  const base = `/billing-portal/${session.id}/subscriptions/${subscription.id}`;
  const schedule = subscription.cancel_at
    ? `Cancels on ${date(subscription.cancel_at)}`
    : subscription.status === 'trialing' && subscription.trial_end
      ? `Trial ends on ${date(subscription.trial_end)}`
      : `Renews on ${date(period.end)}`;
  const options = Object.values(ctx.state.prices)
    .filter((price) => price.active && price.type === 'recurring' && price.currency === subscription.currency)
    .map((price) => `<option value="${price.id}"${price.id === item.price.id ? ' selected' : ''}>${escapeHtml(priceLabel(ctx, price))}</option>`)
    .join('');
  const cancelOrResume = subscription.cancel_at_period_end
    ? `<form method="post" action="${base}/resume"><button type="submit">Resume subscription</button></form>`
    : `<form method="post" action="${base}/cancel"><button type="submit">Cancel subscription</button></form>`;
  return `<section aria-label="Subscription">
<h2>Current plan</h2>
<p><strong>${escapeHtml(priceLabel(ctx, item.price))}</strong> · Status: ${subscription.status}</p>
<p>${schedule}</p>
${cancelOrResume}
<form method="post" action="${base}/switch">
  <label for="price-${subscription.id}">Plan</label>
  <select id="price-${subscription.id}" name="price">${options}</select>
  <button type="submit">Switch plan</button>
</form>
</section>`;
}

function renderPortal(ctx: StandInContext, session: PortalSessionObject, notice: string | null, error: string | null): string {
  const subscriptions = Object.values(ctx.state.subscriptions).filter(
    (subscription) => subscription.customer === session.customer && !isEnded(subscription),
  );
  const customer = ctx.state.customers[session.customer];
  const paymentMethodId =
    subscriptions.map((subscription) => paymentMethodFor(ctx, subscription)).find(Boolean) ??
    (customer && !customer.deleted ? customer.invoice_settings.default_payment_method : null);
  const card = paymentMethodId ? ctx.state.paymentMethods[paymentMethodId]?.card : undefined;
  const invoices = Object.values(ctx.state.invoices)
    .filter((invoice) => invoice.customer === session.customer && invoice.status !== 'draft')
    .reverse()
    .map(
      (invoice) =>
        `<tr><td>${date(invoice.created)}</td><td>${money(invoice.amount_due, invoice.currency)}</td><td>${invoice.status}</td><td>${
          invoice.hosted_invoice_url ? `<a href="${escapeHtml(invoice.hosted_invoice_url)}">View</a>` : ''
        }</td></tr>`,
    )
    .join('');
  const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return to the app</a></p>` : '';
  return page('Billing', `${back}
<h1>Billing</h1>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
${subscriptions.map((subscription) => subscriptionSection(ctx, session, subscription)).join('') || '<p>No active subscription.</p>'}
<section aria-label="Payment method">
<h2>Payment method</h2>
<p>${card ? `${escapeHtml(card.brand)} ending in ${escapeHtml(card.last4)}, expires ${card.exp_month}/${card.exp_year}` : 'No card on file.'}</p>
<form method="post" action="/billing-portal/${session.id}/payment-method" aria-label="Update card">
  ${cardFields('new_')}
  <button type="submit">Save card</button>
</form>
${TEST_CARD_HINT}
</section>
<section aria-label="Invoice history">
<h2>Invoice history</h2>
<table><thead><tr><th>Date</th><th>Amount</th><th>Status</th><th></th></tr></thead><tbody>${invoices}</tbody></table>
</section>`);
}

function portalAction(ctx: StandInContext, session: PortalSessionObject, action: string[], params: FormParams, response: ServerResponse): void {
  const back = (notice: string) => redirect(response, `/billing-portal/${session.id}?notice=${notice}`);
  if (action.length === 1 && action[0] === 'payment-method') {
    const card = readCard(ctx, params);
    if (!card.ok) {
      send(response, card.code.startsWith('incomplete') || card.code.startsWith('invalid') ? 400 : 402, renderPortal(ctx, session, null, card.message));
      return;
    }
    saveCard(ctx, session.customer, card);
    back('card_updated');
    return;
  }
  const [kind, subscriptionId, verb] = action;
  const subscription = subscriptionId ? ctx.state.subscriptions[subscriptionId] : undefined;
  if (kind !== 'subscriptions' || !subscription || subscription.customer !== session.customer || isEnded(subscription)) {
    notFound(response, 'No such subscription for this customer.');
    return;
  }
  const before = structuredClone(subscription);
  if (verb === 'cancel' || verb === 'resume') {
    setCancelAtPeriodEnd(ctx, subscription, verb === 'cancel');
    announceChange(ctx, subscription, before);
    back(verb === 'cancel' ? 'canceled' : 'resumed');
    return;
  }
  if (verb === 'switch') {
    const item = subscription.items.data[0];
    const priceId = field(params, 'price');
    if (!item || !priceId) {
      send(response, 400, renderPortal(ctx, session, null, 'Choose a plan.'));
      return;
    }
    if (priceId !== item.price.id) {
      const intervalChanged = changeItems(ctx, subscription, [{ id: item.id, price: priceId }]);
      if (intervalChanged) restartPeriodAndBill(ctx, subscription);
      announceChange(ctx, subscription, before);
    }
    back('switched');
    return;
  }
  notFound(response, 'Unknown portal action.');
}

/** The new card becomes the default for the customer and each live subscription; open invoices are retried. */
function saveCard(ctx: StandInContext, customerId: string, card: Extract<CardCheck, { ok: true }>): void {
  const customer = ctx.state.customers[customerId];
  if (!customer || customer.deleted) return;
  const paymentMethod = createCardPaymentMethod(ctx, card, customer.name, customer.email);
  attachPaymentMethod(ctx, paymentMethod.id, customerId, 'payment_method');
  const customerBefore = structuredClone(customer);
  customer.invoice_settings.default_payment_method = paymentMethod.id;
  ctx.emit('customer.updated', customer, previousAttributes(customerBefore, customer));
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (subscription.customer !== customerId || isEnded(subscription)) continue;
    const before = structuredClone(subscription);
    subscription.default_payment_method = paymentMethod.id;
    announceChange(ctx, subscription, before);
  }
  retryOpenInvoicesNow(ctx, customerId);
}
