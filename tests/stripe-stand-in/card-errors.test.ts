import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startStandInHarness, type StandInHarness } from '../support/stripe-stand-in';

let harness: StandInHarness;

beforeAll(async () => {
  harness = await startStandInHarness({ webhookUrl: null });
});
afterAll(async () => {
  await harness.close();
});

async function cardError(request: Promise<unknown>): Promise<Stripe.errors.StripeCardError> {
  const error = await request.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  return error as Stripe.errors.StripeCardError;
}

describe('card errors through the API', () => {
  it('a declined test token raises StripeCardError with its decline_code, and no customer is created', async () => {
    const { stripe } = harness;
    const declined = await cardError(stripe.customers.create({ email: 'declined@acme.test', source: 'tok_chargeDeclined' }));
    expect(declined).toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' });
    expect((await stripe.customers.list({ email: 'declined@acme.test' })).data).toEqual([]);

    const poor = await cardError(stripe.customers.create({ source: 'tok_chargeDeclinedInsufficientFunds' }));
    expect(poor).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
    expect(await cardError(stripe.customers.create({ source: 'tok_chargeDeclinedExpiredCard' }))).toMatchObject({ code: 'expired_card' });
    expect(await cardError(stripe.customers.create({ source: 'tok_chargeDeclinedIncorrectCvc' }))).toMatchObject({ code: 'incorrect_cvc' });
  });

  it('a good token becomes the customer’s default source, readable as a payment method', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'visa@acme.test', source: 'tok_visa' });
    expect(customer.default_source).toMatch(/^card_/);
    const card = await stripe.paymentMethods.retrieve(customer.default_source as string);
    expect(card).toMatchObject({ customer: customer.id, card: { brand: 'visa', last4: '4242' } });
  });

  it('updating a customer with a declined token fails and keeps the card it had', async () => {
    const { stripe } = harness;
    const customer = await stripe.customers.create({ source: 'tok_mastercard' });
    await cardError(stripe.customers.update(customer.id, { source: 'tok_visa_chargeDeclined' }));
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ default_source: customer.default_source });
  });

  it('an unknown token is a missing resource, not a card error', async () => {
    await expect(harness.stripe.customers.create({ source: 'tok_made_up' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'resource_missing',
      param: 'source',
    });
  });
});
