/**
 * Card payment methods created by the hosted pages from Stripe's test card
 * numbers. The stand-in remembers how each card behaves when charged later.
 */
import type { StandInContext } from '../context';
import { resourceMissing } from '../errors';
import type { PaymentMethodObject } from '../objects';
import type { CardBehaviour } from '../store';
import { newId } from '../store';

export function createCardPaymentMethod(
  ctx: StandInContext,
  card: { brand: string; last4: string; expMonth: number; expYear: number; behaviour: CardBehaviour },
  billingName: string | null,
  email: string | null,
  /** `card_` for a card attached as a customer's source: Stripe serves those as payment methods too. */
  idPrefix: 'pm_' | 'card_' = 'pm_',
): PaymentMethodObject {
  const paymentMethod: PaymentMethodObject = {
    id: newId(idPrefix),
    object: 'payment_method',
    allow_redisplay: 'always',
    billing_details: { address: null, email, name: billingName, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: newId('', 16),
      funding: 'credit',
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      wallet: null,
    },
    created: ctx.clock.now(),
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  ctx.state.paymentMethods[paymentMethod.id] = paymentMethod;
  ctx.state.cardBehaviours[paymentMethod.id] = card.behaviour;
  return paymentMethod;
}

export function attachPaymentMethod(ctx: StandInContext, id: string, customerId: string, param: string): PaymentMethodObject {
  const paymentMethod = ctx.state.paymentMethods[id];
  if (!paymentMethod) throw resourceMissing('PaymentMethod', id, param);
  if (paymentMethod.customer !== customerId) {
    paymentMethod.customer = customerId;
    ctx.emit('payment_method.attached', paymentMethod);
  }
  return paymentMethod;
}

export function retrievePaymentMethod(ctx: StandInContext, id: string): PaymentMethodObject {
  const paymentMethod = ctx.state.paymentMethods[id];
  if (!paymentMethod) throw resourceMissing('PaymentMethod', id);
  return paymentMethod;
}

export function chargeSucceeds(ctx: StandInContext, paymentMethodId: string | null): boolean {
  if (paymentMethodId === null) return false;
  return ctx.state.cardBehaviours[paymentMethodId] === 'succeeds';
}
