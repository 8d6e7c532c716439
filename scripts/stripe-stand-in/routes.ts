/** The REST subset the stand-in serves, as Stripe's paths. Order matters: `/search` before `/:id`. */
import type { StandInContext } from './context';
import type { FormParams } from './form';
import {
  createCheckoutSession,
  expireCheckoutSession,
  listCheckoutLineItems,
  listCheckoutSessions,
  retrieveCheckoutSession,
} from './resources/checkout-sessions';
import { createCustomer, deleteCustomer, listCustomers, retrieveCustomer, searchCustomers, updateCustomer } from './resources/customers';
import { listEvents, retrieveEvent } from './resources/events';
import { listInvoiceLines, listInvoices, retrieveInvoice } from './resources/invoices';
import { retrievePaymentMethod } from './resources/payment-methods';
import { createPortalSession } from './resources/portal-sessions';
import { createPrice, listPrices, retrievePrice, updatePrice } from './resources/prices';
import { createProduct, listProducts, retrieveProduct, updateProduct } from './resources/products';
import { cancelSubscription, listSubscriptions, retrieveSubscription, updateSubscription } from './resources/subscriptions';

type Handler = (ctx: StandInContext, params: FormParams, id: string) => unknown;
type Method = 'GET' | 'POST' | 'DELETE';

const ID = '([^/]+)';

const ROUTES: [Method, RegExp, Handler][] = [
  ['POST', /^\/v1\/products$/, (ctx, params) => createProduct(ctx, params)],
  ['GET', /^\/v1\/products$/, (ctx, params) => listProducts(ctx, params)],
  ['GET', new RegExp(`^/v1/products/${ID}$`), (ctx, _params, id) => retrieveProduct(ctx, id)],
  ['POST', new RegExp(`^/v1/products/${ID}$`), (ctx, params, id) => updateProduct(ctx, id, params)],

  ['POST', /^\/v1\/prices$/, (ctx, params) => createPrice(ctx, params)],
  ['GET', /^\/v1\/prices$/, (ctx, params) => listPrices(ctx, params)],
  ['GET', new RegExp(`^/v1/prices/${ID}$`), (ctx, _params, id) => retrievePrice(ctx, id)],
  ['POST', new RegExp(`^/v1/prices/${ID}$`), (ctx, params, id) => updatePrice(ctx, id, params)],

  ['POST', /^\/v1\/customers$/, (ctx, params) => createCustomer(ctx, params)],
  ['GET', /^\/v1\/customers$/, (ctx, params) => listCustomers(ctx, params)],
  ['GET', /^\/v1\/customers\/search$/, (ctx, params) => searchCustomers(ctx, params)],
  ['GET', new RegExp(`^/v1/customers/${ID}$`), (ctx, _params, id) => retrieveCustomer(ctx, id)],
  ['POST', new RegExp(`^/v1/customers/${ID}$`), (ctx, params, id) => updateCustomer(ctx, id, params)],
  ['DELETE', new RegExp(`^/v1/customers/${ID}$`), (ctx, _params, id) => deleteCustomer(ctx, id)],

  ['GET', new RegExp(`^/v1/payment_methods/${ID}$`), (ctx, _params, id) => retrievePaymentMethod(ctx, id)],

  ['POST', /^\/v1\/checkout\/sessions$/, (ctx, params) => createCheckoutSession(ctx, params)],
  ['GET', /^\/v1\/checkout\/sessions$/, (ctx, params) => listCheckoutSessions(ctx, params)],
  ['GET', new RegExp(`^/v1/checkout/sessions/${ID}$`), (ctx, _params, id) => retrieveCheckoutSession(ctx, id)],
  ['POST', new RegExp(`^/v1/checkout/sessions/${ID}/expire$`), (ctx, _params, id) => expireCheckoutSession(ctx, id)],
  ['GET', new RegExp(`^/v1/checkout/sessions/${ID}/line_items$`), (ctx, params, id) => listCheckoutLineItems(ctx, id, params)],

  ['POST', /^\/v1\/billing_portal\/sessions$/, (ctx, params) => createPortalSession(ctx, params)],

  ['GET', /^\/v1\/subscriptions$/, (ctx, params) => listSubscriptions(ctx, params)],
  ['GET', new RegExp(`^/v1/subscriptions/${ID}$`), (ctx, _params, id) => retrieveSubscription(ctx, id)],
  ['POST', new RegExp(`^/v1/subscriptions/${ID}$`), (ctx, params, id) => updateSubscription(ctx, id, params)],
  ['DELETE', new RegExp(`^/v1/subscriptions/${ID}$`), (ctx, params, id) => cancelSubscription(ctx, id, params)],

  ['GET', /^\/v1\/invoices$/, (ctx, params) => listInvoices(ctx, params)],
  ['GET', new RegExp(`^/v1/invoices/${ID}$`), (ctx, _params, id) => retrieveInvoice(ctx, id)],
  ['GET', new RegExp(`^/v1/invoices/${ID}/lines$`), (ctx, params, id) => listInvoiceLines(ctx, id, params)],

  ['GET', /^\/v1\/events$/, (ctx, params) => listEvents(ctx, params)],
  ['GET', new RegExp(`^/v1/events/${ID}$`), (ctx, _params, id) => retrieveEvent(ctx, id)],
];

export function findApiRoute(method: string, path: string): { handler: Handler; id: string } | null {
  for (const [routeMethod, pattern, handler] of ROUTES) {
    if (routeMethod !== method) continue;
    const match = pattern.exec(path);
    if (match) return { handler, id: decodeURIComponent(match[1] ?? '') };
  }
  return null;
}
