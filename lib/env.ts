import { z } from 'zod';

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

export const LOCAL_SUPABASE_URL = 'http://127.0.0.1:54321';
/** The key local mode hands the Supabase clients; the auth emulator accepts any key. */
export const LOCAL_SUPABASE_PUBLISHABLE_KEY = 'sb_publishable_local_emulator_key';
/** The auth emulator's admin key (scripts/auth-emulator/constants.ts); it opens nothing but the emulator. */
export const LOCAL_SUPABASE_SECRET_KEY = 'sb_secret_local_emulator_key';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),

  // Database
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  LOCAL_DATA_DIR: optionalString.default('.data'),

  // Site
  NEXT_PUBLIC_SITE_URL: z.preprocess(emptyAsUndefined, httpUrl('http://localhost:3000').default('http://localhost:3000')),

  // Supabase
  NEXT_PUBLIC_SUPABASE_URL: z.preprocess(emptyAsUndefined, httpUrl('https://abcd.supabase.co').optional()),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
  /** Server only: the secret key (or legacy service_role key) for the Auth admin API, used to delete accounts. */
  SUPABASE_SECRET_KEY: optionalString,
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
  /** Where the Stripe API is; unset: api.stripe.com with a key, the local stand-in (http://127.0.0.1:12111) without. */
  STRIPE_API_BASE: z.preprocess(emptyAsUndefined, httpUrl('http://127.0.0.1:12111').optional()),
});

type RawEnv = z.infer<typeof schema>;

export interface Env extends RawEnv {
  /** True when no Supabase project is configured and the local auth emulator stands in. */
  isLocalAuth: boolean;
  supabaseUrl: string;
  supabasePublishableKey: string;
  /** The Auth admin API's key: the local emulator's in local mode; undefined when a project is configured without one. */
  supabaseSecretKey: string | undefined;
}

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment: ${issues.join('; ')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  const env = result.data;
  const isLocalAuth = env.NEXT_PUBLIC_SUPABASE_URL === undefined;
  if (!isLocalAuth && env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY === undefined) {
    throw new EnvError([
      'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required when NEXT_PUBLIC_SUPABASE_URL is set (Supabase dashboard > Project Settings > API Keys)',
    ]);
  }
  if (env.STRIPE_SECRET_KEY !== undefined && env.STRIPE_WEBHOOK_SECRET === undefined) {
    throw new EnvError(['STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (whsec_... from the webhook endpoint)']);
  }
  return {
    ...env,
    isLocalAuth,
    supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL ?? LOCAL_SUPABASE_URL,
    supabasePublishableKey: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? LOCAL_SUPABASE_PUBLISHABLE_KEY,
    supabaseSecretKey: env.SUPABASE_SECRET_KEY ?? (isLocalAuth ? LOCAL_SUPABASE_SECRET_KEY : undefined),
  };
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
