/** Finding stored objects by id, failing the way Stripe does when they are missing. */
import type { StandInContext } from '../context';
import { resourceMissing } from '../errors';
import type {
  CheckoutSessionObject,
  CustomerObject,
  InvoiceObject,
  PriceObject,
  ProductObject,
  SubscriptionObject,
} from '../objects';

export function findProduct(ctx: StandInContext, id: string, param = 'id'): ProductObject {
  const product = ctx.state.products[id];
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

export function findPrice(ctx: StandInContext, id: string, param = 'id'): PriceObject {
  const price = ctx.state.prices[id];
  if (!price) throw resourceMissing('price', id, param);
  return price;
}

/** Deleted customers can be retrieved (as `{ deleted: true }`) but not used. */
export function findLiveCustomer(ctx: StandInContext, id: string, param = 'id'): CustomerObject {
  const customer = ctx.state.customers[id];
  if (!customer || customer.deleted) throw resourceMissing('customer', id, param);
  return customer;
}

export function findSubscription(ctx: StandInContext, id: string, param = 'id'): SubscriptionObject {
  const subscription = ctx.state.subscriptions[id];
  if (!subscription) throw resourceMissing('subscription', id, param);
  return subscription;
}

export function findInvoice(ctx: StandInContext, id: string, param = 'id'): InvoiceObject {
  const invoice = ctx.state.invoices[id];
  if (!invoice) throw resourceMissing('invoice', id, param);
  return invoice;
}

export function findCheckoutSession(ctx: StandInContext, id: string, param = 'id'): CheckoutSessionObject {
  const session = ctx.state.checkoutSessions[id];
  if (!session) throw resourceMissing('checkout.session', id, param);
  return session;
}
