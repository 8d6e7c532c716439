/**
 * CLI for the local Stripe stand-in.
 *
 *   npx tsx scripts/stripe-stand-in/main.ts                 start it (port 12111, state in .data/stripe)
 *   npx tsx scripts/stripe-stand-in/main.ts advance 30d     move the running stand-in's clock
 *   npx tsx scripts/stripe-stand-in/main.ts resend evt_…    deliver one event again
 *   npx tsx scripts/stripe-stand-in/main.ts hold <type,…>   keep events of these types back
 *   npx tsx scripts/stripe-stand-in/main.ts release [type]  send what was held back
 *
 * Env: STRIPE_STAND_IN_PORT, STRIPE_STAND_IN_DATA_DIR, STRIPE_WEBHOOK_URL ("off" for none),
 * STRIPE_WEBHOOK_SECRET, STRIPE_WEBHOOK_ORDER ("concurrent" or "strict"), STRIPE_WEBHOOK_JITTER_MS,
 * STRIPE_WEBHOOK_HOLD (comma-separated event types), STRIPE_WEBHOOK_API_VERSION (the endpoint's version).
 */
import { parseDuration } from './clock';
import {
  CONTROL_PREFIX,
  DEFAULT_STAND_IN_PORT,
  DEFAULT_WEBHOOK_URL,
  LOCAL_SECRET_KEY,
  LOCAL_WEBHOOK_SECRET,
  startStripeStandIn,
} from './server';
import { DEFAULT_WEBHOOK_JITTER_MS, type WebhookOrder } from './webhooks';

const USAGE = `Usage:
  main.ts [serve]            start the stand-in
  main.ts advance <time>     advance the clock of the running stand-in (30d, 12h, 90m, 3600)
  main.ts resend <evt_id>    resend one event to the webhook endpoint
  main.ts hold <type,…>      hold back webhooks of these event types until released
  main.ts release [type,…]   deliver the held-back webhooks (all types when none given)`;

function port(): number {
  const value = Number(process.env.STRIPE_STAND_IN_PORT ?? DEFAULT_STAND_IN_PORT);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error('STRIPE_STAND_IN_PORT must be a port number.');
  return value;
}

async function control(path: string, body: unknown): Promise<void> {
  const url = `http://127.0.0.1:${port()}${CONTROL_PREFIX}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Error(`No stand-in answers at ${url}. Is it running (npx tsx scripts/stripe-stand-in/main.ts)?`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(text);
  console.log(text);
}

function webhookOrder(): WebhookOrder {
  const value = process.env.STRIPE_WEBHOOK_ORDER || 'concurrent';
  if (value !== 'concurrent' && value !== 'strict') throw new Error('STRIPE_WEBHOOK_ORDER must be "concurrent" or "strict".');
  return value;
}

function webhookJitterMs(): number {
  const value = Number(process.env.STRIPE_WEBHOOK_JITTER_MS || DEFAULT_WEBHOOK_JITTER_MS);
  if (!Number.isInteger(value) || value < 0) throw new Error('STRIPE_WEBHOOK_JITTER_MS must be a non-negative integer.');
  return value;
}

async function serve(): Promise<void> {
  const webhookSetting = process.env.STRIPE_WEBHOOK_URL;
  const webhookUrl = webhookSetting === 'off' ? null : webhookSetting || DEFAULT_WEBHOOK_URL;
  const standIn = await startStripeStandIn({
    port: port(),
    dataDir: process.env.STRIPE_STAND_IN_DATA_DIR || '.data/stripe',
    webhookUrl,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || LOCAL_WEBHOOK_SECRET,
    ...(process.env.STRIPE_WEBHOOK_API_VERSION ? { webhookApiVersion: process.env.STRIPE_WEBHOOK_API_VERSION } : {}),
    webhookDelivery: {
      order: webhookOrder(),
      maxJitterMs: webhookJitterMs(),
      holdTypes: (process.env.STRIPE_WEBHOOK_HOLD ?? '').split(',').map((type) => type.trim()).filter(Boolean),
    },
    log: (line) => console.log(`[stripe stand-in] ${line}`),
  });
  console.log(`[stripe stand-in] listening on ${standIn.url}`);
  console.log(`[stripe stand-in] client: new Stripe('${LOCAL_SECRET_KEY}', { host: '127.0.0.1', port: ${standIn.port}, protocol: 'http' })`);
  console.log(`[stripe stand-in] webhooks: ${webhookUrl ? `${webhookUrl} (${webhookOrder()} order)` : 'off'}`);
  const stop = () => {
    standIn.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The Stripe stand-in is a development tool and refuses to run with NODE_ENV=production.');
  }
  const [command = 'serve', argument] = process.argv.slice(2);
  if (command === 'serve') return serve();
  if (command === 'advance' && argument) return control('/clock/advance', { seconds: parseDuration(argument) });
  if (command === 'resend' && argument) return control(`/events/${encodeURIComponent(argument)}/resend`, {});
  if (command === 'hold' && argument) return control('/webhooks/hold', { types: argument.split(',') });
  if (command === 'release') return control('/webhooks/release', argument ? { types: argument.split(',') } : {});
  console.log(USAGE);
  process.exitCode = command === 'help' || command === '--help' ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`[stripe stand-in] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
