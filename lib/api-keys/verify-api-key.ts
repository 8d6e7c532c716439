import 'server-only';
import { sql } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { resultRows } from '@/lib/tenancy/tenant-transaction';
import { parseApiKey, secretMatches } from './key-format';
import { apiKeyPepper } from './pepper';

/** last_used_at is a hint for people ("used 3 minutes ago"), so it is written at most this often per key. */
const LAST_USED_RESOLUTION_SECONDS = 60;

interface KeyRow {
  id: string;
  name: string;
  role: 'admin' | 'member';
  secret_hash: string;
  created_by: string;
  organization_id: string;
  slug: string;
  is_live: boolean;
  needs_touch: boolean;
}

/**
 * Turns `tnt_<public id>_<secret>` into the caller it stands for: the key's
 * creator, acting in the key's organization with the key's role. Any key that
 * is malformed, unknown, wrong, revoked or expired is the same 401, so a
 * caller learns nothing about which. One indexed query (by public id), as the
 * database owner, before any tenant transaction opens; the database checks
 * the key again on every statement of that transaction (0012_api_key_rules).
 */
export async function verifyApiKey(token: string): Promise<Caller> {
  const parts = parseApiKey(token);
  if (!parts) throw invalidKey();
  const db = await getDatabase();
  const [row] = resultRows<KeyRow>(
    await db.execute(sql`
      select k.id, k.name, k.role, k.secret_hash, k.created_by, k.organization_id, o.slug,
             k.revoked_at is null and (k.expires_at is null or k.expires_at > now()) as is_live,
             k.last_used_at is null or k.last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}) as needs_touch
      from api_keys k join organizations o on o.id = k.organization_id
      where k.public_id = ${parts.publicId}`),
  );
  // Unknown ids still cost one hash, so timing does not tell which public ids exist.
  const matches = secretMatches(parts.secret, row?.secret_hash ?? '0'.repeat(64), apiKeyPepper());
  if (!row || !matches || !row.is_live) throw invalidKey();
  if (row.needs_touch) await touchApiKey(row.id);
  return {
    userId: row.created_by,
    email: null,
    claims: {
      sub: row.created_by,
      role: 'authenticated',
      api_key: { id: row.id, organization_id: row.organization_id, role: row.role },
    },
    apiKey: { id: row.id, name: row.name, organizationId: row.organization_id, organizationSlug: row.slug, role: row.role },
  };
}

/** The guard in `where` makes concurrent requests write it once. */
async function touchApiKey(id: string): Promise<void> {
  const db = await getDatabase();
  await db.execute(sql`
    update api_keys set last_used_at = now()
    where id = ${id} and (last_used_at is null or last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))`);
}

function invalidKey(): AppError {
  return new AppError('unauthorized', 'The API key is invalid, revoked or expired.');
}
