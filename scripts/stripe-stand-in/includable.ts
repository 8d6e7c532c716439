/**
 * Includable properties: fields Stripe leaves out of an object unless asked
 * for with `expand` (a Checkout Session's `line_items`). They are added before
 * ordinary expansion, so `line_items.data.price.product` expands further.
 */
import type { StandInContext } from './context';
import type { CheckoutSessionObject } from './objects';
import { listCheckoutLineItems } from './resources/checkout-sessions';

type Includer = (ctx: StandInContext, object: Record<string, unknown>) => unknown;

const INCLUDABLE: Record<string, Record<string, Includer>> = {
  'checkout.session': {
    line_items: (ctx, session) => listCheckoutLineItems(ctx, (session as CheckoutSessionObject).id, {}),
  },
};

function include(ctx: StandInContext, object: unknown, field: string): unknown {
  if (typeof object !== 'object' || object === null) return object;
  const record = object as Record<string, unknown>;
  const includer = INCLUDABLE[String(record['object'])]?.[field];
  if (!includer || field in record) return object;
  return { ...record, [field]: includer(ctx, record) };
}

/** `result` with every includable property an `expand` path names (`line_items`, or `data.line_items` on a list). */
export function includeRequested<T>(ctx: StandInContext, result: T, expand: string[]): T {
  let current: unknown = result;
  for (const path of expand) {
    const [head, next] = path.split('.');
    if (head === 'data' && next && typeof current === 'object' && current !== null && Array.isArray((current as { data?: unknown }).data)) {
      const list = current as { data: unknown[] };
      current = { ...list, data: list.data.map((element) => include(ctx, element, next)) };
    } else if (head) {
      current = include(ctx, current, head);
    }
  }
  return current as T;
}
