import type { Metadata } from 'next';
import { Badge } from '@/app/_components/ui/badge';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import type { ApiKeyView } from '@/lib/api-keys/schema';
import { listApiKeys } from '@/lib/api-keys/service';
import { currentPlan, usageOf } from '@/lib/billing/entitlements';
import { PlanUsage } from '../../_components/plan-usage';
import { RoleSync } from '../../_components/role-sync';
import { formatDate, formatRelative } from '../../_lib/format';
import { readInOrganization } from '@/lib/auth/page-access';
import { CreateApiKeyButton, RevokeApiKeyButton } from './api-key-dialogs';

export const metadata: Metadata = { title: 'API keys' };

const STATUS_TONE = { active: 'success', revoked: 'neutral', expired: 'warning' } as const;

export default async function ApiKeysPage({ params }: PageProps<'/dashboard/[org]/api-keys'>) {
  const { org: slug } = await params;
  const { organization, role, apiKeys, plan, used } = await readInOrganization(slug, 'admin', async (scope) => ({
    organization: scope.organization,
    role: scope.membership.role,
    apiKeys: await listApiKeys(scope),
    plan: await currentPlan(scope.tx, scope.organization.id),
    used: (await usageOf(scope.tx, scope.organization.id)).apiKeys,
  }));

  return (
    <div className="space-y-6">
      <RoleSync role={role} />
      <PageHeader
        title="API keys"
        description={
          <>
            <p>
              Servers and scripts call the API for {organization.name} with a key: <code className="font-mono text-xs">Authorization: Bearer tnt_…</code>.
              A key acts as the person who created it, with its own role, in this organization only.
            </p>
            <PlanUsage slug={slug} used={used} limit={plan.limits.apiKeys} noun="active keys" planName={plan.name} />
          </>
        }
        actions={<CreateApiKeyButton slug={slug} />}
      />
      {apiKeys.length === 0 ? (
        <EmptyState title="No API keys yet">A key is shown once, when it is created; only a hash of it is kept.</EmptyState>
      ) : (
        <Table caption={`API keys of ${organization.name}`}>
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>Role</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader className="hidden md:table-cell">Last used</TableHeader>
              <TableHeader className="hidden md:table-cell">Expires</TableHeader>
              <TableHeader>
                <span className="sr-only">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {apiKeys.map((apiKey) => (
              <ApiKeyRow key={apiKey.id} slug={slug} apiKey={apiKey} />
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

function ApiKeyRow({ slug, apiKey }: { slug: string; apiKey: ApiKeyView }) {
  return (
    <TableRow>
      <TableCell className="w-full max-w-0">
        <div className="truncate font-medium text-slate-900 dark:text-slate-100">{apiKey.name}</div>
        <div className="truncate font-mono text-xs text-slate-600 dark:text-slate-400">{apiKey.prefix}_…</div>
      </TableCell>
      <TableCell>
        <RoleBadge role={apiKey.role} />
      </TableCell>
      <TableCell>
        <Badge tone={STATUS_TONE[apiKey.status]}>{apiKey.status[0]!.toUpperCase() + apiKey.status.slice(1)}</Badge>
      </TableCell>
      <TableCell className="hidden whitespace-nowrap md:table-cell">
        {apiKey.last_used_at ? <time dateTime={apiKey.last_used_at}>{formatRelative(apiKey.last_used_at)}</time> : 'Never'}
      </TableCell>
      <TableCell className="hidden whitespace-nowrap md:table-cell">
        {apiKey.expires_at ? <time dateTime={apiKey.expires_at}>{formatDate(apiKey.expires_at)}</time> : 'Never'}
      </TableCell>
      <TableCell className="text-right">{apiKey.status === 'active' && <RevokeApiKeyButton slug={slug} apiKey={apiKey} />}</TableCell>
    </TableRow>
  );
}
