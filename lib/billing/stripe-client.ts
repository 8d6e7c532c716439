import 'server-only';
import Stripe from 'stripe';
import { env, type BillingMode } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { logFailure } from '@/lib/http/log-failure';
import { STRIPE_STAND_IN_SECRET_KEY, STRIPE_STAND_IN_URL, STRIPE_STAND_IN_WEBHOOK_SECRET } from '@/lib/local-stand-ins';

type Holder = { client?: Stripe; configKey?: string };
const holder = ((globalThis as { __tenantryStripe?: Holder }).__tenantryStripe ??= {});

/**
 * This process's Stripe client: real Stripe when STRIPE_SECRET_KEY is set; the
 * local stand-in (scripts/stripe-stand-in, started by `npm run dev`) through
 * the same, real `stripe` client in local mode without a key. With BILLING=off
 * every billing call is refused with `billing_disabled`.
 */
export function getStripe(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE, billingMode } = env();
  assertBillingEnabled(billingMode);
  const key = billingMode === 'stand-in' ? STRIPE_STAND_IN_SECRET_KEY : STRIPE_SECRET_KEY!;
  const base = STRIPE_API_BASE ?? (billingMode === 'stand-in' ? STRIPE_STAND_IN_URL : undefined);
  const configKey = `${key}|${base ?? ''}`;
  if (holder.client && holder.configKey === configKey) return holder.client;
  const endpoint = base ? new URL(base) : undefined;
  holder.client = new Stripe(key, {
    ...(endpoint
      ? {
          host: endpoint.hostname,
          port: Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80)),
          protocol: endpoint.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
    // A person is waiting on checkout and portal clicks; fail into a readable 503 rather than hang.
    timeout: 20_000,
    appInfo: { name: 'Tenantry' },
  });
  holder.configKey = configKey;
  return holder.client;
}

/**
 * The signing secret of the webhook endpoint. The stand-in's published one only
 * in local mode without Stripe configured: lib/env.ts refuses to start a server
 * outside local mode without STRIPE_WEBHOOK_SECRET (or with the published one).
 */
export function getWebhookSecret(): string {
  const { STRIPE_WEBHOOK_SECRET, billingMode } = env();
  assertBillingEnabled(billingMode);
  return billingMode === 'stand-in' ? STRIPE_STAND_IN_WEBHOOK_SECRET : STRIPE_WEBHOOK_SECRET!;
}

/** Refuses with `billing_disabled` when this site runs with BILLING=off. */
export function assertBillingEnabled(billingMode: BillingMode = env().billingMode): void {
  if (billingMode === 'off') throw new AppError('billing_disabled', 'Billing is not enabled on this site.');
}

/** True when Stripe could not be reached or failed on its side, as opposed to refusing our request. */
export function isStripeOutage(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  );
}

/**
 * Runs one Stripe call for a user-facing request: an outage becomes a readable
 * 503 instead of a 500; anything else (our own bug, a bad key) stays a 500.
 */
export async function callStripe<Result>(what: string, call: (stripe: Stripe) => Promise<Result>): Promise<Result> {
  try {
    return await call(getStripe());
  } catch (error) {
    if (isStripeOutage(error)) {
      logFailure(`billing: could not ${what}`, error);
      throw new AppError('billing_unavailable', `Billing is unavailable right now (could not ${what}); please try again in a minute.`);
    }
    throw error;
  }
}
