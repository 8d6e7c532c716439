import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { AUTH_EMULATOR_URL, STRIPE_STAND_IN_SECRET_KEY, STRIPE_STAND_IN_WEBHOOK_SECRET } from '@/lib/local-stand-ins';

const LOCAL = { LOCAL_MODE: '1' };
/** Everything a server outside local mode needs. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:secret@db.example.com:5432/app',
  NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co',
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x',
  STRIPE_SECRET_KEY: 'sk_live_123',
  STRIPE_WEBHOOK_SECRET: 'whsec_real_endpoint_secret',
  SMTP_URL: 'smtps://resend:re_key@smtp.resend.com:465',
  EMAIL_FROM: 'Tenantry <hello@example.com>',
  OUTBOX_SECRET: 'a-long-random-outbox-secret-of-32-chars',
  CRON_SECRET: 'a-long-random-cron-secret',
  GOOGLE_CLIENT_ID: '1234-abc.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-real',
  TOKEN_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  API_KEY_PEPPER: 'a-random-secret-of-at-least-32-characters',
};

function issuesOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.issues;
    throw error;
  }
  return [];
}

describe('environment', () => {
  it('runs in local mode with nothing configured', () => {
    const env = parseEnv(LOCAL);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.isLocalAuth).toBe(true);
    expect(env.supabaseUrl).toBe(AUTH_EMULATOR_URL);
    expect(env.billingMode).toBe('stand-in');
    expect(env.NEXT_PUBLIC_SITE_URL).toBe('http://localhost:3000');
    expect(env.LOCAL_DATA_DIR).toBe('.data');
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const env = parseEnv({ ...LOCAL, DATABASE_URL: '', NEXT_PUBLIC_SUPABASE_URL: '', STRIPE_SECRET_KEY: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.isLocalAuth).toBe(true);
  });

  it('names the variable and what it expects when DATABASE_URL is not a PostgreSQL URL', () => {
    const issues = issuesOf({ ...LOCAL, DATABASE_URL: 'mysql://localhost/app' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection URL/);
  });

  it('sizes the database pool and turns prepared statements off for a transaction pooler, refusing anything else', () => {
    expect(parseEnv(LOCAL)).toMatchObject({ DATABASE_POOL_SIZE: 10, DATABASE_PREPARED_STATEMENTS: 'on' });
    expect(parseEnv({ ...LOCAL, DATABASE_POOL_SIZE: '4', DATABASE_PREPARED_STATEMENTS: 'off' })).toMatchObject({
      DATABASE_POOL_SIZE: 4,
      DATABASE_PREPARED_STATEMENTS: 'off',
    });
    expect(issuesOf({ ...LOCAL, DATABASE_POOL_SIZE: '0' })[0]).toMatch(/^DATABASE_POOL_SIZE must be at least 1/);
    expect(issuesOf({ ...LOCAL, DATABASE_POOL_SIZE: 'ten' })[0]).toMatch(/^DATABASE_POOL_SIZE must be a whole number/);
    expect(issuesOf({ ...LOCAL, DATABASE_PREPARED_STATEMENTS: 'false' })[0]).toMatch(/^DATABASE_PREPARED_STATEMENTS must be on or off/);
  });

  it('rejects a Supabase URL that is not http(s)', () => {
    expect(issuesOf({ ...LOCAL, NEXT_PUBLIC_SUPABASE_URL: 'abcd.supabase.co' })[0]).toMatch(/^NEXT_PUBLIC_SUPABASE_URL must be an http\(s\) URL/);
  });

  it('requires the publishable key once a real Supabase project is configured', () => {
    expect(issuesOf({ ...LOCAL, NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co' })[0]).toMatch(
      /NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required/,
    );
    const env = parseEnv({ ...LOCAL, NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co/', NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x' });
    expect(env.isLocalAuth).toBe(false);
    expect(env.supabaseUrl).toBe('https://abcd.supabase.co');
  });

  it('rejects a Stripe key of the wrong kind and a key without its webhook secret', () => {
    expect(issuesOf({ ...LOCAL, STRIPE_SECRET_KEY: 'pk_test_123' })[0]).toMatch(/^STRIPE_SECRET_KEY must be a Stripe secret key/);
    expect(issuesOf({ ...LOCAL, STRIPE_SECRET_KEY: 'sk_test_123' })[0]).toMatch(/STRIPE_WEBHOOK_SECRET is required/);
  });

  it('reports every bad variable at once', () => {
    expect(issuesOf({ ...LOCAL, DATABASE_URL: 'nope', NODE_ENV: 'staging' })).toHaveLength(2);
  });

  it('outside local mode, refuses to start with nothing configured and names every missing variable in one line', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      const issues = issuesOf({ NODE_ENV });
      expect(issues).toEqual([
        'missing DATABASE_URL, NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, ' +
          'API_KEY_PEPPER, SMTP_URL, EMAIL_FROM, OUTBOX_SECRET, CRON_SECRET ' +
          '(outside local mode every service must be configured; BILLING=off runs without Stripe; EMAIL=off runs without email)',
        'missing GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, TOKEN_ENCRYPTION_KEY ' +
          '(Google API access needs them outside local mode; GOOGLE_ACCESS=off runs without)',
      ]);
    }
  });

  it('GOOGLE_ACCESS=off is the one way to run without Google credentials outside local mode, and a bad key is named', () => {
    const withoutGoogle = { ...PRODUCTION, GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '', TOKEN_ENCRYPTION_KEY: '' };
    expect(issuesOf(withoutGoogle)[0]).toMatch(/^missing GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, TOKEN_ENCRYPTION_KEY /);
    expect(parseEnv({ ...withoutGoogle, GOOGLE_ACCESS: 'off' }).GOOGLE_ACCESS).toBe('off');
    expect(parseEnv(LOCAL).GOOGLE_ACCESS).toBe('on');
    expect(issuesOf({ ...PRODUCTION, TOKEN_ENCRYPTION_KEY: 'k1:short' })[0]).toMatch(/^TOKEN_ENCRYPTION_KEY key k1 must be 32 bytes/);
  });

  it('outside local mode, one forgotten variable is enough to refuse, and it is named', () => {
    for (const name of Object.keys(PRODUCTION).filter((key) => key !== 'NODE_ENV')) {
      const issues = issuesOf({ ...PRODUCTION, [name]: '' });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(new RegExp(`^missing ${name} `));
    }
  });

  it('names the missing variables together with a malformed one', () => {
    const issues = issuesOf({ ...PRODUCTION, DATABASE_URL: 'mysql://db/app', STRIPE_WEBHOOK_SECRET: '' });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^DATABASE_URL must be a PostgreSQL/);
    expect(issues[1]).toMatch(/^missing STRIPE_WEBHOOK_SECRET /);
  });

  it('a fully configured server outside local mode uses the real services and no stand-in', () => {
    const env = parseEnv(PRODUCTION);
    expect(env.LOCAL_MODE).toBe(false);
    expect(env.isLocalAuth).toBe(false);
    expect(env.supabaseUrl).toBe('https://abcd.supabase.co');
    expect(env.billingMode).toBe('stripe');
  });

  it('BILLING=off is the one way to run without Stripe outside local mode', () => {
    const withoutStripe = { ...PRODUCTION, STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };
    expect(issuesOf(withoutStripe)[0]).toMatch(/^missing STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET \(/);
    expect(parseEnv({ ...withoutStripe, BILLING: 'off' }).billingMode).toBe('off');
    expect(parseEnv({ ...LOCAL, BILLING: 'off' }).billingMode).toBe('off');
    expect(issuesOf({ ...withoutStripe, BILLING: 'none' })[0]).toMatch(/^BILLING must be stripe or off/);
  });

  it('refuses the Stripe stand-in\'s published secrets outside local mode', () => {
    expect(issuesOf({ ...PRODUCTION, STRIPE_WEBHOOK_SECRET: STRIPE_STAND_IN_WEBHOOK_SECRET })[0]).toMatch(
      /^STRIPE_WEBHOOK_SECRET must not be the local Stripe stand-in's published value/,
    );
    expect(issuesOf({ ...PRODUCTION, STRIPE_SECRET_KEY: STRIPE_STAND_IN_SECRET_KEY })[0]).toMatch(/^STRIPE_SECRET_KEY must not be/);
  });

  it('local mode is on only when LOCAL_MODE says so', () => {
    for (const value of ['1', 'true', 'TRUE', 'yes', 'on']) expect(parseEnv({ LOCAL_MODE: value }).LOCAL_MODE).toBe(true);
    for (const value of ['', '0', 'false', 'off']) expect(issuesOf({ LOCAL_MODE: value })[0]).toMatch(/^missing DATABASE_URL/);
    expect(issuesOf({ LOCAL_MODE: 'maybe' })[0]).toMatch(/^LOCAL_MODE must be 1 or 0/);
  });
});
