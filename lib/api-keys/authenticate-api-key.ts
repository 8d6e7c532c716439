import 'server-only';
import type { NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { hitRateLimit } from '@/lib/rate-limit/limiter';
import type { RateLimit } from '@/lib/rate-limit/limits';
import { tooManyRequests } from '@/lib/rate-limit/request-limits';
import type { ApiKeyCaller } from '@/lib/tenant/caller';
import { looksLikeApiKey } from './key-format';
import { verifyApiKey } from './verify-api-key';

const DEFAULT_KEY_RATE_LIMIT: RateLimit = { limit: 600, windowSeconds: 60 };

/** The `tnt_…` token of `Authorization: Bearer tnt_…`, or null when the request carries something else. */
export function bearerApiKey(request: NextRequest): string | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  return token !== undefined && looksLikeApiKey(token) ? token : null;
}

/**
 * The caller a key stands for, on a route that `accepted` keys; a valid key
 * on any other route is 403 `person_required` (it is checked first, so a bad
 * key is 401 everywhere). Each key has its own request budget
 * (API_KEY_RATE_LIMIT), counted after it verified, so junk keys cannot spend it.
 */
export async function authenticateApiKey(token: string, { accepted }: { accepted: boolean }): Promise<ApiKeyCaller> {
  const caller = await verifyApiKey(token);
  if (!accepted) {
    throw new AppError('person_required', 'API keys cannot call this; it is for a signed-in person.');
  }
  const limit = apiKeyRateLimit();
  if (limit) {
    const outcome = await hitRateLimit('api_keys', caller.keyId, limit);
    if (!outcome.allowed) throw tooManyRequests(outcome.retryAfterSeconds);
  }
  return caller;
}

function apiKeyRateLimit(): RateLimit | null {
  const setting = env().API_KEY_RATE_LIMIT?.trim();
  if (!setting) return DEFAULT_KEY_RATE_LIMIT;
  if (setting === 'off') return null;
  const [limit, windowSeconds] = setting.split('/').map(Number) as [number, number];
  return { limit: Math.max(1, limit), windowSeconds: Math.max(1, windowSeconds) };
}
