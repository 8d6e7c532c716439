import Stripe from 'stripe';

/**
 * The API version the installed `stripe` package pins (and sends as
 * `Stripe-Version`). Object shapes here follow it; events carry it.
 */
export const API_VERSION: string = Stripe.API_VERSION;
