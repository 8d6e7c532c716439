import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { memberships, organizations, type Membership, type MembershipRole, type Organization } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { AppError, notFound } from '@/lib/http/app-error';
import { preparedQuery } from './prepared-query';
import { hasAtLeast } from './roles';
import { rememberedScopes } from './remembered-scopes';
import { asUser, type Transaction, type TransactionOptions } from './transaction';

/** Everything a tenant operation needs: who acts, in which organization, with which role, in which transaction. */
export interface TenantScope {
  tx: Transaction;
  caller: Caller;
  organization: Organization;
  membership: Membership;
}

/** The membership check's query, which every tenant request runs: written once per process. */
const membershipQuery = preparedQuery((tx) =>
  tx
    .select({ organization: organizations, membership: memberships })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, sql.placeholder('userId'))))
    .where(eq(organizations.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare('tenant_membership'),
);

/**
 * The one membership check. An organization the caller does not belong to is
 * "not found", exactly like one that does not exist, so slugs cannot be probed;
 * a member without the role gets "forbidden".
 */
export async function requireMembership(
  tx: Transaction,
  caller: Caller,
  slug: string,
  minimumRole: MembershipRole,
): Promise<{ organization: Organization; membership: Membership }> {
  const [row] = await membershipQuery(tx).execute({ userId: caller.userId, slug });
  if (!row) throw notFound('Organization');
  // api-keys: a key reaches its own organization only (row level security says the same), acting
  // with its own role, capped at its creator's.
  if (caller.kind === 'api-key' && caller.organizationId !== row.organization.id) throw notFound('Organization');
  const role = caller.kind === 'api-key' && !hasAtLeast(caller.role, row.membership.role) ? caller.role : row.membership.role;
  if (!hasAtLeast(role, minimumRole)) {
    throw new AppError('forbidden', `This needs the ${minimumRole} role or higher in this organization.`);
  }
  return { organization: row.organization, membership: { ...row.membership, role } };
}

/**
 * Checks membership and runs `work` in the same tenant transaction. The API
 * wrapper, server components and server actions all come through here.
 *
 *   const projects = await inOrganization(caller, slug, 'member', (scope) => listProjects(scope, page));
 *
 * With `readOnly`, `work` runs ahead of the membership check when this process
 * has seen the same caller in the same organization before: its first query
 * then leaves in the same write as BEGIN and the check (one round trip instead
 * of two). That is safe because the transaction is READ ONLY (Postgres
 * refuses any write), row level security scopes every query `work` makes to
 * the caller's own organizations, and its result is discarded, unread, unless
 * the check passes and finds the organization and membership exactly as
 * remembered; otherwise `work` runs again with what the check found.
 */
export function inOrganization<Result>(
  caller: Caller,
  slug: string,
  minimumRole: MembershipRole,
  work: (scope: TenantScope) => Promise<Result>,
  { readOnly = false }: TransactionOptions = {},
): Promise<Result> {
  // Postgres text cannot hold NUL, so such a slug names nothing; asking would be an encoding error.
  if (slug.includes('\u0000')) return Promise.reject(notFound('Organization'));
  return asUser(
    caller,
    async (tx) => {
      const remembered = readOnly ? rememberedScopes.recall(caller, slug) : undefined;
      const checking = requireMembership(tx, caller, slug, minimumRole);
      if (!remembered) {
        const found = await checking;
        rememberedScopes.remember(caller, slug, found);
        return work({ tx, caller, ...found });
      }
      const ahead = settled(work({ tx, caller, ...remembered.scope }));
      let found: MembershipFound;
      try {
        found = await checking;
      } catch (error) {
        rememberedScopes.forget(caller, slug);
        await ahead; // let its queries finish before the transaction is rolled back; its result is dropped
        throw error;
      }
      if (rememberedScopes.matches(remembered, found)) return (await ahead).unwrap();
      await ahead;
      rememberedScopes.remember(caller, slug, found);
      return work({ tx, caller, ...found });
    },
    { readOnly },
  );
}

type MembershipFound = Awaited<ReturnType<typeof requireMembership>>;

/** A promise's outcome, kept without throwing until asked for. */
async function settled<Value>(promise: Promise<Value>): Promise<{ unwrap(): Value }> {
  try {
    const value = await promise;
    return { unwrap: () => value };
  } catch (error) {
    return {
      unwrap: () => {
        throw error;
      },
    };
  }
}
