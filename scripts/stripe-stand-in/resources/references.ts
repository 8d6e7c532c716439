/**
 * Ids named in parameters must exist, as at Stripe: an unknown one answers
 * 400 `resource_missing` naming the parameter (`discounts[0][coupon]`), never a
 * silent 200 that Stripe would refuse.
 *
 * Paths are dotted, with `[]` for "each element": `line_items[].tax_rates[]`.
 */
import type { StandInContext } from '../context';
import { resourceMissing } from '../errors';
import type { FormValue } from '../form';

/** Kinds the stand-in can hold, by the name Stripe's "No such …" message uses. */
export type HeldKind = 'customer' | 'price' | 'product' | 'subscription' | 'invoice' | 'PaymentMethod' | 'source';

/**
 * Kinds no stand-in endpoint creates (coupons, tax rates, connected accounts…):
 * accepted as parameters for the client's sake, so any id given is missing.
 */
export type NeverHeldKind =
  | 'coupon'
  | 'promotion code'
  | 'tax rate'
  | 'shipping rate'
  | 'token'
  | 'test clock'
  | 'account'
  | 'payment method configuration'
  | 'billing portal configuration'
  | 'customer account';

export type ReferenceRules = Record<string, HeldKind | NeverHeldKind>;

function exists(ctx: StandInContext, kind: HeldKind | NeverHeldKind, id: string): boolean {
  const { state } = ctx;
  switch (kind) {
    case 'customer':
      return id in state.customers;
    case 'price':
      return id in state.prices;
    case 'product':
      return id in state.products;
    case 'subscription':
      return id in state.subscriptions;
    case 'invoice':
      return id in state.invoices;
    case 'PaymentMethod':
      return id in state.paymentMethods;
    case 'source':
      return id.startsWith('card_') && id in state.paymentMethods;
    default:
      return false;
  }
}

/** Every string at `path` in `params`, with the parameter name Stripe would report. */
function* valuesAt(node: FormValue | undefined, segments: string[], name: string): Generator<[string, string]> {
  if (node === undefined || node === '') return;
  const [head, ...rest] = segments;
  if (head === undefined) {
    if (typeof node === 'string') yield [node, name];
    return;
  }
  const isEach = head.endsWith('[]');
  const key = isEach ? head.slice(0, -2) : head;
  if (typeof node !== 'object' || Array.isArray(node)) return;
  const child = node[key];
  const childName = name ? `${name}[${key}]` : key;
  if (!isEach) {
    yield* valuesAt(child, rest, childName);
    return;
  }
  if (!Array.isArray(child)) return;
  for (const [index, element] of child.entries()) yield* valuesAt(element, rest, `${childName}[${index}]`);
}

/** Throws Stripe's 400 `resource_missing` for the first id in `params` that names nothing. */
export function checkReferences(ctx: StandInContext, params: { [key: string]: FormValue }, rules: ReferenceRules): void {
  for (const [path, kind] of Object.entries(rules)) {
    for (const [id, name] of valuesAt(params, path.split('.'), '')) {
      if (id !== '' && !exists(ctx, kind, id)) throw resourceMissing(kind, id, name);
    }
  }
}
