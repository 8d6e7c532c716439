import { z } from 'zod';
import {
  AUTH_EMULATOR_PUBLISHABLE_KEY,
  AUTH_EMULATOR_SECRET_KEY,
  AUTH_EMULATOR_URL,
  STRIPE_STAND_IN_SECRET_KEY,
  STRIPE_STAND_IN_URL,
  STRIPE_STAND_IN_WEBHOOK_SECRET,
} from './local-stand-ins';
import { KeyRingError, parseKeyRing } from './google/key-ring';
import { parseRateLimitSetting, RateLimitSettingError, type RateLimitTable } from './rate-limit/limits';

/**
 * Every environment variable Tenantry reads, validated once.
 *
 * Not marked `server-only`: next.config.ts imports it to stop a misconfigured
 * build or start before it serves anything. Secrets are never `NEXT_PUBLIC_`,
 * so a client bundle that imported this would see them as undefined.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, message: `must be an http(s) URL such as ${example}` })
    .transform((value) => value.replace(/\/+$/, ''));

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a PostgreSQL connection URL such as postgres://user:password@host:5432/database');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const flag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z
    .enum(['', '0', 'false', 'no', 'off', '1', 'true', 'yes', 'on'], { message: 'must be 1 or 0 (true or false)' })
    .optional()
    .transform((value) => value !== undefined && ['1', 'true', 'yes', 'on'].includes(value)),
);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),

  /**
   * Local mode: stand-ins for every service left unconfigured. Only
   * `npm run dev`, the e2e server and the bench turn it on; without it every
   * service must be configured, so a deploy that forgets one does not start.
   */
  LOCAL_MODE: flag,
  /** `off`: run without billing; the billing routes then answer 501 billing_disabled. */
  BILLING: z.preprocess(emptyAsUndefined, z.enum(['stripe', 'off'], { message: 'must be stripe or off' }).default('stripe')),

  // Database
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Connections in this process's PostgreSQL pool (README, Performance). */
  DATABASE_POOL_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(10),
  ),
  /** `off` for a transaction pooler (Supabase's on port 6543), which cannot keep a connection's prepared statements. */
  DATABASE_PREPARED_STATEMENTS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off'], { message: 'must be on or off' }).default('on')),
  LOCAL_DATA_DIR: optionalString.default('.data'),

  // Site
  NEXT_PUBLIC_SITE_URL: z.preprocess(emptyAsUndefined, httpUrl('http://localhost:3000').default('http://localhost:3000')),

  // Supabase
  NEXT_PUBLIC_SUPABASE_URL: z.preprocess(emptyAsUndefined, httpUrl('https://abcd.supabase.co').optional()),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
  /** Server only: the secret key (or legacy service_role key) for the Auth admin API, used to delete accounts. */
  SUPABASE_SECRET_KEY: optionalString,
  /** 1: let Supabase anonymous users (`is_anonymous: true`, no email) use the API; refused by default. */
  ALLOW_ANONYMOUS_USERS: flag,
  SUPABASE_JWT_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be the legacy JWT secret from the Supabase dashboard (at least 32 characters)').optional(),
  ),

  // Stripe
  STRIPE_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key starting with sk_test_ or sk_live_').optional(),
  ),
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith('whsec_', 'must be a Stripe webhook signing secret starting with whsec_').optional(),
  ),
  /** Where the Stripe API is; unset: api.stripe.com with a key, the local stand-in without one in local mode. */
  STRIPE_API_BASE: z.preprocess(emptyAsUndefined, httpUrl(STRIPE_STAND_IN_URL).optional()),

  // Rate limits (lib/rate-limit/)
  /** `off`, or changes to the defaults such as `invitations.accept.ip=20/600`; unset keeps lib/rate-limit/limits.ts. */
  RATE_LIMITS: optionalString.superRefine((value, context) => {
    try {
      parseRateLimitSetting(value);
    } catch (error) {
      if (!(error instanceof RateLimitSettingError)) throw error;
      context.addIssue({ code: 'custom', message: `has ${error.message}` });
    }
  }),
  /** How many proxies in front of the app append to X-Forwarded-For; 0 trusts none (lib/rate-limit/client-ip.ts). */
  TRUSTED_PROXIES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a whole number of proxies (0 when none)' }).int().min(0).max(10).default(0),
  ),
  // Google APIs on the user's behalf (lib/google/)
  /** `off`: no Google API access; the Google pages say so and nothing asks for Google tokens. */
  GOOGLE_ACCESS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off'], { message: 'must be on or off' }).default('on')),
  /** The OAuth client Supabase's Google provider uses: the app refreshes Google's tokens with it. */
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  /** Unset: Google's own endpoints; local mode: the auth emulator's Google stand-in. */
  GOOGLE_API_BASE_URL: z.preprocess(emptyAsUndefined, httpUrl('http://127.0.0.1:54321/auth/v1/emulator/google').optional()),
  /** `id:base64key[,id:base64key…]`; the first encrypts, all decrypt (lib/google/key-ring.ts). */
  TOKEN_ENCRYPTION_KEY: optionalString.superRefine((value, context) => {
    if (value === undefined) return;
    try {
      parseKeyRing(value);
    } catch (error) {
      if (!(error instanceof KeyRingError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
    }
  }),

  // API keys (lib/api-keys/)
  /** Keys the HMAC of every API key's secret; local mode makes one under LOCAL_DATA_DIR. */
  API_KEY_PEPPER: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be a random secret of at least 32 characters (openssl rand -hex 32)').optional(),
  ),
  /** Requests one API key may make per window, as `<limit>/<seconds>`, or `off`. */
  API_KEY_RATE_LIMIT: optionalString.refine((value) => value === undefined || /^(off|\d{1,9}\/\d{1,9})$/.test(value.trim()), {
    message: 'must be <limit>/<seconds> (such as 600/60) or off',
  }),
  /** Set to 1 by Vercel on its deployments: the client's IP is then read from Vercel's own header. */
  VERCEL: flag,

  // Email (lib/email/)
  /** `off`: send nothing; admins copy invitation links by hand, as before email. */
  EMAIL: z.preprocess(emptyAsUndefined, z.enum(['smtp', 'off'], { message: 'must be smtp or off' }).default('smtp')),
  /** smtp(s)://user:password@host:port; unset in local mode: the mail catcher `npm run dev` starts. */
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, message: 'must be an SMTP URL such as smtps://user:password@smtp.example.com:465' }).optional(),
  ),
  /** The sender, e.g. `Tenantry <hello@example.com>`; the domain must be verified with the provider. */
  EMAIL_FROM: optionalString,
  /** Seals invitation tokens in the outbox (AES-GCM); local mode makes one under LOCAL_DATA_DIR. */
  OUTBOX_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 random characters (openssl rand -base64 32)').optional()),
  /** Bearer secret for /api/cron/email, the retry sweep a scheduler (Vercel Cron) calls. */
  CRON_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 random characters').optional()),
  /** Local mode: the mail catcher's SMTP and inbox ports (scripts/mail-catcher/). */
  MAIL_CATCHER_SMTP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(1025)),
  MAIL_CATCHER_INBOX_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(1080)),
});

