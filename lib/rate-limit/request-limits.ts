import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { clientIp } from './client-ip';
import { hitRateLimit } from './limiter';
import type { RateLimitedAction, RateLimitScope } from './limits';

/**
 * The app's limits on one request, per IP and per user, as RATE_LIMITS sets
 * them (lib/rate-limit/limits.ts). The API wrapper calls these for a route
 * declared with `rateLimit`; server actions and pages call them the same way.
 * Over the limit is `429 rate_limited` with `Retry-After`.
 */

/** Counts the request against the caller's IP, when it is known (client-ip.ts). Call it before authenticating. */
export async function limitByIp(action: RateLimitedAction, headers: Pick<Headers, 'get'>): Promise<void> {
  const { TRUSTED_PROXIES, VERCEL } = env();
  const ip = clientIp(headers, { trustedProxies: TRUSTED_PROXIES, onVercel: VERCEL });
  if (ip) await enforce(action, 'ip', ip);
}

/** Counts the request against the verified user. */
export async function limitByUser(action: RateLimitedAction, userId: string): Promise<void> {
  await enforce(action, 'user', userId);
}

async function enforce(action: RateLimitedAction, scope: RateLimitScope, key: string): Promise<void> {
  const limit = env().rateLimits[action][scope];
  if (!limit) return;
  const outcome = await hitRateLimit(`${action}:${scope}`, key, limit);
  if (!outcome.allowed) throw tooManyRequests(outcome.retryAfterSeconds);
}

export function tooManyRequests(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `Too many requests. Please try again in ${describeWait(retryAfterSeconds)}.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
