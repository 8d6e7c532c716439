/**
 * Stripe's test cards, as the hosted pages read them. Declines carry Stripe's
 * own codes and the messages its Checkout shows.
 *
 * 4000 0000 0000 0341 attaches to a customer but every charge fails, as at
 * Stripe: Checkout that charges it at once declines it, while saving it in the
 * portal (or a trial's Checkout, which charges nothing yet) succeeds, and the
 * next renewal fails. That is how the "renewal fails" story is played.
 */
import type { CardBehaviour } from './store';

export type CardCheck =
  | { ok: true; brand: string; last4: string; expMonth: number; expYear: number; behaviour: CardBehaviour }
  | { ok: false; code: string; declineCode?: string; message: string; field: 'card_number' | 'expiry' | 'cvc' };

const DECLINES: Record<string, { code: string; declineCode?: string; message: string }> = {
  '4000000000000002': { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  '4000000000009995': { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '4000000000009987': { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' },
  '4000000000000069': { code: 'expired_card', message: 'Your card has expired.' },
  '4000000000000127': { code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  '4000000000000119': { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
};

const CHARGES_FAIL_LATER = new Set(['4000000000000341']);

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(digits) || /^2[2-7]/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^6(011|5)/.test(digits)) return 'discover';
  return 'unknown';
}

/** `now` is the stand-in clock, so an expiry date is "in the past" relative to moved time too. */
export function checkTestCard(input: { number: string; expiry: string; cvc: string }, now: number): CardCheck {
  const digits = input.number.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || digits.length < 13) {
    return { ok: false, code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'card_number' };
  }
  if (digits.length > 19 || !passesLuhn(digits)) {
    return { ok: false, code: 'invalid_number', message: 'Your card number is invalid.', field: 'card_number' };
  }
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  if (!expiry) {
    return { ok: false, code: 'incomplete_expiry', message: "Your card's expiration date is incomplete.", field: 'expiry' };
  }
  const expMonth = Number(expiry[1]);
  const expYear = (expiry[2] ?? '').length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  if (expMonth < 1 || expMonth > 12) {
    return { ok: false, code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", field: 'expiry' };
  }
  const today = new Date(now * 1000);
  const expired = expYear < today.getUTCFullYear() || (expYear === today.getUTCFullYear() && expMonth < today.getUTCMonth() + 1);
  if (expired) {
    return { ok: false, code: 'invalid_expiry_year', message: "Your card's expiration year is in the past.", field: 'expiry' };
  }
  const cvcLength = brandOf(digits) === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(input.cvc.trim())) {
    return { ok: false, code: 'incomplete_cvc', message: "Your card's security code is incomplete.", field: 'cvc' };
  }
  const decline = DECLINES[digits];
  if (decline) return { ok: false, ...decline, field: 'card_number' };
  return {
    ok: true,
    brand: brandOf(digits),
    last4: digits.slice(-4),
    expMonth,
    expYear,
    behaviour: CHARGES_FAIL_LATER.has(digits) ? 'charges_fail' : 'succeeds',
  };
}
