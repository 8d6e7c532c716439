import 'server-only';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { apiKeys, type ApiKey } from '@/db/schema';
import { notFound } from '@/lib/http/app-error';
import type { TenantScope } from '@/lib/tenant/membership';
import { resultRows } from '@/lib/tenant/transaction';
import type { ApiKeyView, createApiKeyInput, createdApiKeySchema } from './schema';
import { formatApiKey, generateApiKeyParts, hashSecret } from './key-format';
import { apiKeyPepper } from './pepper';

// Everything but the hash, which `authenticated` may not even select (0012_api_key_rules).
const visibleColumns = Object.fromEntries(
  Object.entries(getTableColumns(apiKeys)).filter(([name]) => name !== 'secretHash'),
) as Omit<ReturnType<typeof getTableColumns<typeof apiKeys>>, 'secretHash'>;

/** The organization's keys, newest first; the secret is never stored, and its hash never leaves the database. */
export async function listApiKeys(scope: TenantScope): Promise<ApiKeyView[]> {
  const rows = await scope.tx
    .select(visibleColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, scope.organization.id))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(500);
  return rows.map(presentApiKey);
}

/**
 * Makes a key and returns it, the only time it is ever shown. The database
 * checks the rest (tenantry.create_api_key): the caller is a person who is an
 * admin or owner, the role is not above theirs, the plan has room (402).
 */
export async function createApiKey(
  scope: TenantScope,
  input: z.infer<typeof createApiKeyInput>,
): Promise<z.infer<typeof createdApiKeySchema>> {
  const parts = generateApiKeyParts();
  const [created] = resultRows<{ id: string }>(
    await scope.tx.execute(sql`select tenantry.create_api_key(
      ${scope.organization.id}::uuid, ${input.name}::text, ${input.role}::membership_role,
      ${input.expires_at}::timestamptz, ${parts.publicId}::text, ${hashSecret(parts.secret, apiKeyPepper())}::text) as id`),
  );
  const [row] = await scope.tx.select(visibleColumns).from(apiKeys).where(eq(apiKeys.id, created!.id));
  if (!row) throw new Error('the API key just created is not visible to its creator');
  return { api_key: presentApiKey(row), key: formatApiKey(parts) };
}

/** Revokes a key at once; revoking twice is harmless. */
export async function revokeApiKey(scope: TenantScope, apiKeyId: string): Promise<ApiKeyView> {
  await scope.tx.execute(sql`select tenantry.revoke_api_key(${scope.organization.id}::uuid, ${apiKeyId}::uuid)`);
  const [row] = await scope.tx
    .select(visibleColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organizationId, scope.organization.id)));
  if (!row) throw notFound('API key');
  return presentApiKey(row);
}

function presentApiKey(row: Omit<ApiKey, 'secretHash'>): ApiKeyView {
  const status = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= Date.now() ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'member',
    prefix: `tnt_${row.publicId}`,
    status,
    created_by: row.createdBy,
    expires_at: row.expiresAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
