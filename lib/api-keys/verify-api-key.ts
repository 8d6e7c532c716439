import 'server-only';
import { sql } from 'drizzle-orm';
import { AppError } from '@/lib/http/app-error';
import type { ApiKeyCaller } from '@/lib/tenant/caller';
import { asSystem } from '@/lib/tenant/system';
import { resultRows } from '@/lib/tenant/transaction';
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
  is_live: boolean;
  needs_touch: boolean;
}

/**
 * Turns `tnt_<public id>_<secret>` into the caller it stands for: the key,
 * acting for its creator in the key's organization with the key's role. Any
 * key that is malformed, unknown, wrong, revoked or expired is the same 401,
 * so a caller learns nothing about which. One indexed query (by public id),
 * outside row level security because nobody is known yet, before any tenant
 * transaction opens; the database checks the key again on every statement of
 * that transaction (0012_api_key_rules).
 */
export async function verifyApiKey(token: string): Promise<ApiKeyCaller> {
  const parts = parseApiKey(token);
  if (!parts) throw invalidKey();
  const [row] = await asSystem('api-key-verify', async (tx) =>
    resultRows<KeyRow>(
      await tx.execute(sql`
        select id, name, role, secret_hash, created_by, organization_id,
               revoked_at is null and (expires_at is null or expires_at > now()) as is_live,
               last_used_at is null or last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}) as needs_touch
        from api_keys
        where public_id = ${parts.publicId}`),
    ),
  );
  // Unknown ids still cost one hash, so timing does not tell which public ids exist.
  const matches = secretMatches(parts.secret, row?.secret_hash ?? '0'.repeat(64), apiKeyPepper());
  if (!row || !matches || !row.is_live) throw invalidKey();
  if (row.needs_touch) await touchApiKey(row.id);
  return {
    kind: 'api-key',
    keyId: row.id,
    keyName: row.name,
    organizationId: row.organization_id,
    role: row.role,
    userId: row.created_by,
    email: null,
  };
}

/** The guard in `where` makes concurrent requests write it once. */
async function touchApiKey(id: string): Promise<void> {
  await asSystem('api-key-verify', (tx) =>
    tx.execute(sql`
      update api_keys set last_used_at = now()
      where id = ${id} and (last_used_at is null or last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))`),
  );
}

function invalidKey(): AppError {
  return new AppError('unauthorized', 'The API key is invalid, revoked or expired.');
}
