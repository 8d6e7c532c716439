import { describe, expect, it } from 'vitest';
import { EnvError, LOCAL_SUPABASE_URL, parseEnv } from '@/lib/env';

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
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.isLocalAuth).toBe(true);
    expect(env.supabaseUrl).toBe(LOCAL_SUPABASE_URL);
    expect(env.NEXT_PUBLIC_SITE_URL).toBe('http://localhost:3000');
    expect(env.LOCAL_DATA_DIR).toBe('.data');
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const env = parseEnv({ DATABASE_URL: '', NEXT_PUBLIC_SUPABASE_URL: '', STRIPE_SECRET_KEY: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.isLocalAuth).toBe(true);
  });

  it('names the variable and what it expects when DATABASE_URL is not a PostgreSQL URL', () => {
    const issues = issuesOf({ DATABASE_URL: 'mysql://localhost/app' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection URL/);
  });

  it('rejects a Supabase URL that is not http(s)', () => {
    expect(issuesOf({ NEXT_PUBLIC_SUPABASE_URL: 'abcd.supabase.co' })[0]).toMatch(/^NEXT_PUBLIC_SUPABASE_URL must be an http\(s\) URL/);
  });

  it('requires the publishable key once a real Supabase project is configured', () => {
    expect(issuesOf({ NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co' })[0]).toMatch(
      /NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is required/,
    );
    const env = parseEnv({ NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co/', NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x' });
    expect(env.isLocalAuth).toBe(false);
    expect(env.supabaseUrl).toBe('https://abcd.supabase.co');
  });

  it('rejects a Stripe key of the wrong kind and a key without its webhook secret', () => {
    expect(issuesOf({ STRIPE_SECRET_KEY: 'pk_test_123' })[0]).toMatch(/^STRIPE_SECRET_KEY must be a Stripe secret key/);
    expect(issuesOf({ STRIPE_SECRET_KEY: 'sk_test_123' })[0]).toMatch(/STRIPE_WEBHOOK_SECRET is required/);
  });

  it('reports every bad variable at once', () => {
    expect(issuesOf({ DATABASE_URL: 'nope', NODE_ENV: 'staging' })).toHaveLength(2);
  });
});
