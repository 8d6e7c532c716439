import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';

/*
 * Local mode: with no STRIPE_SECRET_KEY the app talks to the Stripe stand-in
 * (scripts/stripe-stand-in, started by `npm run dev`) through the same, real
 * `stripe` client. These two values are copies of LOCAL_SECRET_KEY and
 * LOCAL_WEBHOOK_SECRET in scripts/stripe-stand-in/server.ts, written out
 * because lib/ must never import scripts/ (the production build would bundle
 * the stand-in). They unlock nothing but the stand-in.
 */
const LOCAL_SECRET_KEY = 'sk_test_local_stand_in';
const LOCAL_WEBHOOK_SECRET = 'whsec_local_stand_in_0123456789abcdef';
const LOCAL_API_BASE = 'http://127.0.0.1:12111';

type Holder = { client?: Stripe; configKey?: string };
const holder = ((globalThis as { __tenantryStripe?: Holder }).__tenantryStripe ??= {});

/** This process's Stripe client: real Stripe when STRIPE_SECRET_KEY is set, else the local stand-in. */
export function getStripe(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = env();
  const key = STRIPE_SECRET_KEY ?? LOCAL_SECRET_KEY;
  const base = STRIPE_API_BASE ?? (STRIPE_SECRET_KEY ? undefined : LOCAL_API_BASE);
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

/** The signing secret of the webhook endpoint (the stand-in's fixed one in local mode). */
export function getWebhookSecret(): string {
  return env().STRIPE_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET;
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
      console.error(`[billing] Stripe failed while trying to ${what}:`, error);
      throw new AppError('billing_unavailable', `Billing is unavailable right now (could not ${what}); please try again in a minute.`);
    }
    throw error;
  }
}
