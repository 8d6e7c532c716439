import 'server-only';
import { sql } from 'drizzle-orm';
import { asSystem } from '@/lib/tenant/system';
import { resultRows } from '@/lib/tenant/transaction';
import type { RateLimit } from './limits';

export interface RateLimitOutcome {
  allowed: boolean;
  /** Hits counted in the current window, this one included (capped just above the limit). */
  hits: number;
  /** Seconds until the window ends and hits are allowed again; meaningful when not allowed. */
  retryAfterSeconds: number;
}

/** How many hits this process makes between sweeps of ended windows. */
const HITS_PER_SWEEP = 200;
let hitsSinceSweep = 0;

/**
 * The generic limiter: counts one hit on `key` in `bucket` and says whether it
 * is within `limit.limit` hits per `limit.windowSeconds` (a fixed window that
 * starts at the first hit). Counted in the database by
 * tenantry.rate_limit_hit in one statement, so every app instance shares the
 * count and concurrent hits cannot get past the limit together.
 *
 *   await hitRateLimit('api_keys', apiKey.id, { limit: 1000, windowSeconds: 3600 })
 *
 * Runs as the database owner outside any tenant transaction: call it before
 * opening one (PGlite has one connection, so it would wait for that transaction).
 */
export async function hitRateLimit(bucket: string, key: string, limit: RateLimit): Promise<RateLimitOutcome> {
  const [row] = resultRows<{ allowed: boolean; hit_count: number; retry_after_seconds: number }>(
    await asSystem('rate-limit', (tx) =>
      tx.execute(
        sql`select allowed, hit_count, retry_after_seconds from tenantry.rate_limit_hit(${bucket}::text, ${key}::text, ${limit.limit}::integer, ${limit.windowSeconds}::integer)`,
      ),
    ),
  );
  if (!row) throw new Error('tenantry.rate_limit_hit returned no row');
  if (++hitsSinceSweep >= HITS_PER_SWEEP) {
    hitsSinceSweep = 0;
    await sweepRateLimits();
  }
  return { allowed: row.allowed, hits: Number(row.hit_count), retryAfterSeconds: Number(row.retry_after_seconds) };
}

/** Deletes counters whose window has ended (they count for nothing); returns how many went. */
export async function sweepRateLimits(batch = 1000): Promise<number> {
  const [row] = resultRows<{ swept: number }>(
    await asSystem('rate-limit', (tx) => tx.execute(sql`select tenantry.rate_limit_sweep(${batch}::integer) as swept`)),
  );
  return Number(row?.swept ?? 0);
}
