/**
 * Stripe's test card tokens (`source: 'tok_visa'`), so card errors are
 * reachable through the API as well as the hosted pages: attaching a declining
 * token to a customer answers 402 `card_error` with its `decline_code`, which
 * stripe-node raises as `StripeCardError`. A token stands for one of the test
 * card numbers and behaves exactly as that number does on the hosted pages.
 */
import { checkTestCard, type CardCheck } from '../cards';
import type { StandInContext } from '../context';
import { resourceMissing, StripeApiError } from '../errors';

const TOKEN_CARDS: Record<string, string> = {
  tok_visa: '4242424242424242',
  tok_mastercard: '5555555555554444',
  tok_amex: '378282246310005',
  tok_chargeDeclined: '4000000000000002',
  tok_visa_chargeDeclined: '4000000000000002',
  tok_chargeDeclinedInsufficientFunds: '4000000000009995',
  tok_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  tok_chargeDeclinedLostCard: '4000000000009987',
  tok_visa_chargeDeclinedLostCard: '4000000000009987',
  tok_chargeDeclinedExpiredCard: '4000000000000069',
  tok_visa_chargeDeclinedExpiredCard: '4000000000000069',
  tok_chargeDeclinedIncorrectCvc: '4000000000000127',
  tok_visa_chargeDeclinedIncorrectCvc: '4000000000000127',
  tok_chargeDeclinedProcessingError: '4000000000000119',
  tok_visa_chargeDeclinedProcessingError: '4000000000000119',
  tok_chargeCustomerFail: '4000000000000341',
};

/** The card a token stands for, or Stripe's answer: 402 `card_error` for a decline, 400 for an unknown token. */
export function cardFromToken(ctx: StandInContext, token: string, param: string): Extract<CardCheck, { ok: true }> {
  const number = TOKEN_CARDS[token];
  if (!number) throw resourceMissing('token', token, param);
  const expiryYear = new Date(ctx.clock.now() * 1000).getUTCFullYear() + 5;
  const check = checkTestCard({ number, expiry: `12 / ${expiryYear}`, cvc: number.startsWith('3') ? '1234' : '123' }, ctx.clock.now());
  if (!check.ok) {
    throw new StripeApiError(402, {
      type: 'card_error',
      code: check.code,
      ...(check.declineCode ? { decline_code: check.declineCode } : {}),
      message: check.message,
      doc_url: `https://stripe.com/docs/error-codes/${check.code.replaceAll('_', '-')}`,
    });
  }
  return check;
}