type RawEnv = z.infer<typeof schema>;

/** Who answers billing calls: Stripe (test or live), the local stand-in, or nobody (BILLING=off). */
export type BillingMode = 'stripe' | 'stand-in' | 'off';

export interface Env extends RawEnv {
  /** True when no Supabase project is configured and the local auth emulator stands in (local mode only). */
  isLocalAuth: boolean;
  supabaseUrl: string;
  supabasePublishableKey: string;
  /** The Auth admin API's key: the local emulator's in local mode; undefined when a project is configured without one. */
  supabaseSecretKey: string | undefined;
  billingMode: BillingMode;
  /** Each limited action's limits per user and per IP, after RATE_LIMITS. */
  rateLimits: RateLimitTable;
}

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment: ${issues.join('; ')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  // Every problem at once: a missing variable is named even when another one is malformed.
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  const missing = missingOutsideLocalMode(source);
  if (missing.length > 0) {
    const billingHint = source.BILLING?.trim() === 'off' ? '' : '; BILLING=off runs without Stripe';
    const emailHint = source.EMAIL?.trim() === 'off' ? '' : '; EMAIL=off runs without email';
    issues.push(`missing ${missing.join(', ')} (outside local mode every service must be configured${billingHint}${emailHint})`);
  }
  const missingGoogle = missingGoogleOutsideLocalMode(source);
  if (missingGoogle.length > 0) {
    issues.push(`missing ${missingGoogle.join(', ')} (Google API access needs them outside local mode; GOOGLE_ACCESS=off runs without)`);
  }
  if (!result.success || issues.length > 0) throw new EnvError(issues);

  const env = result.data;
  if (!env.LOCAL_MODE) {
    // These are published in this repository: a server that accepted them would take anyone's forged webhook.
    const published = [
      env.STRIPE_WEBHOOK_SECRET === STRIPE_STAND_IN_WEBHOOK_SECRET && 'STRIPE_WEBHOOK_SECRET',
      env.STRIPE_SECRET_KEY === STRIPE_STAND_IN_SECRET_KEY && 'STRIPE_SECRET_KEY',
      env.SUPABASE_SECRET_KEY === AUTH_EMULATOR_SECRET_KEY && 'SUPABASE_SECRET_KEY',
    ].filter((name) => name !== false);
    if (published.length > 0) {
      throw new EnvError([`${published.join(' and ')} must not be the local Stripe stand-in's published value outside local mode`]);
    }
  }
  const isLocalAuth = env.NEXT_PUBLIC_SUPABASE_URL === undefined;
  if (!isLocalAuth && env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY === undefined) {
    throw new EnvError([
      'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required when NEXT_PUBLIC_SUPABASE_URL is set (Supabase dashboard > Project Settings > API Keys)',
    ]);
  }
  if (env.BILLING !== 'off' && env.STRIPE_SECRET_KEY !== undefined && env.STRIPE_WEBHOOK_SECRET === undefined) {
    throw new EnvError(['STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (whsec_... from the webhook endpoint)']);
  }
  return {
    ...env,
    isLocalAuth,
    supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL ?? AUTH_EMULATOR_URL,
    supabasePublishableKey: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? AUTH_EMULATOR_PUBLISHABLE_KEY,
    supabaseSecretKey: env.SUPABASE_SECRET_KEY ?? (isLocalAuth && env.LOCAL_MODE ? AUTH_EMULATOR_SECRET_KEY : undefined),
    billingMode: env.BILLING === 'off' ? 'off' : env.STRIPE_SECRET_KEY === undefined ? 'stand-in' : 'stripe',
    rateLimits: parseRateLimitSetting(env.RATE_LIMITS),
  };
}

