/**
 * `npm run stripe:setup`: creates or updates the products and prices of
 * lib/billing/plans.ts in the Stripe account the environment points at
 * (STRIPE_SECRET_KEY; without one, the local stand-in), matched by lookup key.
 * Idempotent: a second run changes nothing.
 *
 * Prices are immutable at Stripe. When an amount or interval in plans.ts
 * changes, a new price takes over the lookup key (`transfer_lookup_key`) and
 * the old one is archived; existing subscriptions keep their old price.
 */
import { pathToFileURL } from 'node:url';
import nextEnv from '@next/env';
import Stripe from 'stripe';
import { BILLING_INTERVALS, CURRENCY, PAID_PLAN_IDS, PLANS } from '../lib/billing/plans';
import { EnvError, parseEnv } from '../lib/env';
import { STRIPE_STAND_IN_SECRET_KEY, STRIPE_STAND_IN_URL } from '../lib/local-stand-ins';

/** Brings the account's catalog in line with plans.ts; returns one line per change made. */
export async function setUpStripeCatalog(stripe: Stripe): Promise<string[]> {
  const changes: string[] = [];
  const products: Stripe.Product[] = [];
  for await (const product of stripe.products.list({ active: true, limit: 100 })) products.push(product);

  for (const planId of PAID_PLAN_IDS) {
    const plan = PLANS[planId];
    const desired = {
      name: plan.name,
      description: plan.description,
      marketing_features: plan.highlights.map((name) => ({ name })),
      metadata: { plan: planId },
    };
    let product = products.find((candidate) => candidate.metadata.plan === planId);
    if (!product) {
      product = await stripe.products.create(desired);
      changes.push(`created product ${plan.name} (${product.id})`);
    } else if (
      product.name !== desired.name ||
      product.description !== desired.description ||
      JSON.stringify(product.marketing_features.map((feature) => feature.name)) !== JSON.stringify(plan.highlights)
    ) {
      product = await stripe.products.update(product.id, desired);
      changes.push(`updated product ${plan.name} (${product.id})`);
    }

    const priceIds: Partial<Record<(typeof BILLING_INTERVALS)[number], string>> = {};
    for (const interval of BILLING_INTERVALS) {
      const wanted = plan.prices?.[interval];
      if (!wanted) continue;
      const [existing] = (await stripe.prices.list({ lookup_keys: [wanted.lookupKey], limit: 1 })).data;
      const isCurrent =
        existing !== undefined &&
        existing.active &&
        existing.product === product.id &&
        existing.currency === CURRENCY &&
        existing.unit_amount === wanted.unitAmount &&
        existing.recurring?.interval === interval &&
        existing.recurring.interval_count === 1;
      if (isCurrent) {
        priceIds[interval] = existing.id;
        continue;
      }
      const created = await stripe.prices.create({
        product: product.id,
        currency: CURRENCY,
        unit_amount: wanted.unitAmount,
        recurring: { interval },
        lookup_key: wanted.lookupKey,
        transfer_lookup_key: true,
        nickname: `${plan.name} ${interval === 'month' ? 'monthly' : 'yearly'}`,
      });
      priceIds[interval] = created.id;
      changes.push(`created price ${wanted.lookupKey} ${(wanted.unitAmount / 100).toFixed(2)} ${CURRENCY}/${interval} (${created.id})`);
      if (existing?.active) {
        await stripe.prices.update(existing.id, { active: false });
        changes.push(`archived the old ${wanted.lookupKey} price (${existing.id})`);
      }
    }

    const defaultPrice = priceIds.month ?? priceIds.year;
    const currentDefault = typeof product.default_price === 'string' ? product.default_price : product.default_price?.id;
    if (defaultPrice && currentDefault !== defaultPrice) {
      await stripe.products.update(product.id, { default_price: defaultPrice });
      changes.push(`set ${plan.name}'s default price to ${defaultPrice}`);
    }
  }
  return changes;
}

/** The same client lib/billing/stripe-client.ts builds (that file is server-only, so not importable here). */
function stripeFromEnvironment(): { stripe: Stripe; label: string } {
  // A setup script, not a server: it needs only a Stripe key, and without one it sets up the local stand-in.
  const env = parseEnv({ ...process.env, LOCAL_MODE: '1' });
  const base = env.STRIPE_API_BASE ?? (env.STRIPE_SECRET_KEY ? undefined : STRIPE_STAND_IN_URL);
  const endpoint = base ? new URL(base) : undefined;
  const stripe = new Stripe(env.STRIPE_SECRET_KEY ?? STRIPE_STAND_IN_SECRET_KEY, {
    ...(endpoint
      ? {
          host: endpoint.hostname,
          port: Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80)),
          protocol: endpoint.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  });
  const mode = env.STRIPE_SECRET_KEY?.includes('_live_') ? 'LIVE' : 'test';
  return { stripe, label: base ? `the Stripe API at ${base}` : `Stripe (${mode} mode)` };
}

async function main() {
  nextEnv.loadEnvConfig(process.cwd());
  const { stripe, label } = stripeFromEnvironment();
  console.log(`Setting up the plans of lib/billing/plans.ts in ${label} …`);
  const changes = await setUpStripeCatalog(stripe);
  for (const change of changes) console.log(`  • ${change}`);
  console.log(changes.length ? `✓ ${changes.length} change(s) made.` : '✓ Already up to date; nothing changed.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message =
      error instanceof EnvError
        ? error.issues.join('; ')
        : error instanceof Stripe.errors.StripeConnectionError
          ? `could not reach Stripe (${error.message}). In local mode, start the stand-in first (npm run dev).`
          : error instanceof Error
            ? error.message
            : String(error);
    console.error(`✖ stripe:setup failed: ${message}`);
    process.exit(1);
  });
}
