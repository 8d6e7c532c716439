import 'server-only';
import { profileFieldsFromMetadata, upsertProfile } from '@/lib/profiles/upsert-profile';
import type { AccessTokenClaims } from './verify-access-token';

/** How long this process trusts that a user's profile row exists and is fresh. */
const REFRESH_INTERVAL_MS = 10 * 60_000;
const MAX_REMEMBERED_USERS = 10_000;

const refreshedAt = new Map<string, number>();

/**
 * Gives API-only users (who never went through the web sign-in callback) a
 * profile row, which memberships reference. Writes at most once per user per
 * interval per process, so a busy API does not turn every read into a write.
 */
export async function ensureProfile(claims: AccessTokenClaims): Promise<void> {
  const now = Date.now();
  const last = refreshedAt.get(claims.sub);
  if (last !== undefined && now - last < REFRESH_INTERVAL_MS) return;

  await upsertProfile({
    id: claims.sub,
    email: claims.email ?? '',
    ...profileFieldsFromMetadata(claims.userMetadata),
  });
  if (refreshedAt.size >= MAX_REMEMBERED_USERS) refreshedAt.clear();
  refreshedAt.set(claims.sub, now);
}