/**
 * The variables a server outside local mode cannot run without and does not
 * have, in the order .env.example lists them. Read from the raw source so they
 * are reported together with any malformed value.
 */
function missingOutsideLocalMode(source: Record<string, string | undefined>): string[] {
  const localMode = schema.shape.LOCAL_MODE.safeParse(source.LOCAL_MODE);
  if (!localMode.success || localMode.data) return [];
  const required = [
    'DATABASE_URL',
    'NEXT_PUBLIC_SUPABASE_URL',
    'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
    ...(source.BILLING?.trim() === 'off' ? [] : ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']),
    'API_KEY_PEPPER',
    ...(source.EMAIL?.trim() === 'off' ? [] : ['SMTP_URL', 'EMAIL_FROM', 'OUTBOX_SECRET', 'CRON_SECRET']),
  ];
  return required.filter((name) => !source[name]?.trim());
}

function missingGoogleOutsideLocalMode(source: Record<string, string | undefined>): string[] {
  const localMode = schema.shape.LOCAL_MODE.safeParse(source.LOCAL_MODE);
  if (!localMode.success || localMode.data || source.GOOGLE_ACCESS?.trim() === 'off') return [];
  return ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'TOKEN_ENCRYPTION_KEY'].filter((name) => !source[name]?.trim());
}

let cached: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Validates at start and stops the process with one readable line instead of a
 * stack trace, so a typo in .env is found before the first request.
 */
export function assertEnvOrExit(source: Record<string, string | undefined> = process.env): void {
  try {
    parseEnv(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n✖ Tenantry cannot start: ${error.issues.join('; ')}. See .env.example.\n`);
    process.exit(1);
  }
}
